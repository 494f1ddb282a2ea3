import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { type CmiValues, isScorm2004, type ScormLaunch, type ScormLaunchSco } from "../../../../shared/scorm";
import { Button } from "../../../components/button";
import { InsetText, WarningCallout } from "../../../components/nhs";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { isApiError } from "../../../lib/api-client";
import { usePageTitle } from "../../../lib/page-title";
import { commitsApiPath } from "../api/scorm-keys";
import { fetchScormLaunch, useScormLaunch } from "../api/scorm-launch";
import type { CommitQueue, SaveState } from "../components/commit-queue";
import { commitQueueFor } from "../components/commit-queues";
import { resumeValuesFrom, withoutUnsetValues } from "../components/resume-values";
import { attachScormRuntime, type NavRequest, type ScormRuntime } from "../components/scorm-runtime";
import "../components/scorm.css";

const SAVE_WORDS: Record<SaveState, string> = {
  idle: "",
  saving: "Saving…",
  saved: "All progress saved",
  retrying: "Not saved yet: we will keep trying",
};

/** How long "Save and exit" waits for the last commits before leaving anyway (they are kept and sent later). */
const EXIT_WAIT_MS = 8_000;
/** How long switching SCO waits for commits before starting the next one from what this page knows. */
const SWITCH_WAIT_MS = 4_000;

function outlinePath(enrolmentId: string): string {
  return `/learning/${encodeURIComponent(enrolmentId)}`;
}

function stepPath(enrolmentId: string, stepId: string): string {
  return `${outlinePath(enrolmentId)}/steps/${encodeURIComponent(stepId)}`;
}

/** The status line: a polite live region that is always on the page, so changes are announced. */
function SaveStatus({ state, readOnly }: { state: SaveState; readOnly: boolean }) {
  const words = readOnly ? "Nothing you do here is saved" : SAVE_WORDS[state];
  return (
    <p className={`app-player__status app-player__status--${state}`} aria-live="polite" role="status">
      {words}
    </p>
  );
}

/** The SCOs as an NHS contents list: the current one as text, the others as links that launch them. */
function Contents({
  scos,
  currentId,
  hrefOf,
}: {
  scos: ScormLaunchSco[];
  currentId: string;
  hrefOf: (id: string) => string;
}) {
  return (
    <nav className="nhsuk-contents-list" aria-label="Parts of this activity">
      <h2 className="nhsuk-u-visually-hidden">Contents</h2>
      <ol className="nhsuk-contents-list__list">
        {scos.map((sco) => (
          <li
            key={sco.id}
            className="nhsuk-contents-list__item"
            aria-current={sco.id === currentId ? "page" : undefined}
          >
            {sco.id === currentId ? (
              <span className="nhsuk-contents-list__current">{sco.title}</span>
            ) : (
              <Link className="nhsuk-contents-list__link" to={hrefOf(sco.id)}>
                {sco.title}
              </Link>
            )}
            {sco.completionStatus === "completed" ? (
              <span className="nhsuk-u-visually-hidden"> (completed)</span>
            ) : null}
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** Previous and next SCO as the NHS pagination pattern. */
function ScoPagination({
  previous,
  next,
  hrefOf,
}: {
  previous: ScormLaunchSco | undefined;
  next: ScormLaunchSco | undefined;
  hrefOf: (id: string) => string;
}) {
  if (!previous && !next) return null;
  return (
    <nav className="nhsuk-pagination" aria-label="Parts">
      <ul className="nhsuk-list nhsuk-pagination__list">
        <li className="nhsuk-pagination-item--previous">
          {previous ? (
            <Link className="nhsuk-pagination__link nhsuk-pagination__link--prev" to={hrefOf(previous.id)}>
              <span className="nhsuk-pagination__title">Previous</span>
              <span className="nhsuk-u-visually-hidden">:</span>
              <span className="nhsuk-pagination__page">{previous.title}</span>
            </Link>
          ) : null}
        </li>
        <li className="nhsuk-pagination-item--next">
          {next ? (
            <Link className="nhsuk-pagination__link nhsuk-pagination__link--next" to={hrefOf(next.id)}>
              <span className="nhsuk-pagination__title">Next</span>
              <span className="nhsuk-u-visually-hidden">:</span>
              <span className="nhsuk-pagination__page">{next.title}</span>
            </Link>
          ) : null}
        </li>
      </ul>
    </nav>
  );
}

interface ActiveSco {
  sco: ScormLaunchSco;
  /** Changes on every launch, so React gives the content a new frame. */
  key: number;
}

/** The player for one launch: runs one SCO at a time in a frame, with the run-time on this window. */
function Player({
  enrolmentId,
  stepId,
  initial,
  queue,
}: {
  enrolmentId: string;
  stepId: string;
  initial: ScormLaunch;
  queue: CommitQueue;
}) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [searchParams] = useSearchParams();
  const save = useSyncExternalStore(queue.subscribe, queue.getSnapshot);
  const [active, setActive] = useState<ActiveSco | null>(null);
  const [ended, setEnded] = useState(false);
  const [exiting, setExiting] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const launchRef = useRef(initial);
  const runtimeRef = useRef<{ scoId: string; runtime: ScormRuntime } | null>(null);
  const sequences = useRef(new Map<string, number>());
  const committed = useRef(new Map<string, CmiValues>());
  const rejected = useRef(new Map<string, string>());
  const leaving = useRef(false);
  const launchCount = useRef(0);

  const { scormVersion, readOnly, packageTitle } = initial;
  const scos = initial.scos;
  const url = commitsApiPath(enrolmentId, stepId, initial.attempt.id);
  const requested = searchParams.get("sco");
  const currentId = scos.some((sco) => sco.id === requested) ? (requested ?? "") : initial.startScoId;
  const index = scos.findIndex((sco) => sco.id === currentId);
  const current = scos[index];
  const hrefOf = useCallback(
    (id: string) => `${stepPath(enrolmentId, stepId)}/play?sco=${encodeURIComponent(id)}`,
    [enrolmentId, stepId],
  );
  usePageTitle(current && scos.length > 1 ? `${current.title} – ${packageTitle}` : packageTitle);

  const nextSequence = useCallback(
    (sco: ScormLaunchSco) => {
      const used = Math.max(
        sequences.current.get(sco.id) ?? 0,
        sco.lastSequence,
        queue.highestPendingSequence(url, sco.id),
      );
      sequences.current.set(sco.id, used + 1);
      return used + 1;
    },
    [queue, url],
  );

  // Values refused by the server are not sent again: each later commit carries the value it had at launch.
  const withoutRejected = useCallback((scoId: string, values: CmiValues): CmiValues => {
    if (rejected.current.size === 0) return values;
    const launched = launchRef.current.scos.find((sco) => sco.id === scoId)?.values ?? {};
    const cleaned = { ...values };
    for (const [element, value] of rejected.current) {
      if (cleaned[element] !== value) continue;
      const original = launched[element];
      if (original === undefined) delete cleaned[element];
      else cleaned[element] = original;
    }
    return cleaned;
  }, []);

  // Hear about refused commits while this page is open.
  useEffect(() => {
    queue.events = {
      onInvalid: (item, outcome) => {
        const running = runtimeRef.current;
        if (running && running.scoId === item.body.scoId) running.runtime.reportError(outcome.scormErrorCode);
        const value = item.body.values[outcome.element];
        if (value !== undefined) rejected.current.set(outcome.element, value);
        // Save the rest of that commit: same number, since the server applied nothing of it.
        queue.enqueue({
          url: item.url,
          body: { ...item.body, values: withoutRejected(item.body.scoId, item.body.values) },
        });
      },
      onRefused: (_item, outcome) => setProblem(outcome.message),
    };
    return () => {
      queue.events = {};
    };
  }, [queue, withoutRejected]);

  // Send what is waiting when the connection comes back, and at once (keepalive) when the page is hidden or closed.
  useEffect(() => {
    const online = () => queue.retryNow();
    const hidden = () => {
      if (document.visibilityState === "hidden") queue.retryNow();
    };
    const pagehide = () => {
      // Closing the tab mid-way counts as a suspend, so the next launch resumes from the last commit. The content
      // may still finish in its own pagehide; that commit comes after this one and wins.
      const running = runtimeRef.current;
      const last = running ? committed.current.get(running.scoId) : undefined;
      const exitKey = isScorm2004(scormVersion) ? "cmi.exit" : "cmi.core.exit";
      const sco = running ? launchRef.current.scos.find((s) => s.id === running.scoId) : undefined;
      if (running && sco && last && !readOnly && !running.runtime.isFinished() && !last[exitKey]) {
        queue.enqueue({
          url,
          body: {
            scoId: sco.id,
            sequence: nextSequence(sco),
            values: { ...last, [exitKey]: "suspend" },
            finished: false,
          },
        });
      }
      queue.sendAllNow();
    };
    window.addEventListener("online", online);
    document.addEventListener("visibilitychange", hidden);
    window.addEventListener("pagehide", pagehide);
    return () => {
      window.removeEventListener("online", online);
      document.removeEventListener("visibilitychange", hidden);
      window.removeEventListener("pagehide", pagehide);
    };
  }, [queue, scormVersion, readOnly, url, nextSequence]);

  const onFinish = useCallback(
    (scoId: string, nav: NavRequest | null) => {
      if (leaving.current) return;
      const list = launchRef.current.scos;
      const at = list.findIndex((sco) => sco.id === scoId);
      let target: ScormLaunchSco | undefined;
      if (nav?.kind === "previous") target = list[at - 1];
      else if (nav?.kind === "choice") target = list.find((sco) => sco.identifier === nav.target);
      else if (nav?.kind !== "exit") target = list[at + 1];
      if (target) navigate(hrefOf(target.id));
      else setEnded(true);
    },
    [navigate, hrefOf],
  );

  // Launch the SCO the address asks for: first take the old content away (its frame unloads and may finish),
  // then finish its run-time if it did not, then start the new run-time and only then load the new frame.
  const wanted = ended ? null : (current ?? null);
  useEffect(() => {
    if (!wanted || exiting) return;
    if (active?.sco.id === wanted.id && runtimeRef.current?.scoId === wanted.id) return;
    if (active) {
      setActive(null);
      return;
    }
    let cancelled = false;
    const start = async () => {
      const previous = runtimeRef.current;
      if (previous) {
        previous.runtime.suspendAndFinish();
        previous.runtime.detach();
        runtimeRef.current = null;
      }
      let sco = launchRef.current.scos.find((s) => s.id === wanted.id) ?? wanted;
      let values = sco.values;
      const earlier = committed.current.get(sco.id);
      if (earlier && !readOnly) {
        // This SCO ran earlier on this page: start from what the server has now, or from what we sent.
        const idle = await queue.whenIdle(SWITCH_WAIT_MS);
        const fresh = idle ? await fetchScormLaunch(enrolmentId, stepId).catch(() => null) : null;
        const freshSco =
          fresh?.attempt.id === launchRef.current.attempt.id
            ? fresh.scos.find((s) => s.id === sco.id)
            : undefined;
        if (fresh && freshSco) {
          launchRef.current = fresh;
          sco = freshSco;
          values = freshSco.values;
        } else {
          values = resumeValuesFrom(scormVersion, sco.values, earlier);
        }
      } else if (earlier) {
        values = resumeValuesFrom(scormVersion, sco.values, earlier);
      }
      if (cancelled) return;
      const scoId = sco.id;
      const everSet = new Set(Object.keys(values).filter((element) => values[element] !== ""));
      const runtime = attachScormRuntime(scormVersion, values, {
        onCommit: (all, finished) => {
          const sent = withoutRejected(scoId, withoutUnsetValues(all, everSet));
          committed.current.set(scoId, sent);
          if (readOnly) return;
          queue.enqueue({ url, body: { scoId, sequence: nextSequence(sco), values: sent, finished } });
        },
        onFinish: (nav) => onFinish(scoId, nav),
      });
      runtimeRef.current = { scoId, runtime };
      launchCount.current += 1;
      setActive({ sco, key: launchCount.current });
    };
    void start();
    return () => {
      cancelled = true;
    };
  }, [
    wanted,
    active,
    exiting,
    queue,
    readOnly,
    scormVersion,
    enrolmentId,
    stepId,
    url,
    nextSequence,
    withoutRejected,
    onFinish,
  ]);

  // Leaving the player in the app (not closing the tab): finish the content so its last state is committed.
  useEffect(
    () => () => {
      const running = runtimeRef.current;
      if (!running) return;
      leaving.current = true;
      running.runtime.suspendAndFinish();
      running.runtime.detach();
      runtimeRef.current = null;
    },
    [],
  );

  const exit = async () => {
    if (exiting) return;
    setExiting(true);
    const running = runtimeRef.current;
    leaving.current = true;
    if (running) running.runtime.suspendAndFinish();
    await queue.whenIdle(EXIT_WAIT_MS);
    await queryClient.invalidateQueries({ queryKey: ["learning"] });
    navigate(outlinePath(enrolmentId));
  };

  const restart = () => {
    setEnded(false);
    setActive(null);
  };

  const multi = scos.length > 1;
  const previous = index > 0 ? scos[index - 1] : undefined;
  const next = index >= 0 ? scos[index + 1] : undefined;

  return (
    <div className="app-player">
      {multi && current ? (
        <span className="nhsuk-caption-l">
          Part {index + 1} of {scos.length}
        </span>
      ) : null}
      <h1 className="app-player__title">{multi && current ? current.title : packageTitle}</h1>
      {multi ? <p className="nhsuk-body-s">{packageTitle}</p> : null}
      {readOnly ? (
        <InsetText>
          <p>
            Your access to this course has ended or is paused, so you can look at this activity but nothing
            you do is saved.
          </p>
        </InsetText>
      ) : null}
      {problem ? (
        <WarningCallout>
          <WarningCallout.Heading headingLevel="h2">Your progress could not be saved</WarningCallout.Heading>
          <p>{problem}</p>
          <p>
            <Link to={stepPath(enrolmentId, stepId)}>Go back to the step</Link> to see where you are.
          </p>
        </WarningCallout>
      ) : null}
      <div className="app-player__bar">
        <SaveStatus state={save.state} readOnly={readOnly} />
        <Button
          type="button"
          variant="secondary"
          busy={exiting}
          onClick={() => void exit()}
          className="nhsuk-u-margin-bottom-0"
        >
          Save and exit
        </Button>
      </div>
      <div className="app-player__layout">
        {multi && current ? (
          <div className="app-player__contents">
            <Contents scos={scos} currentId={current.id} hrefOf={hrefOf} />
          </div>
        ) : null}
        <div className="app-player__main">
          {ended ? (
            <div className="app-player__ended">
              <h2>You have reached the end of this activity</h2>
              <p>
                {save.state === "retrying"
                  ? "We have not been able to save all of your progress yet. Stay on this page until it says all progress is saved, or come back later: we will send it then."
                  : "Your progress is saved with your course."}
              </p>
              <div className="app-player__actions">
                <Button type="button" busy={exiting} onClick={() => void exit()}>
                  Go back to the course
                </Button>
                <Button type="button" variant="secondary" onClick={restart}>
                  Open it again
                </Button>
              </div>
            </div>
          ) : active ? (
            <iframe
              key={active.key}
              className="app-player__frame"
              src={active.sco.launchUrl}
              title={`Learning content: ${active.sco.title}`}
            />
          ) : (
            <p className="app-player__loading">Opening the content…</p>
          )}
          {multi ? <ScoPagination previous={previous} next={next} hrefOf={hrefOf} /> : null}
        </div>
      </div>
    </div>
  );
}

/**
 * /learning/:enrolmentId/steps/:stepId/play: the SCORM player. Commits left by an earlier page (closed while
 * offline) are sent first, so the launch it then fetches resumes from them.
 */
export function ScormPlayerPage() {
  const { enrolmentId = "", stepId = "" } = useParams();
  const queue = useMemo(() => commitQueueFor(enrolmentId, stepId), [enrolmentId, stepId]);
  const [ready, setReady] = useState(() => queue.pending().length === 0);
  const save = useSyncExternalStore(queue.subscribe, queue.getSnapshot);

  useEffect(() => {
    if (ready) return;
    let live = true;
    const waitForEarlier = async () => {
      // Keep trying while the learner watches; the status says what is happening.
      while (live && !(await queue.whenIdle(10_000))) {
        queue.retryNow();
      }
      if (live) setReady(true);
    };
    void waitForEarlier();
    return () => {
      live = false;
    };
  }, [queue, ready]);

  const launch = useScormLaunch(enrolmentId, stepId, ready);

  if (!ready) {
    return (
      <>
        <LoadingPage title="Saving your earlier progress" />
        <SaveStatus state={save.state} readOnly={false} />
      </>
    );
  }
  if (launch.isPending) return <LoadingPage title="Opening the activity" />;
  if (launch.isError) {
    const notFound = isApiError(launch.error, 404) || isApiError(launch.error, 400);
    return (
      <ProblemPage
        title={notFound ? "Activity not found" : "Sorry, there is a problem with the service"}
        message={
          notFound
            ? "This activity is not part of a course you are enrolled on. If you typed the web address, check it is correct."
            : launch.error.message
        }
      >
        <p>
          <Link to="/my-learning">Go to My learning</Link>
        </p>
      </ProblemPage>
    );
  }
  return (
    <Player
      key={launch.data.attempt.id}
      enrolmentId={enrolmentId}
      stepId={stepId}
      initial={launch.data}
      queue={queue}
    />
  );
}
