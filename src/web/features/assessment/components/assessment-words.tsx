import {
  ASSESSMENT_OUTCOME_LABELS,
  CRITERION_DECISION_LABELS,
  SUBMISSION_STATUS_LABELS,
  VERIFICATION_OUTCOME_LABELS,
} from "../../../../shared/assessment";
import type {
  AssessmentOutcome,
  CriterionDecision,
  SubmissionStatus,
  VerificationOutcome,
} from "../../../../shared/portfolios";
import { Tag } from "../../../components/nhs";

type Colour = "grey" | "blue" | "green" | "yellow" | "red" | "orange" | "purple";

const STATUS_COLOURS: Record<SubmissionStatus, Colour> = {
  awaiting_assessment: "blue",
  awaiting_verification: "purple",
  overturned: "orange",
  referred: "yellow",
  passed: "green",
};

/** Where a submission stands, as a tag with its words (never colour alone). */
export function SubmissionStatusTag({ status }: { status: SubmissionStatus }) {
  return <Tag modifier={STATUS_COLOURS[status]}>{SUBMISSION_STATUS_LABELS[status]}</Tag>;
}

/** An assessor's overall outcome as a tag. */
export function OutcomeTag({ outcome }: { outcome: AssessmentOutcome }) {
  return <Tag modifier={outcome === "pass" ? "green" : "yellow"}>{ASSESSMENT_OUTCOME_LABELS[outcome]}</Tag>;
}

/** A judgement on one criterion as a tag. */
export function JudgementTag({ decision }: { decision: CriterionDecision }) {
  return <Tag modifier={decision === "met" ? "green" : "orange"}>{CRITERION_DECISION_LABELS[decision]}</Tag>;
}

/** A verifier's verdict as a tag. */
export function VerdictTag({ outcome }: { outcome: VerificationOutcome }) {
  return (
    <Tag modifier={outcome === "confirmed" ? "green" : "red"}>{VERIFICATION_OUTCOME_LABELS[outcome]}</Tag>
  );
}

/** "Today", "1 day", "12 days": how long something has waited. */
export function waitingWords(days: number): string {
  if (days <= 0) return "Today";
  return days === 1 ? "1 day" : `${days} days`;
}

/** A file size as people read it: "820 KB", "3.4 MB". */
export function fileSizeWords(bytes: number | null): string {
  if (bytes === null) return "";
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

const FILE_TYPE_WORDS: Record<string, string> = {
  "application/pdf": "PDF",
  "application/msword": "Word",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word",
  "application/vnd.ms-excel": "Excel",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel",
  "application/vnd.ms-powerpoint": "PowerPoint",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation": "PowerPoint",
  "image/png": "PNG image",
  "image/jpeg": "JPEG image",
  "image/gif": "GIF image",
  "image/webp": "WebP image",
};

/** A file's type as people say it ("PDF", "Word"), or "file". */
export function fileTypeWords(contentType: string | null): string {
  return (contentType && FILE_TYPE_WORDS[contentType]) || "file";
}
