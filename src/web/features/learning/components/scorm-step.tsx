import { useNavigate } from "react-router";
import type { ScormLaunch } from "../../../../shared/scorm";
import { Button } from "../../../components/button";
import { ErrorSummary } from "../../../components/error-summary";
import { ActionLink } from "../../../components/links";
import { InsetText, SummaryList, Tag } from "../../../components/nhs";
import type { StepViewData } from "../api/learning-schemas";
import { useScormStatus } from "../api/scorm-status";
import { useStartScormAttempt } from "../api/start-scorm-attempt";
import { RichText } from "./rich-text";

/** The player's page for this step. */
export function playPath(enrolmentId: string, stepId: string): string {
  return `/learning/${encodeURIComponent(enrolmentId)}/steps/${encodeURIComponent(stepId)}/play`;
}

/** Completion across the package's SCOs: completed when all are, in progress once any was opened. */
function progressOf(launch: ScormLaunch): "completed" | "started" | "not_started" {
  if (launch.scos.length > 0 && launch.scos.every((sco) => sco.completionStatus === "completed"))
    return "completed";
  const opened = launch.scos.some((sco) => sco.lastSequence > 0 || sco.completionStatus !== "not attempted");
  return opened ? "started" : "not_started";
}

/** Success across the SCOs: failed if any failed, passed when all passed. */
function successOf(launch: ScormLaunch): "passed" | "failed" | "unknown" {
  if (launch.scos.some((sco) => sco.successStatus === "failed")) return "failed";
  if (launch.scos.length > 0 && launch.scos.every((sco) => sco.successStatus === "passed")) return "passed";
  return "unknown";
}

/** The score the content reported, when it did: "80" (raw), as SCORM content usually scores out of 100. */
function scoreOf(launch: ScormLaunch): string | null {
  const scores = launch.scos
    .map((sco) => sco.values["cmi.core.score.raw"] ?? sco.values["cmi.score.raw"] ?? "")
    .filter((value) => value !== "");
  return scores.length === 1 ? (scores[0] ?? null) : scores.length > 1 ? scores.join(", ") : null;
}

/** A SCORM step: its introduction, where the learner stands, and the way into the player. */
export function ScormStep({ step }: { step: StepViewData }) {
  const status = useScormStatus(step.enrolmentId, step.id);
  return (
    <>
      {step.html ? <RichText html={step.html} /> : null}
      {status.isPending ? <p aria-live="polite">Loading your progress…</p> : null}
      {status.isError ? (
        <InsetText>
          <p>{status.error.message}</p>
        </InsetText>
      ) : null}
      {status.data ? <ScormStanding step={step} launch={status.data} /> : null}
    </>
  );
}

function ScormStanding({ step, launch }: { step: StepViewData; launch: ScormLaunch }) {
  const progress = progressOf(launch);
  const success = successOf(launch);
  const score = scoreOf(launch);
  const parts = launch.scos.length;
  return (
    <>
      <h2>Your progress</h2>
      <SummaryList>
        <SummaryList.Row>
          <SummaryList.Key>Status</SummaryList.Key>
          <SummaryList.Value>
            {progress === "completed" ? (
              <Tag modifier="green">Completed</Tag>
            ) : progress === "started" ? (
              <Tag modifier="blue">In progress</Tag>
            ) : (
              <Tag modifier="grey">Not started</Tag>
            )}
          </SummaryList.Value>
        </SummaryList.Row>
        {success !== "unknown" ? (
          <SummaryList.Row>
            <SummaryList.Key>Result</SummaryList.Key>
            <SummaryList.Value>
              {success === "passed" ? <Tag modifier="green">Passed</Tag> : <Tag modifier="red">Failed</Tag>}
            </SummaryList.Value>
          </SummaryList.Row>
        ) : null}
        {score !== null ? (
          <SummaryList.Row>
            <SummaryList.Key>Score</SummaryList.Key>
            <SummaryList.Value>{score}</SummaryList.Value>
          </SummaryList.Row>
        ) : null}
        {parts > 1 ? (
          <SummaryList.Row>
            <SummaryList.Key>Parts completed</SummaryList.Key>
            <SummaryList.Value>
              {launch.scos.filter((sco) => sco.completionStatus === "completed").length} of {parts}
            </SummaryList.Value>
          </SummaryList.Row>
        ) : null}
        <SummaryList.Row>
          <SummaryList.Key>Attempt</SummaryList.Key>
          <SummaryList.Value>{launch.attempt.number}</SummaryList.Value>
        </SummaryList.Row>
      </SummaryList>
      {step.readOnly ? (
        <p>You can open the activity to look back at it, but nothing you do is saved.</p>
      ) : (
        <p>Your progress is saved as you go. You can leave and come back to where you were.</p>
      )}
      <ActionLink to={playPath(step.enrolmentId, step.id)}>
        {progress === "not_started"
          ? "Start the activity"
          : progress === "completed"
            ? "Open the activity again"
            : "Resume the activity"}
      </ActionLink>
      {launch.canStartNewAttempt ? <NewAttempt step={step} /> : null}
    </>
  );
}

/** A fresh attempt, when the content allows one; the earlier attempt stays in the learner's record. */
function NewAttempt({ step }: { step: StepViewData }) {
  const start = useStartScormAttempt(step.enrolmentId, step.id);
  const navigate = useNavigate();
  return (
    <>
      <h2>Try again</h2>
      <p>You can start the activity again from the beginning. Your earlier attempt stays in your record.</p>
      {start.isError ? <ErrorSummary errors={[{ message: start.error.message }]} /> : null}
      <Button
        type="button"
        variant="secondary"
        busy={start.isPending}
        onClick={() =>
          start.mutate(undefined, { onSuccess: () => navigate(playPath(step.enrolmentId, step.id)) })
        }
      >
        Start a new attempt
      </Button>
    </>
  );
}
