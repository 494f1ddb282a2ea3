import { COURSE_STATUS_LABELS, type CourseStatus } from "../../../../shared/authoring";
import { Tag } from "../../../components/nhs";

const MODIFIERS = { draft: "grey", published: "green", archived: "white" } as const;

/** A course's status as a tag: always with its name, never colour alone. */
export function CourseStatusTag({ status }: { status: CourseStatus }) {
  return <Tag modifier={MODIFIERS[status]}>{COURSE_STATUS_LABELS[status]}</Tag>;
}
