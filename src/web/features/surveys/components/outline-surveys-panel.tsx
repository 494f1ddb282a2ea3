import type { OutlinePanelProps } from "../../../lib/slots";

/** The learner's course outline: the pre-course survey before starting, the post-course survey at the end. */
export function OutlineSurveysPanel(_props: OutlinePanelProps) {
  return null;
}
