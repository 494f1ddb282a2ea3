import type { MeasurePoint } from "../../../../shared/measures";
import { PointForm as MeasurePointForm } from "../../../components/measures/point-form";
import { useAddTeamPoint, useUpdateTeamPoint } from "../api/team-measures";

/** A team measure's "Add a value" form, or the form changing one value when `point` is given. */
export function PointForm(props: {
  measureId: string;
  point?: MeasurePoint;
  onDone: (message: { heading: string }) => void;
  onCancel?: () => void;
}) {
  return (
    <MeasurePointForm
      {...props}
      add={useAddTeamPoint(props.measureId)}
      update={useUpdateTeamPoint(props.measureId)}
      dateHint="For example, 2 3 2026. Use the first day of the week or month the value is for."
    />
  );
}
