import { Link, useNavigate, useParams } from "react-router";
import { RUN_PHASE_LABELS } from "../../../../shared/runs";
import { Button } from "../../../components/button";
import { ErrorSummary } from "../../../components/error-summary";
import { BackLink } from "../../../components/links";
import { SummaryList, Table, Tag } from "../../../components/nhs";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { isApiError } from "../../../lib/api-client";
import { flash } from "../../../lib/flash";
import { formatDate, formatDateTime } from "../../../lib/format";
import { usePageTitle } from "../../../lib/page-title";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useDeleteRun, useRunOverview } from "../api/runs";
import {
  courseEngagementPath,
  editRunPath,
  FACILITATE_PATH,
  runBoardPath,
  runEngagementPath,
} from "../components/run-paths";
import { ukDaySpan } from "../components/run-words";

/** /facilitate/runs/:runId: the run overview — dates, phase, facilitators, members, and the run's other pages. */
export function RunOverviewPage() {
  const { runId = "" } = useParams();
  const navigate = useNavigate();
  const overview = useRunOverview(runId);
  const remove = useDeleteRun(runId);
  const form = useFormErrors([]);
  usePageTitle(overview.data?.run.title ?? "Course run", form.summary.length > 0);

  if (overview.isPending) return <LoadingPage title="Course run" />;
  if (overview.isError) {
    return (
      <>
        <BackLink to={FACILITATE_PATH}>Facilitate</BackLink>
        <ProblemPage
          title={isApiError(overview.error, 404) ? "Course run not found" : "Sorry, there is a problem"}
          message={overview.error.message}
        />
      </>
    );
  }
  const { run, members, canDelete } = overview.data;
  const enc = encodeURIComponent;
  const links: Array<[string, string]> = [
    ["Discussions", `/facilitate/runs/${enc(run.id)}/discussions`],
    ["Board", runBoardPath(run.id)],
    ["Moderation", `/facilitate/runs/${enc(run.id)}/moderation`],
    ["Announcements", `/facilitate/runs/${enc(run.id)}/announcements`],
    ["Engagement", runEngagementPath(run.id)],
    ["Surveys", `/facilitate/runs/${enc(run.id)}/surveys`],
  ];
  const deleteRun = () => {
    if (remove.isPending) return;
    remove.mutate(undefined, {
      onSuccess: () =>
        navigate(FACILITATE_PATH, { state: flash("Run deleted", `${run.title} has been deleted.`) }),
      onError: form.showFailure,
    });
  };
  return (
    <>
      <BackLink to={FACILITATE_PATH}>Facilitate</BackLink>
      <ErrorSummary errors={form.summary} />
      <span className="nhsuk-caption-l">{run.courseTitle}</span>
      <h1>{run.title}</h1>
      <p>
        <Tag modifier={run.phase === "live" ? "green" : run.phase === "ended" ? "grey" : "blue"}>
          {RUN_PHASE_LABELS[run.phase]}
        </Tag>
      </p>
      <SummaryList>
        <SummaryList.Row>
          <SummaryList.Key>Opens</SummaryList.Key>
          <SummaryList.Value>{formatDateTime(run.opensAt)}</SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Facilitated live</SummaryList.Key>
          <SummaryList.Value>
            {ukDaySpan(run.liveStartsAt, run.liveEndsAt)}
            <br />
            <span className="nhsuk-body-s">
              {formatDateTime(run.liveStartsAt)} to {formatDateTime(run.liveEndsAt)}
            </span>
          </SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Comments close</SummaryList.Key>
          <SummaryList.Value>{formatDateTime(run.commentsCloseAt)}</SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Catch-up ends</SummaryList.Key>
          <SummaryList.Value>{formatDateTime(run.catchUpUntil)}</SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Facilitators</SummaryList.Key>
          <SummaryList.Value>
            {run.facilitators.length === 0 ? "None yet" : run.facilitators.map((f) => f.name).join(", ")}
          </SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Members</SummaryList.Key>
          <SummaryList.Value>{run.memberCount}</SummaryList.Value>
        </SummaryList.Row>
      </SummaryList>
      {run.canEdit ? (
        <p>
          <Link to={editRunPath(run.id)}>
            Change the run's details<span className="nhsuk-u-visually-hidden">: {run.title}</span>
          </Link>
        </p>
      ) : null}

      <h2>The run's pages</h2>
      <ul className="nhsuk-list nhsuk-list--bullet">
        {links.map(([label, to]) => (
          <li key={label}>
            <Link to={to}>{label}</Link>
          </li>
        ))}
        <li>
          <Link to={courseEngagementPath(run.courseId)}>Engagement across every run of the course</Link>
        </li>
        <li>
          <Link to={`/facilitate/courses/${enc(run.courseId)}/surveys`}>
            Survey results across every run of the course
          </Link>
        </li>
      </ul>

      <h2>Members</h2>
      {members.length === 0 ? (
        <p>Nobody has joined this run yet.</p>
      ) : (
        <Table caption={`Members (${members.length})`}>
          <Table.Head>
            <Table.Row>
              <Table.Cell>Name</Table.Cell>
              <Table.Cell>Joined</Table.Cell>
              <Table.Cell>Posting</Table.Cell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {members.map((m) => (
              <Table.Row key={m.userId}>
                <Table.Cell>{m.name}</Table.Cell>
                <Table.Cell>{formatDate(m.joinedAt)}</Table.Cell>
                <Table.Cell>{m.suspended ? <Tag modifier="red">Suspended</Tag> : "Can post"}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}

      {run.canEdit && canDelete ? (
        <>
          <h2>Delete this run</h2>
          <p>Nobody has joined it, so you can delete it. This cannot be undone.</p>
          <Button variant="warning" type="button" busy={remove.isPending} onClick={deleteRun}>
            Delete run<span className="nhsuk-u-visually-hidden">: {run.title}</span>
          </Button>
        </>
      ) : null}
    </>
  );
}
