import { type FormEvent, useState } from "react";
import { useNavigate, useParams, useSearchParams } from "react-router";
import { EvidenceCreateSchema, type PortfolioView } from "../../../../shared/portfolios";
import { Button } from "../../../components/button";
import { ErrorSummary } from "../../../components/error-summary";
import { BackLink } from "../../../components/links";
import { TextInput } from "../../../components/text-input";
import { Textarea } from "../../../components/textarea";
import { flash } from "../../../lib/flash";
import { validateFields } from "../../../lib/form-errors";
import { usePageTitle } from "../../../lib/page-title";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useAddEvidence } from "../api/portfolio";
import { CriteriaCheckboxes } from "../components/criteria-checkboxes";
import { LockedPage } from "../components/locked-page";
import { PortfolioLoader } from "../components/portfolio-loader";
import { portfolioPaths } from "../components/portfolio-paths";

const FIELDS = ["title", "url", "body", "criterionIds"] as const;
const linkShape = EvidenceCreateSchema.options[1].shape;

/** Adding a link as evidence. */
function LinkEvidenceForm({ portfolio }: { portfolio: PortfolioView }) {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const preselected = params.get("criterion");
  const [title, setTitle] = useState("");
  const [url, setUrl] = useState("");
  const [body, setBody] = useState("");
  const [criterionIds, setCriterionIds] = useState<string[]>(preselected ? [preselected] : []);
  const add = useAddEvidence(portfolio.enrolmentId);
  const form = useFormErrors(FIELDS);
  usePageTitle("Add a link", form.summary.length > 0);
  if (!portfolio.editable) return <LockedPage portfolio={portfolio} title="Add a link" />;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const fieldErrors = validateFields({
      title: [linkShape.title, title],
      url: [linkShape.url, url],
      body: [linkShape.body, body],
      criterionIds: [linkShape.criterionIds, criterionIds],
    });
    if (form.showFieldErrors(fieldErrors) || add.isPending) return;
    add.mutate(
      {
        kind: "link",
        revision: portfolio.revision,
        title: title.trim(),
        url: url.trim(),
        body: body.trim(),
        criterionIds,
      },
      {
        onSuccess: () =>
          navigate(portfolioPaths.overview(portfolio.enrolmentId), {
            state: flash("Link added", `"${title.trim()}" is in your portfolio.`),
          }),
        onError: form.showFailure,
      },
    );
  };

  return (
    <>
      <BackLink to={portfolioPaths.add(portfolio.enrolmentId)}>Back</BackLink>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} />
          <span className="nhsuk-caption-l">{portfolio.course.title}</span>
          <h1>Add a link</h1>
          <form noValidate onSubmit={submit}>
            <TextInput
              id="title"
              label="Title"
              hint="What the page is, like 'Our ward's published SPC chart'"
              value={title}
              onChange={setTitle}
              error={form.errors.title}
            />
            <TextInput
              id="url"
              label="Web address"
              hint="Starting with https:// or http://. Check your assessor can open it without signing in to your organisation's systems."
              value={url}
              onChange={setUrl}
              error={form.errors.url}
              spellCheck={false}
            />
            <Textarea
              id="body"
              label="Description (optional)"
              hint="What the page shows and your part in it"
              value={body}
              onChange={setBody}
              error={form.errors.body}
              rows={4}
            />
            <CriteriaCheckboxes
              portfolio={portfolio}
              values={criterionIds}
              onChange={setCriterionIds}
              error={form.errors.criterionIds}
            />
            <Button busy={add.isPending}>Add to your portfolio</Button>
          </form>
        </div>
      </div>
    </>
  );
}

/** /learning/:enrolmentId/portfolio/add/link */
export function LinkEvidencePage() {
  const { enrolmentId = "" } = useParams();
  return (
    <PortfolioLoader enrolmentId={enrolmentId} title="Add a link">
      {(portfolio) => <LinkEvidenceForm portfolio={portfolio} />}
    </PortfolioLoader>
  );
}
