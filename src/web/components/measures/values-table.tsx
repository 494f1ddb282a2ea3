import type { UseMutationResult } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { formatCalendarDate } from "../../../shared/dates";
import type { MeasurePoint } from "../../../shared/measures";
import { Button } from "../button";

/**
 * A measure's values newest first (a project's or a team's); for its editors each row has Change (the row becomes
 * the feature's value form, from `editForm`) and Delete with a confirmation. `onMessage` gets a heading to show
 * once a value is deleted or changed.
 */
export function ValuesTable({
  title,
  points,
  canEdit,
  deletePoint,
  editForm,
  onMessage,
}: {
  title: string;
  points: MeasurePoint[];
  canEdit: boolean;
  deletePoint: UseMutationResult<unknown, Error, string>;
  editForm: (
    point: MeasurePoint,
    done: (message: { heading: string }) => void,
    cancel: () => void,
  ) => ReactNode;
  onMessage: (message: { heading: string }) => void;
}) {
  const [editing, setEditing] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  if (points.length === 0) return <p>No values yet.</p>;
  const newestFirst = [...points].reverse();
  return (
    <div className="app-table-scroll" style={{ overflowX: "auto" }}>
      <table className="nhsuk-table">
        <caption className="nhsuk-table__caption">Values of {title}, newest first</caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            <th scope="col" className="nhsuk-table__header">
              Date
            </th>
            <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">
              Value
            </th>
            <th scope="col" className="nhsuk-table__header">
              Note
            </th>
            {canEdit ? (
              <th scope="col" className="nhsuk-table__header">
                <span className="nhsuk-u-visually-hidden">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {newestFirst.map((point) => {
            const when = formatCalendarDate(point.date);
            if (editing === point.id) {
              return (
                <tr className="nhsuk-table__row" key={point.id}>
                  <td className="nhsuk-table__cell" colSpan={4}>
                    <h3 className="nhsuk-heading-s">Change the value for {when}</h3>
                    {editForm(
                      point,
                      (done) => {
                        setEditing(null);
                        onMessage(done);
                      },
                      () => setEditing(null),
                    )}
                  </td>
                </tr>
              );
            }
            return (
              <tr className="nhsuk-table__row" key={point.id}>
                <td className="nhsuk-table__cell">{when}</td>
                <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{point.value}</td>
                <td className="nhsuk-table__cell">{point.note}</td>
                {canEdit ? (
                  <td className="nhsuk-table__cell">
                    <div className="nhsuk-button-group">
                      {confirming === point.id ? (
                        <>
                          <Button
                            type="button"
                            variant="warning"
                            small
                            busy={deletePoint.isPending}
                            onClick={() =>
                              deletePoint.mutate(point.id, {
                                onSuccess: () => {
                                  setConfirming(null);
                                  onMessage({ heading: `The value for ${when} has been deleted` });
                                },
                              })
                            }
                          >
                            Yes, delete
                            <span className="nhsuk-u-visually-hidden"> the value for {when}</span>
                          </Button>
                          <Button type="button" variant="secondary" small onClick={() => setConfirming(null)}>
                            Cancel
                          </Button>
                        </>
                      ) : (
                        <>
                          <Button
                            type="button"
                            variant="secondary"
                            small
                            onClick={() => setEditing(point.id)}
                          >
                            Change<span className="nhsuk-u-visually-hidden"> the value for {when}</span>
                          </Button>
                          <Button
                            type="button"
                            variant="secondary"
                            small
                            onClick={() => setConfirming(point.id)}
                          >
                            Delete<span className="nhsuk-u-visually-hidden"> the value for {when}</span>
                          </Button>
                        </>
                      )}
                    </div>
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
