import type Scorm12Class from "scorm-again/scorm12";
import * as scorm12Module from "scorm-again/scorm12";
import type Scorm2004Class from "scorm-again/scorm2004";
import * as scorm2004Module from "scorm-again/scorm2004";
import { type CmiValues, isScorm2004, type ScormVersion } from "../../../../shared/scorm";

/** A navigation request a SCORM 2004 SCO made (adl.nav.request) as it terminated. */
export type NavRequest =
  | { kind: "continue" }
  | { kind: "previous" }
  | { kind: "choice"; target: string }
  | { kind: "exit" };

/** What the player hears from the run-time of one SCO. */
export interface RuntimeHooks {
  /** The content committed (or finished): the whole CMI state, element → value. */
  onCommit: (values: CmiValues, finished: boolean) => void;
  /** The content called LMSFinish / Terminate; nav is its 2004 navigation request, if any. */
  onFinish: (nav: NavRequest | null) => void;
}

/** The run-time of one SCO, on the player window where the content looks for it. */
export interface ScormRuntime {
  /** Ends the session for the content (LMSFinish / Terminate) if it has not ended it itself; no onFinish follows. */
  finish: () => void;
  /**
   * The learner leaves mid-way (Save and exit, another part, a link): unless the content said how it exits, the
   * player records a suspend, so the next launch resumes where they were; then it finishes the session.
   */
  suspendAndFinish: () => void;
  /** True once the content (or the player) has finished the session. */
  isFinished: () => boolean;
  /** Reports a SCORM error code to the content, for its next GetLastError. */
  reportError: (code: number) => void;
  /** Takes the API off the window. */
  detach: () => void;
}

// scorm-again 3.4's ESM builds export the classes by name ({ Scorm12API }), while its type declarations say
// "export default". The named export is what exists at run time; `as` tells TypeScript so.
const { Scorm12API } = scorm12Module as unknown as { Scorm12API: typeof Scorm12Class };
const { Scorm2004API } = scorm2004Module as unknown as { Scorm2004API: typeof Scorm2004Class };

/** The global the content searches for: API (1.2) or API_1484_11 (2004). */
type ApiWindow = Window & { API?: unknown; API_1484_11?: unknown };

/**
 * scorm-again hands each commit here (the "HTTP service" it would otherwise use): nothing goes over the network
 * from scorm-again itself; the player's commit queue sends it. The content gets success at once, as SCORM expects;
 * a value the server later refuses is reported through GetLastError.
 */
const COMMIT_TARGET = "qia-commit-queue";

/** Flattened commit → element/value strings. Empty collections come through as {}; they hold nothing to keep. */
export function toCmiValues(params: unknown): CmiValues {
  const values: CmiValues = {};
  if (typeof params !== "object" || params === null) return values;
  for (const [element, value] of Object.entries(params)) {
    if (typeof value === "string") values[element] = value;
    else if (typeof value === "number" || typeof value === "boolean") values[element] = String(value);
  }
  return values;
}

const NAV_EVENTS: Record<string, (target: unknown) => NavRequest> = {
  SequenceNext: () => ({ kind: "continue" }),
  SequencePrevious: () => ({ kind: "previous" }),
  SequenceChoice: (target) => ({ kind: "choice", target: typeof target === "string" ? target : "" }),
  SequenceJump: (target) => ({ kind: "choice", target: typeof target === "string" ? target : "" }),
  SequenceExit: () => ({ kind: "exit" }),
  SequenceExitAll: () => ({ kind: "exit" }),
  SequenceAbandon: () => ({ kind: "exit" }),
  SequenceAbandonAll: () => ({ kind: "exit" }),
};

/**
 * Creates the SCORM 1.2 or 2004 API for one SCO with its saved values loaded, and puts it on the window before
 * the content frame loads (the content finds it by searching its parent frames).
 */
export function attachScormRuntime(
  version: ScormVersion,
  values: CmiValues,
  hooks: RuntimeHooks,
  target: Window = window,
): ScormRuntime {
  let finished = false;
  let exitSet = false;
  // When the player ends the session (exit, another part), the content did not ask to move on: no onFinish.
  let endedByPlayer = false;
  let nav: NavRequest | null = null;
  const settings = {
    lmsCommitUrl: COMMIT_TARGET,
    dataCommitFormat: "flattened",
    sendFullCommit: true,
    autocommit: false,
    logLevel: 5 as const,
    httpService: {
      processHttpRequest: (
        _url: string,
        params: unknown,
        _immediate: boolean,
        _log: unknown,
        _listeners: unknown,
        metadata?: { isTerminateCommit?: boolean },
      ) => {
        hooks.onCommit(toCmiValues(params), metadata?.isTerminateCommit === true);
        return { result: true, errorCode: 0 };
      },
      updateSettings: () => undefined,
    },
  };
  const is2004 = isScorm2004(version);
  const api = is2004 ? new Scorm2004API(settings) : new Scorm12API(settings);
  try {
    api.loadFromFlattenedJSON(values);
  } catch (error) {
    // A value the library will not take must not stop the content starting; the rest is loaded.
    console.error("Some saved SCORM values could not be loaded", error);
  }

  const finishEvent = is2004 ? "Terminate" : "LMSFinish";
  api.on(finishEvent, () => {
    if (finished) return;
    finished = true;
    if (endedByPlayer) return;
    // 2004 navigation events fire just after Terminate's own listeners: decide once they have.
    setTimeout(() => hooks.onFinish(nav), 0);
  });
  for (const [event, toNav] of Object.entries(NAV_EVENTS)) {
    // scorm-again calls Sequence* listeners with the target alone.
    api.on(event, (value: unknown) => {
      nav = toNav(value);
    });
  }

  api.on(is2004 ? "SetValue.cmi.exit" : "LMSSetValue.cmi.core.exit", () => {
    exitSet = true;
  });

  const finish = () => {
    endedByPlayer = true;
    if (finished || !api.isInitialized()) {
      finished = true;
      return;
    }
    if (api instanceof Scorm2004API) api.Terminate("");
    else api.LMSFinish("");
  };

  const win = target as ApiWindow; // `as`: the content looks up these globals by name
  if (is2004) {
    delete win.API;
    win.API_1484_11 = api;
  } else {
    delete win.API_1484_11;
    win.API = api;
  }

  return {
    finish,
    suspendAndFinish: () => {
      if (!finished && api.isInitialized() && !exitSet) {
        if (api instanceof Scorm2004API) api.SetValue("cmi.exit", "suspend");
        else api.LMSSetValue("cmi.core.exit", "suspend");
      }
      finish();
    },
    isFinished: () => finished,
    reportError: (code) => {
      api.lastErrorCode = String(code);
    },
    detach: () => {
      if (win.API === api) delete win.API;
      if (win.API_1484_11 === api) delete win.API_1484_11;
    },
  };
}
