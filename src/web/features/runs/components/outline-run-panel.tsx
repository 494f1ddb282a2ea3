import type { OutlinePanelProps } from "../../../lib/slots";

/** The learner's course outline: their run, its dates, the board, and joining or changing run. */
export function OutlineRunPanel(_props: OutlinePanelProps) {
  return null;
}
