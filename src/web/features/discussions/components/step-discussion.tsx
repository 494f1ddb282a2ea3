import type { StepPanelProps } from "../../../lib/slots";

/** Below every step: the step's discussion for the learner's run. */
export function StepDiscussion(_props: StepPanelProps) {
  return null;
}
