import { useState } from "react";
import { useNavigate, useParams, useSearchParams } from "react-router";
import type { PortfolioView } from "../../../../shared/portfolios";
import { QuestionPage } from "../../../components/question-page";
import { Radios } from "../../../components/radios";
import { useFormErrors } from "../../../lib/use-form-errors";
import { LockedPage } from "../components/locked-page";
import { PortfolioLoader } from "../components/portfolio-loader";
import { portfolioPaths } from "../components/portfolio-paths";

const KINDS = [
  {
    value: "reflection",
    label: "A written reflection",
    hint: "What you did, what happened and what you learnt. It saves as you write.",
  },
  {
    value: "file",
    label: "A file",
    hint: "A PDF, Word, Excel or PowerPoint file, or a photograph (PNG, JPEG, GIF or WebP), up to 20 MB",
  },
  {
    value: "link",
    label: "A link",
    hint: "A web page, such as your team's published chart or a shared document",
  },
] as const;

function ChooseKind({ portfolio }: { portfolio: PortfolioView }) {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const criterionId = params.get("criterion");
  const [kind, setKind] = useState("");
  const { errors, summary, showFieldErrors } = useFormErrors(["kind"]);
  if (!portfolio.editable) return <LockedPage portfolio={portfolio} title="Add evidence" />;
  return (
    <QuestionPage
      title="What kind of evidence do you want to add?"
      backTo={portfolioPaths.overview(portfolio.enrolmentId)}
      errors={summary}
      onSubmit={() => {
        if (showFieldErrors(kind ? {} : { kind: "Select the kind of evidence you want to add" })) return;
        const chosen = KINDS.find((k) => k.value === kind)?.value ?? "reflection";
        navigate(portfolioPaths.addKind(portfolio.enrolmentId, chosen, criterionId));
      }}
    >
      <Radios
        name="kind"
        legend="What kind of evidence do you want to add?"
        isPageHeading
        options={KINDS.map((k) => ({ value: k.value, label: k.label, hint: k.hint }))}
        value={kind}
        onChange={setKind}
        error={errors.kind}
      />
    </QuestionPage>
  );
}

/** /learning/:enrolmentId/portfolio/add: choose a reflection, a file or a link. */
export function AddEvidencePage() {
  const { enrolmentId = "" } = useParams();
  return (
    <PortfolioLoader enrolmentId={enrolmentId} title="Add evidence">
      {(portfolio) => <ChooseKind portfolio={portfolio} />}
    </PortfolioLoader>
  );
}
