import { useId, useRef, useState } from "react";
import {
  formatBytes,
  type StoredFile,
  UPLOAD_LIMIT_BYTES,
  UPLOAD_TYPES,
  type UploadCategory,
} from "../../../../shared/authoring";
import { Button } from "../../../components/button";
import { describedBy, ErrorMessage, Hint } from "../../../components/form-group";
import { useUploadFile } from "../api/upload-file";

interface FileUploadProps {
  /** The field name: the file input's id, so error summaries can link to it. */
  id: string;
  label: string;
  /** Which kinds of file to accept. */
  categories: readonly UploadCategory[];
  /** The file now chosen for the step, if any. */
  file: StoredFile | null;
  error?: string | undefined;
  onUploaded: (file: StoredFile) => void;
  /** Told of a refused upload (to show in the page's error summary), and of success (null). */
  onProblem?: (message: string | null) => void;
}

const CATEGORY_WORDS: Record<UploadCategory, string> = {
  image: "images (PNG, JPEG, GIF or WebP)",
  document: "documents (PDF, Word, Excel, PowerPoint, text or CSV)",
  video: "videos (MP4 or WebM)",
};

/** What may be uploaded and how big, as the hint says it. */
function limitsHint(categories: readonly UploadCategory[]): string {
  return `${categories
    .map((c) => `${CATEGORY_WORDS[c]} up to ${formatBytes(UPLOAD_LIMIT_BYTES[c])}`)
    .join(", ")
    .replace(/^./, (first) => first.toUpperCase())}.`;
}

/**
 * The NHS file upload field with an Upload button: the file is sent at once (with its progress said aloud), then
 * becomes the step's file when the step is saved. The server checks the file's bytes match its name.
 */
export function FileUpload({ id, label, categories, file, error, onUploaded, onProblem }: FileUploadProps) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [chosenError, setChosenError] = useState<string | null>(null);
  const upload = useUploadFile(setProgress);
  const statusId = useId();
  const hint = limitsHint(categories);
  const accept = UPLOAD_TYPES.filter((t) => categories.includes(t.category))
    .flatMap((t) => t.extensions.map((e) => `.${e}`))
    .join(",");
  const shownError = chosenError ?? (upload.isError ? upload.error.message : undefined) ?? error;

  const send = () => {
    const chosen = inputRef.current?.files?.[0];
    if (!chosen) {
      setChosenError("Choose a file to upload");
      onProblem?.("Choose a file to upload");
      return;
    }
    setChosenError(null);
    setProgress(0);
    upload.mutate(chosen, {
      onSuccess: (stored) => {
        onProblem?.(null);
        onUploaded(stored);
        if (inputRef.current) inputRef.current.value = "";
      },
      onError: (failure) => onProblem?.(failure.message),
      onSettled: () => setProgress(null),
    });
  };

  return (
    <div className={`nhsuk-form-group nhsuk-file-upload${shownError ? " nhsuk-form-group--error" : ""}`}>
      <label className="nhsuk-label" htmlFor={id}>
        {label}
      </label>
      <Hint id={id} hint={hint} />
      <ErrorMessage id={id} error={shownError} />
      {file ? (
        <p className="nhsuk-body-s">
          Current file: <a href={file.url}>{file.filename}</a> ({formatBytes(file.sizeBytes)})
        </p>
      ) : null}
      <input
        ref={inputRef}
        className={`nhsuk-file-upload__input${shownError ? " nhsuk-input--error" : ""}`}
        id={id}
        name={id}
        type="file"
        accept={accept}
        aria-describedby={describedBy(id, hint, shownError)}
        onChange={() => setChosenError(null)}
      />
      <div className="app-actions nhsuk-u-margin-top-3">
        <Button type="button" variant="secondary" small busy={upload.isPending} onClick={send}>
          Upload file
        </Button>
      </div>
      <p className="nhsuk-body-s" id={statusId} role="status">
        {progress !== null
          ? progress < 100
            ? `Uploading… ${progress}% sent`
            : "Checking the file…"
          : upload.isSuccess && file?.id === upload.data.id
            ? `Uploaded ${file.filename}. Save the step to use it.`
            : ""}
      </p>
    </div>
  );
}
