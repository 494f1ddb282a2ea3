import { Button } from "../../../components/button";
import type { StepViewData } from "../api/learning-schemas";
import { RichText } from "./rich-text";
import { StepCompletion } from "./step-completion";

interface ArticleStepProps {
  step: StepViewData;
  busy: boolean;
  onComplete: () => void;
}

/** An article: the lesson, then "Mark as complete and continue" at its end (reading to the end completes it). */
export function ArticleStep({ step, busy, onComplete }: ArticleStepProps) {
  return (
    <>
      <RichText html={step.html} />
      <StepCompletion
        enrolmentId={step.enrolmentId}
        completed={step.status === "completed"}
        readOnly={step.readOnly}
      >
        <Button type="button" busy={busy} onClick={onComplete}>
          Mark as complete and continue
        </Button>
      </StepCompletion>
    </>
  );
}
