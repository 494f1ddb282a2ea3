import { Tag } from "../../../components/nhs";
import { STEP_STATUS_LABELS, type StepStatus } from "./learning-words";

/**
 * A step's status in the NHS task list style: "Completed" as plain text, anything still to do as a tag. Always
 * words, never colour alone. `id` lets the step's link point to it with aria-describedby.
 */
export function StepStatusCell({ id, status }: { id: string; status: StepStatus }) {
  if (status === "completed") {
    return (
      <div className="nhsuk-task-list__status nhsuk-task-list__status--completed" id={id}>
        {STEP_STATUS_LABELS.completed}
      </div>
    );
  }
  return (
    <div className="nhsuk-task-list__status" id={id}>
      <Tag modifier={status === "started" ? "blue" : "grey"}>{STEP_STATUS_LABELS[status]}</Tag>
    </div>
  );
}
