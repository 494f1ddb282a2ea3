import { type FormEvent, useId, useRef, useState } from "react";
import { useNavigate, useParams, useSearchParams } from "react-router";
import { formatBytes } from "../../../../shared/authoring";
import {
  EVIDENCE_FILE_ACCEPT,
  EVIDENCE_FILE_MAX_BYTES,
  EvidenceFileFieldsSchema,
  evidenceFileTypeFor,
  type PortfolioView,
} from "../../../../shared/portfolios";
import { Button } from "../../../components/button";
import { ErrorSummary } from "../../../components/error-summary";
import { describedBy, ErrorMessage, Hint } from "../../../components/form-group";
import { BackLink } from "../../../components/links";
import { TextInput } from "../../../components/text-input";
import { Textarea } from "../../../components/textarea";
import { flash } from "../../../lib/flash";
import { validateFields } from "../../../lib/form-errors";
import { usePageTitle } from "../../../lib/page-title";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useUploadEvidence } from "../api/portfolio";
import { CriteriaCheckboxes } from "../components/criteria-checkboxes";
import { LockedPage } from "../components/locked-page";
import { PortfolioLoader } from "../components/portfolio-loader";
import { portfolioPaths } from "../components/portfolio-paths";
import "../components/portfolios.css";

const FIELDS = ["file", "title", "body", "criterionIds"] as const;
const FILE_HINT = `A PDF, Word, Excel or PowerPoint file, or an image (PNG, JPEG, GIF or WebP), up to ${formatBytes(EVIDENCE_FILE_MAX_BYTES)}. Files with macros cannot be uploaded.`;

/** Checks the chosen file before sending it: there is one, its name is a type we take, and it is not too big. */
function fileProblem(file: File | undefined): string | null {
  if (!file) return "Choose a file to upload";
  if (!evidenceFileTypeFor(file.name)) {
    return `"${file.name}" is not a type of file you can upload. Choose a PDF, Word, Excel or PowerPoint file, or an image`;
  }
  if (file.size > EVIDENCE_FILE_MAX_BYTES) {
    return `"${file.name}" is ${formatBytes(file.size)}. Evidence files must be ${formatBytes(EVIDENCE_FILE_MAX_BYTES)} or smaller`;
  }
  if (file.size === 0) return `"${file.name}" is empty. Choose a file with something in it`;
  return null;
}

/** Uploading a file as evidence, with its progress shown as a bar and said in a live region. */
function FileEvidenceForm({ portfolio }: { portfolio: PortfolioView }) {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const preselected = params.get("criterion");
  const [title, setTitle] = useState("");
  const [body, setBody] = useState("");
  const [criterionIds, setCriterionIds] = useState<string[]>(preselected ? [preselected] : []);
  const [progress, setProgress] = useState<number | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const progressId = useId();
  const upload = useUploadEvidence(portfolio.enrolmentId, setProgress);
  const form = useFormErrors(FIELDS);
  usePageTitle("Upload a file", form.summary.length > 0);
  if (!portfolio.editable) return <LockedPage portfolio={portfolio} title="Upload a file" />;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const file = inputRef.current?.files?.[0];
    const problem = fileProblem(file);
    const fieldErrors = {
      ...(problem ? { file: problem } : {}),
      ...validateFields({
        title: [EvidenceFileFieldsSchema.shape.title, title],
        body: [EvidenceFileFieldsSchema.shape.body, body],
        criterionIds: [EvidenceFileFieldsSchema.shape.criterionIds, criterionIds],
      }),
    };
    if (form.showFieldErrors(fieldErrors) || !file || upload.isPending) return;
    setProgress(0);
    upload.mutate(
      { revision: portfolio.revision, title: title.trim(), body: body.trim(), criterionIds, file },
      {
        onSuccess: () =>
          navigate(portfolioPaths.overview(portfolio.enrolmentId), {
            state: flash("File added", `"${file.name}" is in your portfolio as "${title.trim()}".`),
          }),
        onError: form.showFailure,
        onSettled: () => setProgress(null),
      },
    );
  };

  return (
    <>
      <BackLink to={portfolioPaths.add(portfolio.enrolmentId)}>Back</BackLink>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} />
          <span className="nhsuk-caption-l">{portfolio.course.title}</span>
          <h1>Upload a file</h1>
          <form noValidate onSubmit={submit}>
            <div className={`nhsuk-form-group${form.errors.file ? " nhsuk-form-group--error" : ""}`}>
              <label className="nhsuk-label" htmlFor="file">
                File
              </label>
              <Hint id="file" hint={FILE_HINT} />
              <ErrorMessage id="file" error={form.errors.file} />
              <input
                ref={inputRef}
                className={`nhsuk-file-upload__input${form.errors.file ? " nhsuk-input--error" : ""}`}
                id="file"
                name="file"
                type="file"
                accept={EVIDENCE_FILE_ACCEPT}
                aria-describedby={describedBy("file", FILE_HINT, form.errors.file)}
              />
            </div>
            <TextInput
              id="title"
              label="Title"
              hint="What the file is, like 'Stock room audit, before and after'"
              value={title}
              onChange={setTitle}
              error={form.errors.title}
            />
            <Textarea
              id="body"
              label="Description (optional)"
              hint="What the file shows and your part in it"
              value={body}
              onChange={setBody}
              error={form.errors.body}
              rows={4}
            />
            <CriteriaCheckboxes
              portfolio={portfolio}
              values={criterionIds}
              onChange={setCriterionIds}
              error={form.errors.criterionIds}
            />
            <div className="app-upload-progress nhsuk-u-margin-bottom-4">
              {progress !== null ? (
                <>
                  <label className="nhsuk-label nhsuk-body-s" htmlFor={progressId}>
                    Upload progress
                  </label>
                  <progress id={progressId} max={100} value={progress}>
                    {progress}%
                  </progress>
                </>
              ) : null}
              <p className="nhsuk-body-s" role="status">
                {progress === null
                  ? ""
                  : progress < 100
                    ? `Uploading… ${progress}% sent`
                    : "Checking the file…"}
              </p>
            </div>
            <Button busy={upload.isPending}>Upload and add to your portfolio</Button>
          </form>
        </div>
      </div>
    </>
  );
}

/** /learning/:enrolmentId/portfolio/add/file */
export function FileEvidencePage() {
  const { enrolmentId = "" } = useParams();
  return (
    <PortfolioLoader enrolmentId={enrolmentId} title="Upload a file">
      {(portfolio) => <FileEvidenceForm portfolio={portfolio} />}
    </PortfolioLoader>
  );
}
