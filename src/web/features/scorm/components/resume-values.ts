import type { CmiValues, ScormVersion } from "../../../../shared/scorm";
import { isScorm2004 } from "../../../../shared/scorm";

/**
 * The values to start a SCO again from in this page when the server's own answer cannot be had (offline): what
 * the content last committed over what the launch gave, with entry worked out as the LMS would (resume after a
 * suspend) and the session's own exit and time cleared.
 */
export function resumeValuesFrom(
  version: ScormVersion,
  launched: CmiValues,
  committed: CmiValues,
): CmiValues {
  const is2004 = isScorm2004(version);
  const exitKey = is2004 ? "cmi.exit" : "cmi.core.exit";
  const entryKey = is2004 ? "cmi.entry" : "cmi.core.entry";
  const sessionKey = is2004 ? "cmi.session_time" : "cmi.core.session_time";
  const values: CmiValues = { ...launched, ...committed };
  values[entryKey] = committed[exitKey] === "suspend" ? "resume" : "";
  delete values[exitKey];
  delete values[sessionKey];
  return values;
}

/**
 * scorm-again commits every element of the data model, with "" for those nothing ever set (a 1.2 audio preference,
 * say), which the server rightly refuses as values of the wrong type. So "" is sent only for an element that has
 * held a value (at launch or in an earlier commit of this session): then it is a real clearing. `everSet` is
 * updated with the elements that hold a value now.
 */
export function withoutUnsetValues(values: CmiValues, everSet: Set<string>): CmiValues {
  const kept: CmiValues = {};
  for (const [element, value] of Object.entries(values)) {
    if (value !== "") everSet.add(element);
    if (value !== "" || everSet.has(element)) kept[element] = value;
  }
  return kept;
}
