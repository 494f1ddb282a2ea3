import { useState } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { STARTING_POINTS, StartingPointSchema } from "../../../../shared/catalogue";
import { QuestionPage } from "../../../components/question-page";
import { Radios } from "../../../components/radios";
import { validateFields } from "../../../lib/form-errors";
import { useFormErrors } from "../../../lib/use-form-errors";
import { readStartingPoint } from "../components/starting-point";

const FIELDS = ["answer"] as const;
const QUESTION = "Which of these best describes you?";

/** /where-to-start: one question whose answer suggests the level to start at; ?answer= fills it in again. */
export function WhereToStartPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [answer, setAnswer] = useState(readStartingPoint(params.get("answer"))?.value ?? "");
  const { errors, summary, showFieldErrors } = useFormErrors(FIELDS);

  const submit = () => {
    if (showFieldErrors(validateFields({ answer: [StartingPointSchema, answer] }))) return;
    navigate(`/where-to-start/result?answer=${encodeURIComponent(answer)}`);
  };

  return (
    <QuestionPage title={QUESTION} backTo="/courses" errors={summary} onSubmit={submit}>
      <Radios
        name="answer"
        legend={QUESTION}
        isPageHeading
        hint="We will suggest the level that fits you best."
        options={STARTING_POINTS.map((point) => ({ value: point.value, label: point.label }))}
        value={answer}
        onChange={setAnswer}
        error={errors.answer}
      />
    </QuestionPage>
  );
}
