import { formatBytes } from "../../../../shared/authoring";
import {
  EVIDENCE_KIND_LABELS,
  type Evidence,
  PORTFOLIO_STAGE_LABELS,
  type PortfolioStage,
  type PortfolioView,
} from "../../../../shared/portfolios";
import { Tag } from "../../../components/nhs";

const STAGE_COLOURS: Record<PortfolioStage, "grey" | "blue" | "yellow" | "orange" | "green"> = {
  not_submitted: "grey",
  with_assessor: "blue",
  awaiting_quality_check: "yellow",
  referred: "orange",
  passed: "green",
};

/** Where a portfolio or version stands, as a tag with words (never colour alone). */
export function StageTag({ stage }: { stage: PortfolioStage }) {
  return <Tag modifier={STAGE_COLOURS[stage]}>{PORTFOLIO_STAGE_LABELS[stage]}</Tag>;
}

/** "PDF, 820 KB" style facts about a file. */
export function fileFacts(file: NonNullable<Evidence["file"]>): string {
  const dot = file.filename.lastIndexOf(".");
  const type = dot > 0 ? file.filename.slice(dot + 1).toUpperCase() : "File";
  return `${type}, ${formatBytes(file.sizeBytes)}`;
}

/** "Written reflection", "File" or "Link". */
export function kindLabel(evidence: Evidence): string {
  return EVIDENCE_KIND_LABELS[evidence.kind];
}

/** Every criterion of a portfolio in order, flattened from its units and outcomes. */
export function allCriteria(portfolio: PortfolioView) {
  return portfolio.units.flatMap((unit) => unit.outcomes.flatMap((outcome) => outcome.criteria));
}

/** The criterion references a piece of evidence is offered against, like "1.1, 1.2 and 2.3". */
export function criteriaCodes(portfolio: PortfolioView, criterionIds: readonly string[]): string {
  const codes = allCriteria(portfolio)
    .filter((c) => criterionIds.includes(c.id))
    .map((c) => c.code);
  if (codes.length <= 1) return codes.join("");
  return `${codes.slice(0, -1).join(", ")} and ${codes.at(-1)}`;
}

/** "1 piece of evidence" / "3 pieces of evidence". */
export function piecesOfEvidence(n: number): string {
  return n === 1 ? "1 piece of evidence" : `${n} pieces of evidence`;
}
