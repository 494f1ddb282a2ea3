import type { MeasurePoint } from "../../../../shared/measures";
import { PointForm as MeasurePointForm } from "../../../components/measures/point-form";
import { useAddPoint, useUpdatePoint } from "../api/measures";

/** A project measure's "Add a value" form, or the form changing one value when `point` is given. */
export function PointForm(props: {
  measureId: string;
  point?: MeasurePoint;
  onDone: (message: { heading: string }) => void;
  onCancel?: () => void;
}) {
  return (
    <MeasurePointForm
      {...props}
      add={useAddPoint(props.measureId)}
      update={useUpdatePoint(props.measureId)}
      dateHint="For example, 5 1 2026. Use the first day of the week or month the value is for."
    />
  );
}
