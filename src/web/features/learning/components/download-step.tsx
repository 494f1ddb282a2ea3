import { Button } from "../../../components/button";
import type { StepViewData } from "../api/learning-schemas";
import { fileSizeWords, fileTypeWords } from "./learning-words";
import { RichText } from "./rich-text";
import { StepCompletion } from "./step-completion";

interface DownloadStepProps {
  step: StepViewData;
  busy: boolean;
  /** Records the download as done; `andContinue` goes on to the next step. */
  onComplete: (andContinue: boolean) => void;
}

/** A file to download (a template, a guide): downloading it, or saying it is done, completes the step. */
export function DownloadStep({ step, busy, onComplete }: DownloadStepProps) {
  const { file } = step;
  const canRecord = !step.readOnly && step.status !== "completed";
  return (
    <>
      <RichText html={step.html} />
      {file ? (
        <p className="app-download">
          <a
            href={file.url}
            download={file.filename}
            onClick={() => {
              if (canRecord) onComplete(false);
            }}
          >
            Download {step.title} ({fileTypeWords(file.contentType, file.filename)},{" "}
            {fileSizeWords(file.sizeBytes)})
          </a>
        </p>
      ) : (
        <p>This file is not available.</p>
      )}
      <StepCompletion
        enrolmentId={step.enrolmentId}
        completed={step.status === "completed"}
        readOnly={step.readOnly}
      >
        <Button type="button" variant="secondary" busy={busy} onClick={() => onComplete(true)}>
          Mark as complete and continue
        </Button>
      </StepCompletion>
    </>
  );
}
