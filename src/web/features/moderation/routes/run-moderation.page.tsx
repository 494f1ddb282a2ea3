import { Link, useLocation, useNavigate, useParams } from "react-router";
import {
  type HiddenComment,
  type ModerationAction,
  REPORT_REASON_LABELS,
  type ReportedComment,
  type SuspendedMember,
} from "../../../../shared/moderation";
import { Breadcrumbs } from "../../../components/breadcrumbs";
import { Button } from "../../../components/button";
import { RequestErrorSummary } from "../../../components/error-summary";
import { Tag } from "../../../components/nhs";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { isApiError } from "../../../lib/api-client";
import { flash } from "../../../lib/flash";
import { formatDateTime } from "../../../lib/format";
import { usePageTitle } from "../../../lib/page-title";
import { useLiftSuspension } from "../api/lift-suspension";
import { useModerateComment } from "../api/moderate-comment";
import { useRunModeration } from "../api/run-moderation";
import { CommentText, CommentWhere } from "../components/comment-text";
import {
  FACILITATE_PATH,
  GUIDELINES_PATH,
  OVERVIEW_PATH,
  removeCommentPath,
  runOverviewPath,
  suspendMemberPath,
} from "../components/moderation-paths";

const TITLE = "Moderation";

/** What each one-click action says afterwards. */
const DONE: Record<Exclude<ModerationAction, "remove">, [string, string]> = {
  hide: ["Comment hidden", "Learners no longer see it. You can restore it from the hidden comments below."],
  restore: ["Comment restored", "Learners can see it again."],
  dismiss: ["Reports dismissed", "The comment stays as it is and has left the reported list."],
};

/** /facilitate/runs/:runId/moderation: a run's reported comments, hidden comments and suspended members. */
export function RunModerationPage() {
  const { runId = "" } = useParams();
  const queue = useRunModeration(runId);
  const moderate = useModerateComment();
  const lift = useLiftSuspension(runId);
  const navigate = useNavigate();
  const location = useLocation();
  const title = queue.data ? `Moderation: ${queue.data.run.title}` : TITLE;
  usePageTitle(title);

  if (queue.isPending) return <LoadingPage title={TITLE} />;
  if (queue.isError) {
    return (
      <ProblemPage
        title={
          isApiError(queue.error, 404)
            ? "Course run not found"
            : isApiError(queue.error, 403)
              ? "You cannot moderate this course run"
              : "Sorry, there is a problem"
        }
        message={queue.error.message}
      >
        <p>
          <Link to={OVERVIEW_PATH}>Go to the moderation queue for all your runs</Link>
        </p>
      </ProblemPage>
    );
  }

  const { run, reported, hidden, suspended } = queue.data;
  const done = (heading: string, body: string) =>
    navigate(location.pathname, { replace: true, state: flash(heading, body) });

  const act = (commentId: string, action: Exclude<ModerationAction, "remove">) => {
    if (moderate.isPending) return;
    lift.reset();
    moderate.mutate({ commentId, action }, { onSuccess: () => done(...DONE[action]) });
  };

  const liftFor = (member: SuspendedMember) => {
    if (lift.isPending) return;
    moderate.reset();
    lift.mutate(member.userId, {
      onSuccess: () =>
        done(`Suspension lifted: ${member.name}`, `${member.name} can post in this run again.`),
    });
  };

  return (
    <>
      <Breadcrumbs
        items={[
          { to: FACILITATE_PATH, text: "Facilitate" },
          { to: runOverviewPath(run.id), text: run.title },
        ]}
      />
      <RequestErrorSummary error={moderate.error ?? lift.error} />
      <span className="nhsuk-caption-l">
        {run.courseTitle}: {run.title}
      </span>
      <h1>{TITLE}</h1>
      <p>
        Look at what learners have reported against the <Link to={GUIDELINES_PATH}>community guidelines</Link>
        . Hide a comment while you decide (you can restore it), remove it when it must never be shown again,
        or dismiss the reports when it is fine. Every action is recorded.
      </p>
      <nav aria-label="On this page">
        <ul className="nhsuk-list">
          <li>
            <a href="#reported">Reported ({reported.length})</a>
          </li>
          <li>
            <a href="#hidden">Hidden ({hidden.length})</a>
          </li>
          <li>
            <a href="#suspended">Suspended members ({suspended.length})</a>
          </li>
        </ul>
      </nav>

      <h2 id="reported">Reported ({reported.length})</h2>
      {reported.length === 0 ? <p>There are no reported comments to look at.</p> : null}
      {reported.map((item) => (
        <ReportedCard key={item.commentId} runId={run.id} item={item} busy={moderate.isPending} onAct={act} />
      ))}

      <h2 id="hidden">Hidden ({hidden.length})</h2>
      {hidden.length === 0 ? <p>No comments are hidden in this run.</p> : null}
      {hidden.map((item) => (
        <HiddenCard key={item.commentId} runId={run.id} item={item} busy={moderate.isPending} onAct={act} />
      ))}

      <h2 id="suspended">Suspended members ({suspended.length})</h2>
      {suspended.length === 0 ? (
        <p>No one is suspended from posting in this run.</p>
      ) : (
        <ul className="nhsuk-list">
          {suspended.map((member) => (
            <li key={member.userId} className="nhsuk-card">
              <div className="nhsuk-card__content">
                <h3 className="nhsuk-card__heading nhsuk-heading-s">{member.name}</h3>
                <p>
                  Suspended {formatDateTime(member.suspendedAt)}
                  {member.suspendedBy ? ` by ${member.suspendedBy}` : ""}.
                </p>
                {member.reason ? (
                  <p>
                    Reason: <span className="app-break-anywhere">{member.reason}</span>
                  </p>
                ) : null}
                <Button
                  variant="secondary"
                  type="button"
                  busy={lift.isPending}
                  onClick={() => liftFor(member)}
                >
                  Lift suspension<span className="nhsuk-u-visually-hidden"> for {member.name}</span>
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

interface CardProps<T> {
  runId: string;
  item: T;
  busy: boolean;
  onAct: (commentId: string, action: Exclude<ModerationAction, "remove">) => void;
}

/** One reported comment: what it says, who wrote it where, each report, and the actions. */
function ReportedCard({ runId, item, busy, onAct }: CardProps<ReportedComment>) {
  const who = `comment by ${item.author.name}`;
  return (
    <section className="nhsuk-card" aria-labelledby={`reported-${item.commentId}`}>
      <div className="nhsuk-card__content">
        <h3 className="nhsuk-card__heading nhsuk-heading-s" id={`reported-${item.commentId}`}>
          {item.author.name}
          {item.state === "visible" ? null : (
            <>
              {" "}
              <Tag modifier="grey">{item.state === "deleted" ? "Deleted by its author" : "Hidden"}</Tag>
            </>
          )}
        </h3>
        <p className="nhsuk-body-s">
          <CommentWhere place={item.place} postedAt={item.postedAt} runId={runId} />
        </p>
        <CommentText body={item.body} />
        <p>
          <strong>
            Reported {item.reportCount} {item.reportCount === 1 ? "time" : "times"}
          </strong>
          , first on {formatDateTime(item.firstReportedAt)}:{" "}
          {item.reasons.map((r) => REPORT_REASON_LABELS[r].toLowerCase()).join("; ")}.
        </p>
        <ul>
          {item.reports.map((r) => (
            <li key={r.id}>
              {r.reporter.name}: {REPORT_REASON_LABELS[r.reason]}
              {r.details ? (
                <>
                  {" "}
                  – “<span className="app-break-anywhere">{r.details}</span>”
                </>
              ) : null}
            </li>
          ))}
        </ul>
        <div className="app-moderation-actions">
          {item.state === "visible" ? (
            <Button type="button" busy={busy} onClick={() => onAct(item.commentId, "hide")}>
              Hide<span className="nhsuk-u-visually-hidden"> {who}</span>
            </Button>
          ) : null}
          <Button
            type="button"
            variant="secondary"
            busy={busy}
            onClick={() => onAct(item.commentId, "dismiss")}
          >
            Dismiss reports<span className="nhsuk-u-visually-hidden"> on {who}</span>
          </Button>
          {item.state === "visible" ? (
            <p>
              <Link to={removeCommentPath(runId, item.commentId)}>
                Remove<span className="nhsuk-u-visually-hidden"> {who}</span>
              </Link>
            </p>
          ) : null}
          <p>
            <Link to={suspendMemberPath(runId, item.author.id)}>Suspend {item.author.name} from posting</Link>
          </p>
        </div>
      </div>
    </section>
  );
}

/** One hidden comment, with Restore and Remove. */
function HiddenCard({ runId, item, busy, onAct }: CardProps<HiddenComment>) {
  const who = `comment by ${item.author.name}`;
  return (
    <section className="nhsuk-card" aria-labelledby={`hidden-${item.commentId}`}>
      <div className="nhsuk-card__content">
        <h3 className="nhsuk-card__heading nhsuk-heading-s" id={`hidden-${item.commentId}`}>
          {item.author.name}
        </h3>
        <p className="nhsuk-body-s">
          <CommentWhere place={item.place} postedAt={item.postedAt} runId={runId} />
          {item.hiddenAt ? `. Hidden ${formatDateTime(item.hiddenAt)}` : ""}
          {item.hiddenBy ? ` by ${item.hiddenBy}` : ""}
        </p>
        <CommentText body={item.body} />
        <div className="app-moderation-actions">
          <Button
            type="button"
            variant="secondary"
            busy={busy}
            onClick={() => onAct(item.commentId, "restore")}
          >
            Restore<span className="nhsuk-u-visually-hidden"> {who}</span>
          </Button>
          <p>
            <Link to={removeCommentPath(runId, item.commentId)}>
              Remove<span className="nhsuk-u-visually-hidden"> {who}</span>
            </Link>
          </p>
        </div>
      </div>
    </section>
  );
}
