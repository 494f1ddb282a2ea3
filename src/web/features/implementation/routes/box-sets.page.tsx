import { type FormEvent, useState } from "react";
import { useParams } from "react-router";
import { BOX_SET_KIND_LABELS, BOX_SET_KINDS, FREE_BOX_SETS } from "../../../../shared/implementation";
import {
  BOX_SET_ORDER_MAX,
  type BoxSetOrder,
  type BoxSetQuoteRequest,
  type BoxSetsOverview,
  DELIVERY_ADDRESS_MAX,
  formatBoxSetPence,
} from "../../../../shared/implementation-box-sets";
import { Button } from "../../../components/button";
import { Checkbox } from "../../../components/checkbox";
import { ErrorSummary } from "../../../components/error-summary";
import { RegistrationNav } from "../../../components/implementation-nav";
import { InsetText, Table } from "../../../components/nhs";
import { LoadingPage } from "../../../components/page-state";
import { TextInput } from "../../../components/text-input";
import { Textarea } from "../../../components/textarea";
import type { FieldErrors } from "../../../lib/form-errors";
import { formatDate } from "../../../lib/format";
import { usePageTitle } from "../../../lib/page-title";
import { type FormErrors, useFormErrors } from "../../../lib/use-form-errors";
import { useBoxSetQuote, useBoxSets, useCancelBoxSetOrder, useOrderBoxSets } from "../api/implementation";
import { countWithFree, OrderStatusTag } from "../components/box-set-words";
import { ImplementationCrumbs, ImplementationProblem } from "../components/implementation-bits";

const TITLE = "Box sets";
const ORDER_FIELDS = ["executiveCount", "teamCount", "deliveryAddress", "acceptCharge"] as const;

/** A count as typed, or null when it is not a whole number from 0 to the maximum. */
function parseCount(value: string): number | null {
  const text = value.trim() === "" ? "0" : value.trim();
  if (!/^\d+$/.test(text)) return null;
  const n = Number(text);
  return n <= BOX_SET_ORDER_MAX ? n : null;
}

/** The order form: counts and address, the live quote, and the charge confirmation when anything is charged. */
function OrderForm({ overview, form }: { overview: BoxSetsOverview; form: FormErrors }) {
  const order = useOrderBoxSets(overview.registrationId);
  const [executive, setExecutive] = useState("");
  const [team, setTeam] = useState("");
  const [address, setAddress] = useState("");
  const [accept, setAccept] = useState(false);
  const [placed, setPlaced] = useState<string | null>(null);
  const executiveCount = parseCount(executive);
  const teamCount = parseCount(team);
  const request: BoxSetQuoteRequest | null =
    executiveCount !== null && teamCount !== null && executiveCount + teamCount > 0
      ? { executiveCount, teamCount }
      : null;
  const quote = useBoxSetQuote(overview.registrationId, request);
  const charged = request && quote.data && quote.data.totalPence > 0 ? quote.data : null;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const errors: FieldErrors = {};
    const range = `a whole number from 0 to ${BOX_SET_ORDER_MAX}`;
    if (executiveCount === null) errors.executiveCount = `Enter the number of executive box sets as ${range}`;
    if (teamCount === null) errors.teamCount = `Enter the number of team box sets as ${range}`;
    if (executiveCount === 0 && teamCount === 0)
      errors.executiveCount = "Order at least one box set: enter how many of either kind";
    if (address.trim().length < 10)
      errors.deliveryAddress = "Enter the full delivery address, including the postcode";
    if (charged && !accept)
      errors.acceptCharge = `Confirm the charge of ${formatBoxSetPence(charged.totalPence)} to order these box sets`;
    if (form.showFieldErrors(errors) || executiveCount === null || teamCount === null || order.isPending)
      return;
    order.mutate(
      { executiveCount, teamCount, deliveryAddress: address.trim(), acceptCharge: accept },
      {
        onSuccess: (o) => {
          setPlaced(
            `Your order is placed: ${o.executiveCount} executive and ${o.teamCount} team box sets${o.totalPence > 0 ? `, ${formatBoxSetPence(o.totalPence)} at cost price` : ", free"}. An administrator will dispatch it and we will email you when they do.`,
          );
          setExecutive("");
          setTeam("");
          setAccept(false);
        },
        onError: form.showFailure,
      },
    );
  };

  return (
    <>
      <ErrorSummary errors={form.summary} />
      {placed ? (
        <div className="nhsuk-inset-text" role="status">
          <p>{placed}</p>
        </div>
      ) : null}
      <form noValidate onSubmit={submit}>
        <TextInput
          id="executiveCount"
          label="Executive box sets"
          hint={`For the executive team and board. Up to ${BOX_SET_ORDER_MAX}; leave empty or enter 0 for none.`}
          inputMode="numeric"
          width={3}
          value={executive}
          onChange={setExecutive}
          error={form.errors.executiveCount}
        />
        <TextInput
          id="teamCount"
          label="Team box sets"
          hint={`One for each team taking part. Up to ${BOX_SET_ORDER_MAX}; leave empty or enter 0 for none.`}
          inputMode="numeric"
          width={3}
          value={team}
          onChange={setTeam}
          error={form.errors.teamCount}
        />
        <div aria-live="polite">
          {request && quote.data ? (
            <InsetText>
              <p>
                Executive: {quote.data.executive.free} free, {quote.data.executive.charged} charged. Team:{" "}
                {quote.data.team.free} free, {quote.data.team.charged} charged. Total:{" "}
                {formatBoxSetPence(quote.data.totalPence)}.
              </p>
              {quote.data.summary ? <p>{quote.data.summary}</p> : null}
            </InsetText>
          ) : null}
        </div>
        <Textarea
          id="deliveryAddress"
          label="Delivery address"
          hint={`Name or department, building, street, town and postcode. Up to ${DELIVERY_ADDRESS_MAX.toLocaleString("en-GB")} characters.`}
          value={address}
          onChange={setAddress}
          error={form.errors.deliveryAddress}
        />
        {charged ? (
          <Checkbox
            id="acceptCharge"
            label={`I confirm the charge of ${formatBoxSetPence(charged.totalPence)}`}
            hint="Sets beyond the free entitlement are charged at cost price."
            checked={accept}
            onChange={setAccept}
            error={form.errors.acceptCharge}
          />
        ) : null}
        <Button type="submit" busy={order.isPending}>
          Order box sets
        </Button>
      </form>
    </>
  );
}

/** One order in the history, with Cancel for the programme lead while it waits. */
function OrderRow({
  order: o,
  canCancel,
  onError,
}: {
  order: BoxSetOrder;
  canCancel: boolean;
  onError: (error: unknown) => void;
}) {
  const cancel = useCancelBoxSetOrder();
  return (
    <Table.Row>
      <Table.Cell>
        {formatDate(o.orderedAt)}
        <br />
        <span className="nhsuk-body-s">by {o.orderedBy ?? "a former user"}</span>
      </Table.Cell>
      <Table.Cell>{countWithFree(o.executiveCount, o.freeExecutiveCount)}</Table.Cell>
      <Table.Cell>{countWithFree(o.teamCount, o.freeTeamCount)}</Table.Cell>
      <Table.Cell>{o.totalPence === 0 ? "Free" : formatBoxSetPence(o.totalPence)}</Table.Cell>
      <Table.Cell>
        <span style={{ whiteSpace: "pre-line" }}>{o.deliveryAddress}</span>
      </Table.Cell>
      <Table.Cell>
        <OrderStatusTag status={o.status} />
        {o.dispatchedAt ? (
          <p className="nhsuk-body-s nhsuk-u-margin-top-2 nhsuk-u-margin-bottom-0">
            {formatDate(o.dispatchedAt)}
            {o.dispatchedBy ? ` by ${o.dispatchedBy}` : ""}
            {o.dispatchNote ? `: ${o.dispatchNote}` : ""}
          </p>
        ) : null}
        {canCancel && o.status === "ordered" ? (
          <Button
            type="button"
            variant="secondary"
            small
            className="nhsuk-u-margin-top-2 nhsuk-u-margin-bottom-0"
            busy={cancel.isPending}
            onClick={() => cancel.mutate(o.id, { onError })}
          >
            Cancel order<span className="nhsuk-u-visually-hidden"> placed {formatDate(o.orderedAt)}</span>
          </Button>
        ) : null}
      </Table.Cell>
    </Table.Row>
  );
}

/** /implementation/:registrationId/box-sets: entitlement, the order form with its quote, and the history. */
export function BoxSetsPage() {
  const { registrationId = "" } = useParams();
  const query = useBoxSets(registrationId);
  const history = useFormErrors([]);
  // The order form's errors live here so the page title says "Error:" when it has them.
  const orderForm = useFormErrors(ORDER_FIELDS);
  usePageTitle(TITLE, history.summary.length > 0 || orderForm.summary.length > 0);
  if (query.isPending) return <LoadingPage title={TITLE} />;
  if (query.isError) return <ImplementationProblem error={query.error} />;
  const b = query.data;
  return (
    <>
      <ImplementationCrumbs
        registration={{
          id: b.registrationId,
          programmeTitle: b.programme.title,
          organisationName: b.organisation.name,
        }}
      />
      <RegistrationNav registrationId={b.registrationId} />
      <ErrorSummary errors={history.summary} />
      <span className="nhsuk-caption-l">
        {b.programme.title}: {b.organisation.name}
      </span>
      <h1>{TITLE}</h1>
      <p>
        Box sets hold the programme's materials, for the executive team and for each team. NHS trusts and
        integrated care boards get {FREE_BOX_SETS.executive} executive and {FREE_BOX_SETS.team} team box sets
        free; further sets are charged at cost price. Other organisations pay cost price for every set.
      </p>
      <InsetText>
        <p>{b.qualifiesReason}</p>
      </InsetText>

      <h2>Your entitlement</h2>
      <Table responsive caption="Free box sets and prices">
        <Table.Head>
          <Table.Row>
            <Table.Cell>Kind</Table.Cell>
            <Table.Cell>Free</Table.Cell>
            <Table.Cell>Used</Table.Cell>
            <Table.Cell>Remaining</Table.Cell>
            <Table.Cell>Cost price of a further set</Table.Cell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {BOX_SET_KINDS.map((kind) => (
            <Table.Row key={kind}>
              <Table.Cell>{BOX_SET_KIND_LABELS[kind]}</Table.Cell>
              <Table.Cell>{b.entitlement[kind].free}</Table.Cell>
              <Table.Cell>{b.entitlement[kind].used}</Table.Cell>
              <Table.Cell>{b.entitlement[kind].remaining}</Table.Cell>
              <Table.Cell>{formatBoxSetPence(b.entitlement[kind].unitPence)}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
      <p className="nhsuk-body-s">Cancelled orders give their free sets back.</p>

      {b.access.canOrder ? (
        <>
          <h2>Order box sets</h2>
          <OrderForm overview={b} form={orderForm} />
        </>
      ) : (
        <p>The programme lead or executive sponsor orders box sets.</p>
      )}

      <h2>Orders</h2>
      {b.orders.length === 0 ? (
        <p>No box sets have been ordered yet.</p>
      ) : (
        <Table responsive caption="Box set orders, newest first">
          <Table.Head>
            <Table.Row>
              <Table.Cell>Ordered</Table.Cell>
              <Table.Cell>Executive</Table.Cell>
              <Table.Cell>Team</Table.Cell>
              <Table.Cell>Total</Table.Cell>
              <Table.Cell>Delivery address</Table.Cell>
              <Table.Cell>Status</Table.Cell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {b.orders.map((o) => (
              <OrderRow key={o.id} order={o} canCancel={b.access.canCancel} onError={history.showFailure} />
            ))}
          </Table.Body>
        </Table>
      )}
    </>
  );
}
