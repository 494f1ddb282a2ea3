/** The CMI states the SCORM commit benchmark sends, shared by the main thread (driver baseline) and the load worker. */

/** 20 SCORM 1.2 elements as content commits them, with 4,096 characters of suspend data. */
export function values12(sequence: number, learnerId: string): Record<string, string> {
  return {
    "cmi.core.student_id": learnerId,
    "cmi.core.student_name": "Benchmark Learner",
    "cmi.core.credit": "credit",
    "cmi.core.lesson_mode": "normal",
    "cmi.core.entry": "ab-initio",
    "cmi.core.lesson_location": `page-${sequence}`,
    "cmi.core.lesson_status": "incomplete",
    "cmi.core.score.raw": "50",
    "cmi.core.score.min": "0",
    "cmi.core.score.max": "100",
    "cmi.core.exit": "suspend",
    "cmi.core.session_time": "0000:01:30.00",
    "cmi.suspend_data": `${sequence}:`.padEnd(4096, "x"),
    "cmi.comments": "Useful so far",
    "cmi.student_preference.audio": "0",
    "cmi.student_preference.language": "en-GB",
    "cmi.student_preference.speed": "0",
    "cmi.student_preference.text": "0",
    "cmi.objectives.0.id": "measures",
    "cmi.objectives.0.status": "incomplete",
  };
}

/** A SCORM 2004 state with 64,000 characters of suspend data. */
export function values2004(sequence: number, learnerId: string): Record<string, string> {
  return {
    "cmi.learner_id": learnerId,
    "cmi.location": `page-${sequence}`,
    "cmi.completion_status": "incomplete",
    "cmi.success_status": "unknown",
    "cmi.score.scaled": "0.5",
    "cmi.score.raw": "50",
    "cmi.exit": "suspend",
    "cmi.session_time": "PT1M30S",
    "cmi.suspend_data": `${sequence}:`.padEnd(64_000, "x"),
  };
}
