import { type FormEvent, useRef, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import {
  HELP_BODY_MAX,
  HELP_CATEGORIES,
  type HelpArticleAdmin,
  type HelpArticleInput,
  HelpArticleInputSchema,
  type HelpCategory,
} from "../../../../shared/help";
import { Button } from "../../../components/button";
import { Checkbox } from "../../../components/checkbox";
import { ErrorSummary, RequestErrorSummary } from "../../../components/error-summary";
import { BackLink } from "../../../components/links";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { Radios } from "../../../components/radios";
import { TextInput } from "../../../components/text-input";
import { Textarea } from "../../../components/textarea";
import { isApiError } from "../../../lib/api-client";
import { flash } from "../../../lib/flash";
import { type FieldErrors, validateFields } from "../../../lib/form-errors";
import { usePageTitle } from "../../../lib/page-title";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useManagedAnswer } from "../api/managed-answer";
import { usePreviewAnswer } from "../api/preview-answer";
import { useSaveAnswer } from "../api/save-answer";
import { AnswerHtml } from "../components/answer-html";
import { helpPath, MANAGE_HELP_PATH, manageAnswerPath } from "../components/help-paths";

const FIELDS = ["title", "slug", "category", "summary", "body", "position", "published"] as const;

/** A web address made from a question: "Where is my ESR number?" → "where-is-my-esr-number". */
export function slugFromTitle(title: string): string {
  return title
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
}

interface Draft {
  title: string;
  slug: string;
  category: HelpCategory | "";
  summary: string;
  body: string;
  position: string;
  published: boolean;
}

function draftFrom(answer: HelpArticleAdmin | null): Draft {
  if (!answer) {
    return { title: "", slug: "", category: "", summary: "", body: "", position: "100", published: false };
  }
  const { title, slug, category, summary, body, position, published } = answer;
  return { title, slug, category, summary, body, position: String(position), published };
}

/** The draft as the API takes it, or the errors that stop it being sent (the server checks again). */
function validate(draft: Draft): { errors: FieldErrors; input: HelpArticleInput | null } {
  const shape = HelpArticleInputSchema.shape;
  const position = /^\d+$/.test(draft.position.trim()) ? Number(draft.position.trim()) : Number.NaN;
  const errors = validateFields({
    title: [shape.title, draft.title],
    slug: [shape.slug, draft.slug],
    category: [shape.category, draft.category],
    summary: [shape.summary, draft.summary],
    body: [shape.body, draft.body],
    position: [shape.position, position],
  });
  if (Object.keys(errors).length > 0 || draft.category === "") return { errors, input: null };
  return {
    errors,
    input: {
      title: draft.title.trim(),
      slug: draft.slug.trim(),
      category: draft.category,
      summary: draft.summary.trim(),
      body: draft.body.trim(),
      position,
      published: draft.published,
    },
  };
}

const MARKDOWN_HINT =
  "Write in Markdown: ## for a heading, - for a list item, **bold**, and [link text](/help/other-answer) for a link. HTML is shown as text, not run.";

/** The answer's fields, a preview of the answer as learners will see it, and Save. */
function AnswerForm({ answer }: { answer: HelpArticleAdmin | null }) {
  const title = answer ? "Edit a help answer" : "Add a help answer";
  const navigate = useNavigate();
  const save = useSaveAnswer(answer?.id ?? null);
  const preview = usePreviewAnswer();
  const form = useFormErrors(FIELDS);
  const [draft, setDraft] = useState<Draft>(() => draftFrom(answer));
  const [slugEdited, setSlugEdited] = useState(answer !== null);
  const [previewHtml, setPreviewHtml] = useState<string | null>(null);
  const previewHeading = useRef<HTMLHeadingElement>(null);
  usePageTitle(title, form.summary.length > 0);

  const change = <K extends keyof Draft>(key: K, value: Draft[K]) =>
    setDraft((current) => ({
      ...current,
      [key]: value,
      ...(key === "title" && !slugEdited ? { slug: slugFromTitle(String(value)) } : {}),
    }));

  const showPreview = () => {
    if (preview.isPending) return;
    preview.mutate(draft.body, {
      onSuccess: ({ html }) => {
        setPreviewHtml(html);
        requestAnimationFrame(() => previewHeading.current?.focus());
      },
    });
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const { errors, input } = validate(draft);
    if (form.showFieldErrors(errors) || !input || save.isPending) return;
    save.mutate(input, {
      onSuccess: (saved) =>
        navigate(helpPath(saved.slug), {
          state: flash(
            "Answer saved",
            saved.published ? "This is how learners see it." : "It is a draft: learners cannot see it yet.",
          ),
        }),
      onError: form.showFailure,
    });
  };

  return (
    <>
      <BackLink to={MANAGE_HELP_PATH}>Help answers</BackLink>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} />
          <h1>{title}</h1>
          <form noValidate onSubmit={submit}>
            <TextInput
              id="title"
              label="Question"
              hint="As a learner would ask it, like: Where do I find my ESR number?"
              value={draft.title}
              onChange={(value) => change("title", value)}
              error={form.errors.title}
            />
            <TextInput
              id="slug"
              label="Web address"
              hint="The end of the answer's address, after /help/. Lower-case letters, numbers and hyphens."
              spellCheck={false}
              autoComplete="off"
              value={draft.slug}
              onChange={(value) => {
                setSlugEdited(true);
                change("slug", value);
              }}
              error={form.errors.slug}
            />
            <Radios
              name="category"
              legend="Section"
              small
              options={HELP_CATEGORIES.map((c) => ({ value: c.value, label: c.label }))}
              value={draft.category}
              onChange={(value) =>
                change("category", HELP_CATEGORIES.find((c) => c.value === value)?.value ?? "")
              }
              error={form.errors.category}
            />
            <Textarea
              id="summary"
              label="Short answer"
              hint="One or two sentences, shown under the question and in search results. Up to 300 characters."
              rows={3}
              value={draft.summary}
              onChange={(value) => change("summary", value)}
              error={form.errors.summary}
            />
            <Textarea
              id="body"
              label="Full answer"
              hint={`${MARKDOWN_HINT} Up to ${HELP_BODY_MAX.toLocaleString("en-GB")} characters.`}
              rows={16}
              value={draft.body}
              onChange={(value) => change("body", value)}
              error={form.errors.body}
            />
            <Button type="button" variant="secondary" busy={preview.isPending} onClick={showPreview}>
              Preview the full answer
            </Button>
            <RequestErrorSummary error={preview.error} />
            {previewHtml !== null ? (
              <section aria-labelledby="preview-heading" className="nhsuk-card">
                <div className="nhsuk-card__content">
                  <h2 id="preview-heading" className="nhsuk-heading-s" tabIndex={-1} ref={previewHeading}>
                    Preview: how learners will see the full answer
                  </h2>
                  <AnswerHtml html={previewHtml} />
                </div>
              </section>
            ) : null}
            <TextInput
              id="position"
              label="Position"
              hint="Answers in a section are listed from the lowest number to the highest"
              inputMode="numeric"
              width={5}
              value={draft.position}
              onChange={(value) => change("position", value)}
              error={form.errors.position}
            />
            <Checkbox
              id="published"
              label="Publish this answer"
              hint="Learners see published answers. Leave the box clear to keep it as a draft."
              checked={draft.published}
              onChange={(value) => change("published", value)}
              error={form.errors.published}
            />
            <Button busy={save.isPending}>Save answer</Button>
          </form>
          {answer ? (
            <p>
              <Link to={`${manageAnswerPath(answer.id)}/delete`}>Delete this answer</Link>
            </p>
          ) : null}
        </div>
      </div>
    </>
  );
}

/** /manage/help/new: a new help answer. */
export function NewAnswerPage() {
  return <AnswerForm answer={null} />;
}

/** /manage/help/:id: change a help answer. */
export function EditAnswerPage() {
  const { id = "" } = useParams();
  const answer = useManagedAnswer(id);
  if (answer.isPending) return <LoadingPage title="Edit a help answer" />;
  if (answer.isError) {
    return (
      <>
        <BackLink to={MANAGE_HELP_PATH}>Help answers</BackLink>
        <ProblemPage
          title={isApiError(answer.error, 404) ? "Answer not found" : "Sorry, there is a problem"}
          message={answer.error.message}
        />
      </>
    );
  }
  return <AnswerForm key={answer.data.id} answer={answer.data} />;
}
