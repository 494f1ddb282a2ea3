import { type FormEvent, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { SUSPENSION_REASON_MAX, SuspensionInputSchema } from "../../../../shared/moderation";
import { Button } from "../../../components/button";
import { CharacterCount } from "../../../components/character-count";
import { ErrorSummary } from "../../../components/error-summary";
import { BackLink } from "../../../components/links";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { isApiError } from "../../../lib/api-client";
import { flash } from "../../../lib/flash";
import { validateFields } from "../../../lib/form-errors";
import { formatDateTime } from "../../../lib/format";
import { usePageTitle } from "../../../lib/page-title";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useMemberStanding } from "../api/member-standing";
import { useSuspendMember } from "../api/suspend-member";
import { GUIDELINES_PATH, runModerationPath } from "../components/moderation-paths";

const FIELDS = ["reason"] as const;

/** /facilitate/runs/:runId/moderation/members/:userId/suspend: suspend a member from posting, with a reason. */
export function SuspendMemberPage() {
  const { runId = "", userId = "" } = useParams();
  const standing = useMemberStanding(runId, userId);
  const suspend = useSuspendMember(runId, userId);
  const navigate = useNavigate();
  const [reason, setReason] = useState("");
  const form = useFormErrors(FIELDS);
  const title = standing.data ? `Suspend ${standing.data.name} from posting` : "Suspend from posting";
  usePageTitle(title);

  const back = <BackLink to={runModerationPath(runId)}>Moderation</BackLink>;
  if (standing.isPending) return <LoadingPage title={title} />;
  if (standing.isError) {
    return (
      <>
        {back}
        <ProblemPage
          title={
            isApiError(standing.error, 404)
              ? "This person is not in the course run"
              : "Sorry, there is a problem"
          }
          message={standing.error.message}
        />
      </>
    );
  }
  const member = standing.data;
  if (member.suspendedAt) {
    return (
      <>
        {back}
        <ProblemPage
          title={`${member.name} is already suspended from posting`}
          message={`Suspended ${formatDateTime(member.suspendedAt)}${member.suspendedBy ? ` by ${member.suspendedBy}` : ""}. You can lift the suspension from the moderation page.`}
        />
      </>
    );
  }

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (suspend.isPending) return;
    if (form.showFieldErrors(validateFields({ reason: [SuspensionInputSchema.shape.reason, reason] })))
      return;
    suspend.mutate(
      { reason },
      {
        onSuccess: () =>
          navigate(runModerationPath(runId), {
            replace: true,
            state: flash(
              `${member.name} is suspended from posting`,
              "They can still read the discussions. We have emailed them the reason.",
            ),
          }),
        onError: (error) => form.showFailure(error),
      },
    );
  };

  return (
    <>
      {back}
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} />
          <h1>{title}</h1>
          <p>
            While suspended, {member.name} can read this run's discussions and carry on with the course, but
            cannot comment, reply, like or start topics in this run. We will email them your reason and a link
            to the <Link to={GUIDELINES_PATH}>community guidelines</Link>. You can lift the suspension at any
            time.
          </p>
          <form noValidate onSubmit={submit}>
            <CharacterCount
              id="reason"
              label="Why are you suspending them?"
              labelSize="s"
              hint="Say which guideline they broke, in words they will understand. At least 10 characters."
              value={reason}
              onChange={setReason}
              maxLength={SUSPENSION_REASON_MAX}
              error={form.errors.reason}
            />
            <Button variant="warning" busy={suspend.isPending}>
              Suspend from posting
            </Button>
          </form>
          <p>
            <Link to={runModerationPath(runId)}>Cancel</Link>
          </p>
        </div>
      </div>
    </>
  );
}
