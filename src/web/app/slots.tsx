import { StepDiscussion } from "../features/discussions/components/step-discussion";
import { CourseRunsPanel } from "../features/runs/components/course-runs-panel";
import { OutlineRunPanel } from "../features/runs/components/outline-run-panel";
import { OutlineSurveysPanel } from "../features/surveys/components/outline-surveys-panel";
import type { FeatureSlots } from "../lib/slots";

/** Which feature's panels appear on which other feature's pages. */
export const featureSlots: FeatureSlots = {
  coursePage: [CourseRunsPanel],
  learningOutline: [OutlineRunPanel, OutlineSurveysPanel],
  learningStep: [StepDiscussion],
};
