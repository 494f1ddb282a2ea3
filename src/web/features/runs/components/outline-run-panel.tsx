import { useState } from "react";
import { Link } from "react-router";
import { Button } from "../../../components/button";
import { Details } from "../../../components/nhs";
import type { OutlinePanelProps } from "../../../lib/slots";
import { useCourseRuns, useJoinRun } from "../api/runs";
import { runAnnouncementsPath, runBoardPath } from "./run-paths";
import { JoinError, RunSummary } from "./run-summary";
import { PHASE_SENTENCES } from "./run-words";

/** The learner's course outline: their run, its dates, the board, and joining or changing run. */
export function OutlineRunPanel({ courseId, level }: OutlinePanelProps) {
  if (level !== "mini_course") return null;
  return <YourRun courseId={courseId} />;
}

function YourRun({ courseId }: { courseId: string }) {
  const runs = useCourseRuns(courseId, true);
  const join = useJoinRun();
  const [error, setError] = useState<{ runId: string; message: string } | null>(null);
  if (runs.isPending || runs.isError) return null;
  const mine = runs.data.runs.find((r) => r.viewer?.isMember);
  const joinable = runs.data.runs.filter((r) => r.phase !== "ended" && r.id !== mine?.id);

  const joinRun = (runId: string) => {
    if (join.isPending) return;
    setError(null);
    join.mutate(runId, { onError: (e) => setError({ runId, message: e.message }) });
  };

  if (mine) {
    return (
      <div className="nhsuk-card">
        <div className="nhsuk-card__content">
          <h2 className="nhsuk-card__heading nhsuk-heading-m">Your course run: {mine.title}</h2>
          <p>{PHASE_SENTENCES[mine.phase]}</p>
          {mine.viewer?.suspended ? (
            <p>
              A facilitator has suspended you from posting in this run. You can still read the discussions.
            </p>
          ) : null}
          <RunSummary run={mine} />
          <ul className="nhsuk-list">
            <li>
              <Link to={runBoardPath(mine.id)}>The run's board: introductions and general discussion</Link>
            </li>
            <li>
              <Link to={runAnnouncementsPath(mine.id)}>Announcements from the facilitators</Link>
            </li>
          </ul>
          {joinable.length > 0 && !mine.viewer?.suspended ? (
            <Details>
              <Details.Summary>Change to another run</Details.Summary>
              <Details.Text>
                <p>Your progress stays as it is. Your comments stay in the run you wrote them in.</p>
                {joinable.map((run) => (
                  <div key={run.id} className="nhsuk-u-margin-bottom-4">
                    <h3 className="nhsuk-heading-s nhsuk-u-margin-bottom-2">{run.title}</h3>
                    <RunSummary run={run} />
                    <JoinError message={error?.runId === run.id ? error.message : null} />
                    <Button
                      type="button"
                      variant="secondary"
                      small
                      busy={join.isPending}
                      onClick={() => joinRun(run.id)}
                    >
                      Move to this run<span className="nhsuk-u-visually-hidden">: {run.title}</span>
                    </Button>
                  </div>
                ))}
              </Details.Text>
            </Details>
          ) : null}
        </div>
      </div>
    );
  }

  return (
    <div className="nhsuk-card">
      <div className="nhsuk-card__content">
        <h2 className="nhsuk-card__heading nhsuk-heading-m">Your course run</h2>
        {joinable.length === 0 ? (
          <p className="nhsuk-u-margin-bottom-0">
            You are not in a run, and none is scheduled at the moment. You can carry on learning at your own
            pace.
          </p>
        ) : (
          <>
            <p>
              You are not in a run yet. Join one to discuss the course with colleagues and the facilitators.
            </p>
            {joinable.map((run) => (
              <div key={run.id} className="nhsuk-u-margin-bottom-4">
                <h3 className="nhsuk-heading-s nhsuk-u-margin-bottom-2">{run.title}</h3>
                <p className="nhsuk-body-s">{PHASE_SENTENCES[run.phase]}</p>
                <RunSummary run={run} />
                <JoinError message={error?.runId === run.id ? error.message : null} />
                <Button
                  type="button"
                  variant="secondary"
                  small
                  busy={join.isPending}
                  onClick={() => joinRun(run.id)}
                >
                  Join this run<span className="nhsuk-u-visually-hidden">: {run.title}</span>
                </Button>
              </div>
            ))}
          </>
        )}
      </div>
    </div>
  );
}
