import { useState } from "react";
import type { AdminBoxSetOrder } from "../../../../shared/implementation-box-sets";
import { formatBoxSetPence } from "../../../../shared/implementation-box-sets";
import { Button } from "../../../components/button";
import { ErrorSummary } from "../../../components/error-summary";
import { Table } from "../../../components/nhs";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { TextInput } from "../../../components/text-input";
import { formatDate } from "../../../lib/format";
import { usePageTitle } from "../../../lib/page-title";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useAdminBoxSetOrders, useDispatchBoxSetOrder } from "../api/implementation";
import { countWithFree, OrderStatusTag } from "../components/box-set-words";

const TITLE = "Box set orders";

/** One waiting order: what to send where, a note and the Dispatch button. */
function WaitingOrder({ order: o, onError }: { order: AdminBoxSetOrder; onError: (error: unknown) => void }) {
  const dispatch = useDispatchBoxSetOrder();
  const [note, setNote] = useState("");
  const [done, setDone] = useState(false);
  return (
    <li className="nhsuk-card">
      <div className="nhsuk-card__content">
        <h3 className="nhsuk-card__heading">
          {o.organisation.name}: {o.programme.title}
        </h3>
        <p>
          {countWithFree(o.executiveCount, o.freeExecutiveCount)} executive and{" "}
          {countWithFree(o.teamCount, o.freeTeamCount)} team box sets.{" "}
          {o.totalPence === 0 ? "Free." : `Charge at cost price: ${formatBoxSetPence(o.totalPence)}.`} Ordered
          on {formatDate(o.orderedAt)} by {o.orderedBy ?? "a former user"}
          {o.ordererEmail ? ` (${o.ordererEmail})` : ""}.
        </p>
        <p style={{ whiteSpace: "pre-line" }}>
          <strong>Deliver to:</strong>
          {"\n"}
          {o.deliveryAddress}
        </p>
        {done ? (
          <p role="status">Dispatched. We have emailed the person who ordered it.</p>
        ) : (
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              dispatch.mutate(
                { orderId: o.id, note: note.trim() },
                { onSuccess: () => setDone(true), onError },
              );
            }}
          >
            <TextInput
              id={`note-${o.id}`}
              label="Dispatch note (optional)"
              hint="For example, the courier and tracking reference. It is emailed to the person who ordered."
              value={note}
              onChange={setNote}
            />
            <Button type="submit" busy={dispatch.isPending}>
              Mark as dispatched
              <span className="nhsuk-u-visually-hidden">
                : {o.organisation.name}, ordered {formatDate(o.orderedAt)}
              </span>
            </Button>
          </form>
        )}
      </div>
    </li>
  );
}

/** /admin/box-sets: orders waiting to be dispatched, then every order. */
export function AdminBoxSetsPage() {
  const waiting = useAdminBoxSetOrders("ordered");
  const all = useAdminBoxSetOrders("");
  const form = useFormErrors([]);
  usePageTitle(TITLE, form.summary.length > 0);
  if (waiting.isPending || all.isPending) return <LoadingPage title={TITLE} />;
  if (waiting.isError)
    return <ProblemPage title="Sorry, there is a problem" message={waiting.error.message} />;
  if (all.isError) return <ProblemPage title="Sorry, there is a problem" message={all.error.message} />;
  return (
    <>
      <ErrorSummary errors={form.summary} />
      <h1>{TITLE}</h1>
      <p>
        Organisations order box sets from their programme registration. Send each order, then mark it
        dispatched: the person who ordered it gets an email with your note.
      </p>
      <h2>Waiting to be dispatched ({waiting.data.orders.length})</h2>
      {waiting.data.orders.length === 0 ? (
        <p>No orders are waiting.</p>
      ) : (
        <ul className="nhsuk-list">
          {waiting.data.orders.map((o) => (
            <WaitingOrder key={o.id} order={o} onError={form.showFailure} />
          ))}
        </ul>
      )}

      <h2>All orders</h2>
      {all.data.orders.length === 0 ? (
        <p>No box sets have been ordered yet.</p>
      ) : (
        <Table responsive caption="Every box set order, newest first">
          <Table.Head>
            <Table.Row>
              <Table.Cell>Organisation</Table.Cell>
              <Table.Cell>Programme</Table.Cell>
              <Table.Cell>Executive</Table.Cell>
              <Table.Cell>Team</Table.Cell>
              <Table.Cell>Total</Table.Cell>
              <Table.Cell>Ordered</Table.Cell>
              <Table.Cell>Status</Table.Cell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {all.data.orders.map((o) => (
              <Table.Row key={o.id}>
                <Table.Cell>{o.organisation.name}</Table.Cell>
                <Table.Cell>{o.programme.title}</Table.Cell>
                <Table.Cell>{countWithFree(o.executiveCount, o.freeExecutiveCount)}</Table.Cell>
                <Table.Cell>{countWithFree(o.teamCount, o.freeTeamCount)}</Table.Cell>
                <Table.Cell>{o.totalPence === 0 ? "Free" : formatBoxSetPence(o.totalPence)}</Table.Cell>
                <Table.Cell>
                  {formatDate(o.orderedAt)}
                  <br />
                  <span className="nhsuk-body-s">by {o.orderedBy ?? "a former user"}</span>
                </Table.Cell>
                <Table.Cell>
                  <OrderStatusTag status={o.status} />
                  {o.dispatchedAt ? (
                    <span className="nhsuk-body-s">
                      <br />
                      {formatDate(o.dispatchedAt)}
                      {o.dispatchNote ? `: ${o.dispatchNote}` : ""}
                    </span>
                  ) : null}
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </>
  );
}
