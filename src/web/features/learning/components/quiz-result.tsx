import { useEffect, useRef } from "react";
import { Link } from "react-router";
import type { QuizResult } from "../../../../shared/learning";
import { Button } from "../../../components/button";
import { Tag, WarningCallout } from "../../../components/nhs";
import { continuePath, outlinePath } from "./learning-paths";

/** "You have 2 attempts left", "You have used all 3 attempts", or nothing when attempts are unlimited. */
function attemptsWords(result: QuizResult): string | null {
  const left = result.attemptsRemaining;
  if (left === null) return result.passed ? null : "You can try again as many times as you need.";
  if (left === 0) {
    return `You have used all ${result.attemptsUsed} ${result.attemptsUsed === 1 ? "attempt" : "attempts"}.`;
  }
  return `You have ${left} ${left === 1 ? "attempt" : "attempts"} left.`;
}

interface QuizResultViewProps {
  enrolmentId: string;
  result: QuizResult;
  /** The question prompts by id, in the quiz's order. */
  prompts: ReadonlyMap<string, string>;
  /** Move focus to the result when it appears after submitting (not when the page opens on it). */
  takeFocus: boolean;
  readOnly: boolean;
  onTryAgain: () => void;
}

/**
 * A marked attempt: the score against the pass mark, then each question marked correct or incorrect with the
 * feedback for the options the learner chose (and the correct answers, once the server reveals them).
 */
export function QuizResultView({
  enrolmentId,
  result,
  prompts,
  takeFocus,
  readOnly,
  onTryAgain,
}: QuizResultViewProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (takeFocus) {
      ref.current?.focus();
      ref.current?.scrollIntoView();
    }
  }, [takeFocus]);
  const score = `You scored ${result.scorePercent}% (${result.correctCount} of ${result.questionCount} correct).`;
  const attempts = attemptsWords(result);
  const canTryAgain = !readOnly && !result.passed && result.attemptsRemaining !== 0;

  return (
    <div className="app-quiz-result" ref={ref} tabIndex={-1}>
      {result.passed ? (
        <div className="nhsuk-panel">
          <h2 className="nhsuk-panel__title">You passed</h2>
          <div className="nhsuk-panel__body">
            <p>
              {score} The pass mark is {result.passMarkPercent}%.
            </p>
          </div>
        </div>
      ) : (
        <WarningCallout>
          <WarningCallout.Heading headingLevel="h2">You did not pass this time</WarningCallout.Heading>
          <p>
            {score} You need {result.passMarkPercent}% to pass.
          </p>
          {attempts ? <p>{attempts}</p> : null}
        </WarningCallout>
      )}

      <h2>Your answers</h2>
      <ol className="nhsuk-list app-quiz-answers">
        {result.questions.map((question, index) => (
          <li key={question.questionId}>
            <h3 className="nhsuk-heading-s nhsuk-u-margin-bottom-2">
              {index + 1}. {prompts.get(question.questionId) ?? "Question"}
            </h3>
            <p>
              {question.correct ? <Tag modifier="green">Correct</Tag> : <Tag modifier="red">Incorrect</Tag>}
            </p>
            <ul className="nhsuk-list">
              {question.options
                .filter((option) => option.selected || option.correct === true)
                .map((option) => (
                  <li key={option.id} className="app-quiz-answer">
                    <p className="nhsuk-u-margin-bottom-1">
                      <strong>
                        {option.selected && option.correct === true
                          ? "Your answer (correct): "
                          : option.selected
                            ? "Your answer: "
                            : "Correct answer: "}
                      </strong>
                      {option.text}
                    </p>
                    {option.feedback ? <p className="nhsuk-body-s">{option.feedback}</p> : null}
                  </li>
                ))}
              {question.options.some((option) => option.selected) ? null : (
                <li>
                  <p>You did not answer this question.</p>
                </li>
              )}
            </ul>
          </li>
        ))}
      </ol>

      {result.passed && !readOnly ? (
        <Link className="nhsuk-button" to={continuePath(enrolmentId)} draggable={false}>
          Continue
        </Link>
      ) : null}
      {canTryAgain ? (
        <Button type="button" onClick={onTryAgain}>
          Try again
        </Button>
      ) : null}
      {!result.passed && result.attemptsRemaining === 0 ? (
        <p>
          You cannot answer this quiz again. <Link to={outlinePath(enrolmentId)}>Go back to the course</Link>
        </p>
      ) : null}
    </div>
  );
}
