import { Link } from "react-router";
import { InsetText } from "../../../components/nhs";
import type { SummaryError } from "../../../lib/form-errors";
import type { StepViewData } from "../api/learning-schemas";
import { ArticleStep } from "./article-step";
import { DownloadStep } from "./download-step";
import { outlinePath } from "./learning-paths";
import { QuizStep } from "./quiz-step";
import { ScormStep } from "./scorm-step";
import { VideoStep } from "./video-step";

/** The step's content by kind; kinds added by later issues say plainly that they cannot be shown yet. */
export function StepBody({
  step,
  completing,
  onComplete,
  onProgress,
  onSummaryChange,
}: {
  step: StepViewData;
  completing: boolean;
  onComplete: (andContinue: boolean) => void;
  onProgress: (percent: number) => void;
  onSummaryChange: (summary: SummaryError[]) => void;
}) {
  switch (step.kind) {
    case "article":
      return <ArticleStep step={step} busy={completing} onComplete={() => onComplete(true)} />;
    case "video":
      return <VideoStep step={step} busy={completing} onComplete={onComplete} onProgress={onProgress} />;
    case "download":
      return <DownloadStep step={step} busy={completing} onComplete={onComplete} />;
    case "quiz":
      return <QuizStep key={step.id} step={step} onSummaryChange={onSummaryChange} />;
    case "scorm":
      return <ScormStep step={step} />;
    default:
      return (
        <InsetText>
          <p>This kind of step cannot be shown yet.</p>
          <p>
            <Link to={outlinePath(step.enrolmentId)}>Go back to the course</Link>
          </p>
        </InsetText>
      );
  }
}
