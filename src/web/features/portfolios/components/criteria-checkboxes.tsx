import type { PortfolioView } from "../../../../shared/portfolios";
import { Checkboxes } from "../../../components/checkboxes";
import { allCriteria } from "./portfolio-words";

/** The criteria a piece of evidence shows, as checkboxes labelled with each criterion's reference and statement. */
export function CriteriaCheckboxes({
  portfolio,
  values,
  onChange,
  error,
}: {
  portfolio: PortfolioView;
  values: readonly string[];
  onChange: (values: string[]) => void;
  error?: string | undefined;
}) {
  return (
    <Checkboxes
      name="criterionIds"
      legend="Which criteria does this evidence show?"
      hint="Select all that apply. Each criterion needs at least one piece of evidence before you can submit."
      options={allCriteria(portfolio).map((c) => ({
        value: c.id,
        label: `${c.code} ${c.statement}`,
        hint: c.evidenceIds.length === 0 ? "No evidence yet" : undefined,
      }))}
      values={values}
      onChange={onChange}
      error={error}
    />
  );
}
