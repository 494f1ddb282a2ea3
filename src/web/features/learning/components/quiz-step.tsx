import { type FormEvent, useEffect, useMemo, useState } from "react";
import type { QuizResult } from "../../../../shared/learning";
import { Button } from "../../../components/button";
import { Checkboxes } from "../../../components/checkboxes";
import { InsetText } from "../../../components/nhs";
import { Radios } from "../../../components/radios";
import { isApiError } from "../../../lib/api-client";
import type { FieldErrors, SummaryError } from "../../../lib/form-errors";
import { useFormErrors } from "../../../lib/use-form-errors";
import type { StepViewData } from "../api/learning-schemas";
import { useSubmitAttempt } from "../api/submit-attempt";
import { QuizResultView } from "./quiz-result";
import { RichText } from "./rich-text";

/** The field of a question: its fieldset's first option has this id, so the error summary can link to it. */
export function questionField(questionId: string): string {
  return `question-${questionId}`;
}

/** Server details name "answers.<questionId>"; the page names the question's field. */
function questionErrors(error: unknown, fields: readonly string[]): FieldErrors | null {
  if (!isApiError(error, 400)) return null;
  const errors: FieldErrors = {};
  for (const detail of error.details) {
    const questionId = detail.field?.startsWith("answers.") ? detail.field.slice("answers.".length) : null;
    const field = questionId ? questionField(questionId) : null;
    if (!field || !fields.includes(field)) return null;
    if (!(field in errors)) errors[field] = detail.message;
  }
  return Object.keys(errors).length > 0 ? errors : null;
}

interface QuizStepProps {
  step: StepViewData;
  /** The quiz's error summary lines, shown by the page at the top of its content. */
  onSummaryChange: (summary: SummaryError[]) => void;
}

/**
 * A quiz: one fieldset per question (radios for single choice, checkboxes for multiple), marked by the server.
 * The browser never has the answers before submitting. After an attempt the result replaces the form until the
 * learner tries again; a passed quiz (or one out of attempts, or an expired enrolment) shows the last result.
 */
export function QuizStep({ step, onSummaryChange }: QuizStepProps) {
  const quiz = step.quiz;
  const questions = useMemo(
    () => [...(quiz?.questions ?? [])].sort((a, b) => a.position - b.position),
    [quiz?.questions],
  );
  const fields = useMemo(() => questions.map((question) => questionField(question.id)), [questions]);
  const prompts = useMemo(() => new Map(questions.map((q) => [q.id, q.prompt])), [questions]);
  const [answers, setAnswers] = useState<Record<string, string[]>>({});
  const [result, setResult] = useState<QuizResult | null>(null);
  const { errors, summary, showFieldErrors, showFailure, showSummary } = useFormErrors(fields);
  const submit = useSubmitAttempt(step.enrolmentId, step.id);

  useEffect(() => onSummaryChange(summary), [summary, onSummaryChange]);

  if (!quiz) return <p>This quiz is not available.</p>;

  const exhausted = quiz.maxAttempts !== null && quiz.attemptsUsed >= quiz.maxAttempts;
  const shown = result ?? (quiz.passed || exhausted || step.readOnly ? quiz.lastResult : null);

  const tryAgain = () => {
    setResult(null);
    setAnswers({});
    showFieldErrors({});
    requestAnimationFrame(() => {
      const first = questions[0];
      if (first) document.getElementById(questionField(first.id))?.focus();
    });
  };

  if (shown) {
    return (
      <>
        <RichText html={step.html} />
        <QuizResultView
          enrolmentId={step.enrolmentId}
          result={shown}
          prompts={prompts}
          takeFocus={result !== null}
          readOnly={step.readOnly}
          onTryAgain={tryAgain}
        />
      </>
    );
  }
  if (step.readOnly) {
    return (
      <>
        <RichText html={step.html} />
        <p>You did not answer this quiz before your access ended.</p>
      </>
    );
  }
  if (quiz.passed) return <p>You have passed this quiz.</p>;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (submit.isPending) return;
    submit.mutate(
      { answers: questions.map((q) => ({ questionId: q.id, optionIds: answers[q.id] ?? [] })) },
      {
        onSuccess: (marked) => {
          showFieldErrors({});
          setResult(marked);
        },
        onError: (error) => {
          const placed = questionErrors(error, fields);
          if (placed) showFieldErrors(placed);
          else if (isApiError(error) && error.details.length === 0) showSummary([{ message: error.message }]);
          else showFailure(error);
        },
      },
    );
  };

  const left = quiz.maxAttempts === null ? null : quiz.maxAttempts - quiz.attemptsUsed;
  const last = quiz.lastResult;
  return (
    <>
      <RichText html={step.html} />
      <InsetText>
        <p>
          {quiz.isFinal ? "This is the course's final quiz. " : ""}To pass, you need {quiz.passMarkPercent}%
          or more.{" "}
          {left === null
            ? "You can try as many times as you need."
            : `You have ${left} ${left === 1 ? "attempt" : "attempts"} left.`}
        </p>
        {last ? (
          <p>
            Last time you scored {last.scorePercent}% ({last.correctCount} of {last.questionCount} correct).
          </p>
        ) : null}
      </InsetText>
      <form noValidate onSubmit={onSubmit}>
        {questions.map((question, index) => {
          const name = questionField(question.id);
          const legend = `${index + 1}. ${question.prompt}`;
          const options = question.options.map((option) => ({ value: option.id, label: option.text }));
          const selected = answers[question.id] ?? [];
          const choose = (optionIds: string[]) => setAnswers((all) => ({ ...all, [question.id]: optionIds }));
          return question.kind === "multiple" ? (
            <Checkboxes
              key={question.id}
              name={name}
              legend={legend}
              hint={/select all/i.test(question.prompt) ? undefined : "Select all that apply."}
              error={errors[name]}
              options={options}
              values={selected}
              onChange={choose}
            />
          ) : (
            <Radios
              key={question.id}
              name={name}
              legend={legend}
              error={errors[name]}
              options={options}
              value={selected[0] ?? ""}
              onChange={(optionId) => choose([optionId])}
            />
          );
        })}
        <Button busy={submit.isPending}>Submit answers</Button>
      </form>
    </>
  );
}
