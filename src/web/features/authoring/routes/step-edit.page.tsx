import { type FormEvent, useState } from "react";
import { Link, useParams } from "react-router";
import {
  type AuthoringStep,
  learnersHave,
  STEP_KIND_LABELS,
  type StepUpdateInput,
  StepUpdateSchema,
  type StoredFile,
} from "../../../../shared/authoring";
import type { ScormPackage } from "../../../../shared/scorm";
import { Breadcrumbs } from "../../../components/breadcrumbs";
import { Button } from "../../../components/button";
import { Checkbox } from "../../../components/checkbox";
import { ErrorSummary } from "../../../components/error-summary";
import { Details, InsetText, WarningCallout } from "../../../components/nhs";
import { NotificationBanner } from "../../../components/notification-banner";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { Radios } from "../../../components/radios";
import { TextInput } from "../../../components/text-input";
import { ApiError, isApiError } from "../../../lib/api-client";
import type { FieldErrors, SummaryError } from "../../../lib/form-errors";
import { usePageTitle } from "../../../lib/page-title";
import { useAuthoringStep, useUpdateStep } from "../api/steps";
import { FileUpload } from "../components/file-upload";
import { MarkdownEditor } from "../components/markdown-editor";
import {
  draftKey,
  type QuestionDraft,
  QuizEditor,
  quizFieldFor,
  quizFieldOrder,
  toQuestionInputs,
} from "../components/quiz-editor";
import { ScormUpload } from "../components/scorm-upload";
import { useDismissFlash } from "../components/use-dismiss-flash";
import "../components/authoring.css";

/** What the Markdown body is for, by kind of step. */
const BODY_LABELS: Record<AuthoringStep["kind"], { label: string; hint: string }> = {
  article: { label: "Article text", hint: "Written in Markdown. Use Preview to see it as learners will." },
  video: {
    label: "Transcript",
    hint: "Everything said and shown in the video, for learners who cannot watch or hear it",
  },
  download: { label: "Description", hint: "What the file is and how to use it" },
  quiz: { label: "Introduction (optional)", hint: "Shown above the questions" },
  scorm: { label: "Introduction (optional)", hint: "Shown above the package when learners open it" },
};

function questionDrafts(step: AuthoringStep): QuestionDraft[] {
  return step.questions.map((q) => ({
    key: draftKey(),
    id: q.id,
    kind: q.kind,
    prompt: q.prompt,
    options: q.options.map((o) => ({
      key: draftKey(),
      id: o.id,
      text: o.text,
      correct: o.correct,
      feedback: o.feedback,
    })),
  }));
}

const WHOLE_NUMBER = /^\s*\d{1,6}\s*$/;

/** The editor for one step, holding the form's state from the saved step. */
function StepEditor({ step }: { step: AuthoringStep }) {
  const save = useUpdateStep(step.course.id, step.id);
  const dismissFlash = useDismissFlash();
  const [title, setTitle] = useState(step.title);
  const [minutes, setMinutes] = useState(String(step.minutes));
  const [required, setRequired] = useState(step.required);
  const [body, setBody] = useState(step.body);
  const [videoSource, setVideoSource] = useState(step.file ? "file" : step.videoUrl ? "url" : "");
  const [videoUrl, setVideoUrl] = useState(step.videoUrl ?? "");
  const [file, setFile] = useState<StoredFile | null>(step.file);
  const [scormPackage, setScormPackage] = useState<ScormPackage | null>(step.scormPackage);
  const [passMark, setPassMark] = useState(step.passMarkPercent === null ? "" : String(step.passMarkPercent));
  const [maxAttempts, setMaxAttempts] = useState(step.maxAttempts === null ? "" : String(step.maxAttempts));
  const [isFinal, setIsFinal] = useState(step.isFinal);
  const [questions, setQuestions] = useState<QuestionDraft[]>(() => questionDrafts(step));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [summary, setSummary] = useState<SummaryError[]>([]);
  const [saved, setSaved] = useState(0);
  usePageTitle(`Edit step: ${step.title}`, summary.length > 0);

  const fieldOrder = [
    "title",
    "minutes",
    "required",
    "videoSource",
    "videoUrl",
    "fileId",
    "scormPackageId",
    "body",
    "image",
    "passMarkPercent",
    "maxAttempts",
    "isFinal",
    ...quizFieldOrder(questions),
  ];
  const show = (found: FieldErrors, extra: SummaryError[] = []) => {
    dismissFlash();
    setErrors(found);
    setSummary([
      ...fieldOrder.filter((f) => found[f]).map((field) => ({ field, message: found[field] ?? "" })),
      ...extra,
    ]);
  };

  /** The step as the API takes it, with the problems found on the way (numbers that are not numbers). */
  const build = (): { input: Record<string, unknown>; problems: FieldErrors } => {
    const problems: FieldErrors = {};
    if (!WHOLE_NUMBER.test(minutes)) problems.minutes = "Enter how many minutes the step takes, like 5";
    const input: Record<string, unknown> = {
      title,
      body,
      minutes: Number(minutes),
      required,
      videoUrl: null,
      fileId: null,
      passMarkPercent: null,
      maxAttempts: null,
      isFinal: false,
    };
    if (step.kind === "video") {
      if (videoSource === "url") {
        if (!videoUrl.trim()) problems.videoUrl = "Enter the video's web address, starting https://";
        input.videoUrl = videoUrl.trim();
      }
      if (videoSource === "file") {
        if (!file) problems.fileId = "Upload the video, or give its web address instead";
        input.fileId = file?.id ?? null;
      }
    }
    if (step.kind === "download") input.fileId = file?.id ?? null;
    if (step.kind === "scorm") input.scormPackageId = scormPackage?.id ?? null;
    if (step.kind === "quiz") {
      if (!WHOLE_NUMBER.test(passMark))
        problems.passMarkPercent = "Enter the pass mark as a percentage, like 80";
      if (maxAttempts.trim() && !WHOLE_NUMBER.test(maxAttempts)) {
        problems.maxAttempts = "Enter how many attempts learners have as a whole number, or leave it empty";
      }
      input.passMarkPercent = Number(passMark);
      input.maxAttempts = maxAttempts.trim() ? Number(maxAttempts) : null;
      input.isFinal = isFinal;
      input.questions = toQuestionInputs(questions);
    }
    return { input, problems };
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (save.isPending) return;
    const { input, problems } = build();
    const parsed = StepUpdateSchema.safeParse(input);
    const found: FieldErrors = { ...problems };
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = quizFieldFor(issue.path.join("."));
        if (!found[field]) found[field] = issue.message;
      }
    }
    if (Object.keys(found).length > 0 || !parsed.success) {
      show(found);
      return;
    }
    const payload: StepUpdateInput = parsed.data;
    save.mutate(payload, {
      onSuccess: (updated) => {
        show({});
        setQuestions(questionDrafts(updated));
        setFile(updated.file);
        setScormPackage(updated.scormPackage);
        setSaved((n) => n + 1);
      },
      onError: (error) => {
        setSaved(0);
        if (!(error instanceof ApiError)) {
          show({}, [{ message: "Sorry, there is a problem with the service. Try again later." }]);
          return;
        }
        const fromServer: FieldErrors = {};
        const unplaced: SummaryError[] = [];
        for (const detail of error.details) {
          const field = detail.field ? quizFieldFor(detail.field) : undefined;
          if (field && fieldOrder.includes(field)) fromServer[field] ??= detail.message;
          else unplaced.push({ message: detail.message });
        }
        if (Object.keys(fromServer).length === 0 && unplaced.length === 0)
          unplaced.push({ message: error.message });
        show(fromServer, unplaced);
      },
    });
  };

  const bodyWords = BODY_LABELS[step.kind];
  const courseTo = `/manage/courses/${step.course.id}`;

  return (
    <>
      <Breadcrumbs
        items={[
          { to: "/manage/courses", text: "Manage courses" },
          { to: courseTo, text: step.course.title },
        ]}
      />
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ErrorSummary errors={summary} />
          {saved > 0 ? (
            <NotificationBanner key={saved} heading="Step saved">
              <p>
                <Link to={courseTo}>Back to the course</Link>
              </p>
            </NotificationBanner>
          ) : null}
          <span className="nhsuk-caption-l">
            Module {step.module.position}, step {step.position} · {STEP_KIND_LABELS[step.kind]}
          </span>
          <h1>{step.title}</h1>
          {step.course.status === "published" ? (
            <InsetText>
              <p>This course is published: learners see your changes as soon as you save them.</p>
            </InsetText>
          ) : null}
          {step.learnersStarted > 0 ? (
            <InsetText>
              <p>
                {learnersHave(step.learnersStarted)} started this step, so it cannot be deleted. You can
                change its wording, or make it optional so it no longer counts towards completing the course.
              </p>
            </InsetText>
          ) : null}
          {step.kind === "quiz" && step.learnersAnswered > 0 ? (
            <WarningCallout>
              <WarningCallout.Heading headingLevel="h2">
                Learners have answered this quiz
              </WarningCallout.Heading>
              <p>
                {learnersHave(step.learnersAnswered)} answered it. You can reword questions, answers and
                feedback, and add new questions and wrong answers. You cannot remove questions or answers, or
                change which answers are correct, because that would change their results.
              </p>
            </WarningCallout>
          ) : null}

          <form noValidate onSubmit={submit}>
            <TextInput id="title" label="Step title" value={title} onChange={setTitle} error={errors.title} />
            <TextInput
              id="minutes"
              label="How many minutes does it take?"
              hint="A typical learner's time, shown in the course's contents"
              value={minutes}
              onChange={setMinutes}
              error={errors.minutes}
              width={3}
              inputMode="numeric"
            />
            <Checkbox
              id="required"
              label="Learners must complete this step"
              hint="Untick to make it optional: it then does not count towards completing the course"
              checked={required}
              onChange={setRequired}
              error={errors.required}
            />

            {step.kind === "video" ? (
              <Radios
                name="videoSource"
                legend="Where is the video?"
                options={[
                  {
                    value: "url",
                    label: "On another website",
                    conditional: (
                      <TextInput
                        id="videoUrl"
                        label="The video's web address"
                        hint="Starting https://"
                        value={videoUrl}
                        onChange={setVideoUrl}
                        error={errors.videoUrl}
                      />
                    ),
                  },
                  {
                    value: "file",
                    label: "I will upload it",
                    conditional: (
                      <FileUpload
                        id="fileId"
                        label="Video file"
                        categories={["video"]}
                        file={file?.contentType.startsWith("video/") ? file : null}
                        error={errors.fileId}
                        onUploaded={setFile}
                        onProblem={(message) => show(message ? { fileId: message } : {})}
                      />
                    ),
                  },
                ]}
                value={videoSource}
                onChange={setVideoSource}
                error={errors.videoSource}
              />
            ) : null}

            {step.kind === "download" ? (
              <FileUpload
                id="fileId"
                label="File to download"
                categories={["document", "image", "video"]}
                file={file}
                error={errors.fileId}
                onUploaded={setFile}
                onProblem={(message) => show(message ? { fileId: message } : {})}
              />
            ) : null}

            {step.kind === "scorm" ? (
              <ScormUpload
                id="scormPackageId"
                current={scormPackage}
                saved={scormPackage !== null && scormPackage.id === step.scormPackage?.id}
                replaces={step.scormPackage?.id}
                error={errors.scormPackageId}
                onUploaded={setScormPackage}
                onProblem={(message) => show(message ? { scormPackageId: message } : {})}
              />
            ) : null}

            <MarkdownEditor
              id="body"
              label={bodyWords.label}
              hint={bodyWords.hint}
              value={body}
              onChange={setBody}
              error={errors.body}
              rows={step.kind === "article" ? 16 : 8}
            />

            {step.kind === "article" ? (
              <Details>
                <Details.Summary>Add an image to the article</Details.Summary>
                <Details.Text>
                  <FileUpload
                    id="image"
                    label="Image"
                    categories={["image"]}
                    file={null}
                    error={errors.image}
                    onProblem={(message) => show(message ? { image: message } : {})}
                    onUploaded={(image) =>
                      setBody((text) => `${text.trimEnd()}\n\n![Describe the image here](${image.url})\n`)
                    }
                  />
                  <p className="nhsuk-body-s">
                    The image is added to the end of the text. Replace "Describe the image here" with what it
                    shows, for learners who cannot see it.
                  </p>
                </Details.Text>
              </Details>
            ) : null}

            {step.kind === "quiz" ? (
              <>
                <h2>Marking</h2>
                <TextInput
                  id="passMarkPercent"
                  label="Pass mark, as a percentage"
                  hint="Learners pass with this share of the questions right, like 80"
                  value={passMark}
                  onChange={setPassMark}
                  error={errors.passMarkPercent}
                  width={3}
                  inputMode="numeric"
                />
                <TextInput
                  id="maxAttempts"
                  label="Attempts allowed (optional)"
                  hint="Leave empty for unlimited attempts"
                  value={maxAttempts}
                  onChange={setMaxAttempts}
                  error={errors.maxAttempts}
                  width={3}
                  inputMode="numeric"
                />
                <Checkbox
                  id="isFinal"
                  label="This quiz is the course's final assessment"
                  checked={isFinal}
                  onChange={setIsFinal}
                  error={errors.isFinal}
                />
                <h2>Questions</h2>
                <QuizEditor
                  questions={questions}
                  onChange={setQuestions}
                  errors={errors}
                  locked={step.learnersAnswered > 0}
                />
              </>
            ) : null}

            <Button busy={save.isPending}>Save step</Button>
          </form>
          <p>
            <Link to={courseTo}>Back to the course</Link>
          </p>
        </div>
      </div>
    </>
  );
}

/** /manage/courses/:id/steps/:stepId: edit one step of any kind. */
export function StepEditPage() {
  const { stepId = "" } = useParams();
  const step = useAuthoringStep(stepId);
  if (step.isPending) return <LoadingPage title="Edit step" />;
  if (step.isError) {
    return (
      <ProblemPage
        title={isApiError(step.error, 404) ? "Step not found" : "Sorry, there is a problem"}
        message={step.error.message}
      >
        <p>
          <Link to="/manage/courses">Go to Manage courses</Link>
        </p>
      </ProblemPage>
    );
  }
  // A new key per step, so moving between steps starts each form from its own saved state.
  return <StepEditor key={step.data.id} step={step.data} />;
}
