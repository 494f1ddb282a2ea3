import { REPORT_STATUS_LABELS, type ReportStatus } from "../../../../shared/reports";
import { Tag } from "../../../components/nhs";

const COLOURS: Record<ReportStatus, "grey" | "blue" | "green" | "yellow" | "red"> = {
  not_started: "grey",
  in_progress: "blue",
  completed: "green",
  deferred: "yellow",
  expired: "red",
};

/** Where a learner stands on a course, as a tag with its words (never colour alone). */
export function StatusTag({ status }: { status: ReportStatus }) {
  return <Tag modifier={COLOURS[status]}>{REPORT_STATUS_LABELS[status]}</Tag>;
}
