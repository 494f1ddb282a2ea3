import type { UseMutationResult } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "../button";

/**
 * "Delete this measure" at the foot of a measure's settings: what goes with it, then "Delete measure" asks "Yes,
 * delete this measure" or Cancel; `onDeleted` runs once `remove` has succeeded (the page shows its own request error).
 */
export function DeleteMeasure({
  what,
  remove,
  onDeleted,
}: {
  /** What is deleted with it, like "all its values and notes". */
  what: string;
  remove: UseMutationResult<unknown, Error, void>;
  onDeleted: () => void;
}) {
  const [confirming, setConfirming] = useState(false);
  return (
    <>
      <h2>Delete this measure</h2>
      <p>This deletes the measure with {what}. It cannot be undone.</p>
      {confirming ? (
        <div className="nhsuk-button-group">
          <Button
            type="button"
            variant="warning"
            busy={remove.isPending}
            onClick={() => remove.mutate(undefined, { onSuccess: onDeleted })}
          >
            Yes, delete this measure
          </Button>
          <Button type="button" variant="secondary" onClick={() => setConfirming(false)}>
            Cancel
          </Button>
        </div>
      ) : (
        <Button type="button" variant="warning" onClick={() => setConfirming(true)}>
          Delete measure
        </Button>
      )}
    </>
  );
}
