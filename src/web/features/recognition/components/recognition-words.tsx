import type { RecognitionStatus } from "../../../../shared/projects";
import { RECOGNITION_STATUS_LABELS } from "../../../../shared/recognition";
import { Tag } from "../../../components/nhs";

/** A submission's status as a tag with text. */
export function RecognitionStatusTag({ status }: { status: RecognitionStatus | "not_submitted" }) {
  if (status === "not_submitted") return <Tag color="grey">Not submitted</Tag>;
  const colour = status === "passed" ? "green" : status === "referred" ? "orange" : "blue";
  return <Tag color={colour}>{RECOGNITION_STATUS_LABELS[status]}</Tag>;
}
