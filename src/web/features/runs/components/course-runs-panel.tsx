import { useState } from "react";
import { Button } from "../../../components/button";
import type { CoursePanelProps } from "../../../lib/slots";
import { useCourseRuns, useJoinRun, useRunsCourseViewer } from "../api/runs";
import { JoinError, RunSummary } from "./run-summary";
import { PHASE_SENTENCES } from "./run-words";

/** The course page's panel for mini-courses: the runs, their dates and facilitators, and joining one. */
export function CourseRunsPanel({ courseId, level }: CoursePanelProps) {
  if (level !== "mini_course") return null;
  return <RunsOfCourse courseId={courseId} />;
}

function RunsOfCourse({ courseId }: { courseId: string }) {
  const runs = useCourseRuns(courseId);
  const signedIn = runs.data?.runs.some((r) => r.viewer !== null) ?? false;
  const viewer = useRunsCourseViewer(courseId, signedIn);
  const join = useJoinRun();
  const [error, setError] = useState<{ runId: string; message: string } | null>(null);
  if (runs.isPending || runs.isError) return null;
  const list = runs.data.runs.filter((r) => r.phase !== "ended" && r.phase !== "catch_up").slice(0, 3);
  const mine = runs.data.runs.find((r) => r.viewer?.isMember);
  const enrolled = viewer.data?.enrolment != null;
  const canJoin = enrolled && !mine && !(viewer.data?.enrolment?.readOnly ?? true);

  const joinRun = (runId: string) => {
    if (join.isPending) return;
    setError(null);
    join.mutate(runId, { onError: (e) => setError({ runId, message: e.message }) });
  };

  return (
    <section aria-labelledby="course-runs-heading">
      <h2 id="course-runs-heading">Course runs</h2>
      <p>
        This mini-course runs with a group: you learn alongside colleagues, discuss each step, and
        facilitators join in for a live week.
      </p>
      {mine ? (
        <p>
          <strong>You are in the run {mine.title}.</strong>
        </p>
      ) : null}
      {list.length === 0 ? (
        <p>No runs are scheduled at the moment. You can still enrol and learn at your own pace.</p>
      ) : (
        list.map((run) => (
          <div className="nhsuk-card" key={run.id}>
            <div className="nhsuk-card__content">
              <h3 className="nhsuk-card__heading nhsuk-heading-s">{run.title}</h3>
              <p className="nhsuk-body-s">{PHASE_SENTENCES[run.phase]}</p>
              <RunSummary run={run} />
              {run.viewer?.isMember ? <p className="nhsuk-u-margin-bottom-0">You are in this run.</p> : null}
              {canJoin ? (
                <>
                  <JoinError message={error?.runId === run.id ? error.message : null} />
                  <Button
                    type="button"
                    variant="secondary"
                    small
                    busy={join.isPending}
                    onClick={() => joinRun(run.id)}
                    className="nhsuk-u-margin-bottom-0"
                  >
                    Join this run<span className="nhsuk-u-visually-hidden">: {run.title}</span>
                  </Button>
                </>
              ) : null}
            </div>
          </div>
        ))
      )}
    </section>
  );
}
