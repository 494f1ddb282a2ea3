import type { QuizQuestionInput } from "../../../../shared/authoring";
import type { QUESTION_KINDS } from "../../../../shared/learning";
import { Button } from "../../../components/button";
import { Checkbox } from "../../../components/checkbox";
import { Radios } from "../../../components/radios";
import { TextInput } from "../../../components/text-input";
import { Textarea } from "../../../components/textarea";
import type { FieldErrors } from "../../../lib/form-errors";

type QuestionKind = (typeof QUESTION_KINDS)[number];

/** An answer being edited; `key` keeps React's rows stable, `id` is set once the server has it. */
export interface OptionDraft {
  key: string;
  id?: string;
  text: string;
  correct: boolean;
  feedback: string;
}

/** A question being edited. */
export interface QuestionDraft {
  key: string;
  id?: string;
  kind: QuestionKind;
  prompt: string;
  options: OptionDraft[];
}

let nextKey = 0;
/** A key for a new row. */
export function draftKey(): string {
  nextKey += 1;
  return `draft-${nextKey}`;
}

/** An empty answer. */
export function emptyOption(): OptionDraft {
  return { key: draftKey(), text: "", correct: false, feedback: "" };
}

/** An empty single-choice question with two answers. */
export function emptyQuestion(): QuestionDraft {
  return { key: draftKey(), kind: "single", prompt: "", options: [emptyOption(), emptyOption()] };
}

/** The drafts as the API takes them. */
export function toQuestionInputs(questions: readonly QuestionDraft[]): QuizQuestionInput[] {
  return questions.map((q) => ({
    ...(q.id ? { id: q.id } : {}),
    kind: q.kind,
    prompt: q.prompt,
    options: q.options.map((o) => ({
      ...(o.id ? { id: o.id } : {}),
      text: o.text,
      correct: o.correct,
      feedback: o.feedback,
    })),
  }));
}

/** The ids of the quiz's fields in page order, for the error summary. */
export function quizFieldOrder(questions: readonly QuestionDraft[]): string[] {
  return questions.flatMap((q, i) => [
    `questions.${i}.prompt`,
    `questions.${i}.kind`,
    ...q.options.flatMap((_, j) => [
      `questions.${i}.options.${j}.text`,
      `questions.${i}.options.${j}.correct`,
      `questions.${i}.options.${j}.feedback`,
    ]),
  ]);
}

/**
 * The id of the input an error about `path` (from zod or the API, like "questions.0.options") belongs to. Errors
 * about a question's answers as a whole go to its first "correct" checkbox.
 */
export function quizFieldFor(path: string): string {
  const whole = /^questions\.(\d+)\.options$/.exec(path);
  if (whole) return `questions.${whole[1]}.options.0.correct`;
  const question = /^questions\.(\d+)$/.exec(path);
  if (question) return `questions.${question[1]}.prompt`;
  return path;
}

const KIND_OPTIONS = [
  { value: "single", label: "One answer is correct" },
  { value: "multiple", label: "One or more answers are correct" },
];

interface QuizEditorProps {
  questions: QuestionDraft[];
  onChange: (questions: QuestionDraft[]) => void;
  errors: FieldErrors;
  /** True once learners have answered: existing questions and answers may be reworded, not removed or re-marked. */
  locked: boolean;
}

/** Moves focus to an element once React has drawn it. */
function focusSoon(id: string): void {
  requestAnimationFrame(() => document.getElementById(id)?.focus());
}

/** A quiz's questions, each with its answers, which are correct, and feedback for each answer. */
export function QuizEditor({ questions, onChange, errors, locked }: QuizEditorProps) {
  const setQuestion = (index: number, change: Partial<QuestionDraft>) =>
    onChange(questions.map((q, i) => (i === index ? { ...q, ...change } : q)));
  const setOption = (qIndex: number, oIndex: number, change: Partial<OptionDraft>) => {
    const question = questions[qIndex];
    if (!question) return;
    setQuestion(qIndex, {
      options: question.options.map((o, j) => (j === oIndex ? { ...o, ...change } : o)),
    });
  };
  const moveQuestion = (index: number, by: -1 | 1) => {
    const next = [...questions];
    const [item] = next.splice(index, 1);
    if (!item) return;
    next.splice(index + by, 0, item);
    onChange(next);
    focusSoon(`questions.${index + by}.prompt`);
  };

  return (
    <>
      {questions.length === 0 ? <p>This quiz has no questions yet.</p> : null}
      {questions.map((question, i) => {
        const keep = locked && question.id !== undefined;
        const answersError = errors[`questions.${i}.options.0.correct`];
        return (
          <div className="app-question" key={question.key}>
            <fieldset className="nhsuk-fieldset">
              <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">Question {i + 1}</legend>
              <Textarea
                id={`questions.${i}.prompt`}
                label="Question"
                value={question.prompt}
                onChange={(prompt) => setQuestion(i, { prompt })}
                error={errors[`questions.${i}.prompt`]}
                rows={2}
              />
              {keep ? (
                <p>
                  {question.kind === "single" ? "One answer is correct." : "One or more answers are correct."}{" "}
                  This cannot change now that learners have answered.
                </p>
              ) : (
                <Radios
                  name={`questions.${i}.kind`}
                  legend="How many answers are correct?"
                  legendSize="s"
                  small
                  options={KIND_OPTIONS}
                  value={question.kind}
                  onChange={(kind) => setQuestion(i, { kind: kind === "multiple" ? "multiple" : "single" })}
                  error={errors[`questions.${i}.kind`]}
                />
              )}
              {question.options.map((option, j) => {
                const keepOption = locked && option.id !== undefined;
                const base = `questions.${i}.options.${j}`;
                return (
                  <div className="app-answer" key={option.key}>
                    <TextInput
                      id={`${base}.text`}
                      label={`Answer ${j + 1}`}
                      value={option.text}
                      onChange={(text) => setOption(i, j, { text })}
                      error={errors[`${base}.text`]}
                    />
                    {keepOption ? (
                      <p className="nhsuk-body-s">
                        <strong>{option.correct ? "Correct answer." : "Not a correct answer."}</strong>{" "}
                        Learners have answered, so this cannot change.
                      </p>
                    ) : (
                      <Checkbox
                        id={`${base}.correct`}
                        label={`Answer ${j + 1} is correct`}
                        checked={option.correct}
                        onChange={(correct) => setOption(i, j, { correct })}
                        error={j === 0 ? answersError : undefined}
                      />
                    )}
                    <TextInput
                      id={`${base}.feedback`}
                      label={`Feedback for answer ${j + 1} (optional)`}
                      hint="Shown to learners who choose this answer"
                      value={option.feedback}
                      onChange={(feedback) => setOption(i, j, { feedback })}
                      error={errors[`${base}.feedback`]}
                    />
                    {keepOption || question.options.length <= 2 ? null : (
                      <Button
                        type="button"
                        variant="secondary"
                        small
                        onClick={() => {
                          setQuestion(i, { options: question.options.filter((_, k) => k !== j) });
                          focusSoon(`questions.${i}.add-answer`);
                        }}
                      >
                        Remove answer {j + 1}
                        <span className="nhsuk-u-visually-hidden"> of question {i + 1}</span>
                      </Button>
                    )}
                  </div>
                );
              })}
              {keep && answersError ? <p className="nhsuk-error-message">{answersError}</p> : null}
              <div className="app-actions">
                <button
                  type="button"
                  id={`questions.${i}.add-answer`}
                  className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                  onClick={() => {
                    if (question.options.length >= 10) return;
                    setQuestion(i, { options: [...question.options, emptyOption()] });
                    focusSoon(`questions.${i}.options.${question.options.length}.text`);
                  }}
                >
                  Add an answer<span className="nhsuk-u-visually-hidden"> to question {i + 1}</span>
                </button>
                {i > 0 ? (
                  <Button type="button" variant="secondary" small onClick={() => moveQuestion(i, -1)}>
                    Move up<span className="nhsuk-u-visually-hidden"> question {i + 1}</span>
                  </Button>
                ) : null}
                {i < questions.length - 1 ? (
                  <Button type="button" variant="secondary" small onClick={() => moveQuestion(i, 1)}>
                    Move down<span className="nhsuk-u-visually-hidden"> question {i + 1}</span>
                  </Button>
                ) : null}
                {keep ? null : (
                  <Button
                    type="button"
                    variant="warning"
                    small
                    onClick={() => {
                      onChange(questions.filter((_, k) => k !== i));
                      focusSoon("add-question");
                    }}
                  >
                    Remove question {i + 1}
                  </Button>
                )}
              </div>
            </fieldset>
          </div>
        );
      })}
      <div className="app-actions nhsuk-u-margin-bottom-6">
        <button
          type="button"
          id="add-question"
          className="nhsuk-button nhsuk-button--secondary"
          onClick={() => {
            onChange([...questions, emptyQuestion()]);
            focusSoon(`questions.${questions.length}.prompt`);
          }}
        >
          Add a question
        </button>
      </div>
    </>
  );
}
