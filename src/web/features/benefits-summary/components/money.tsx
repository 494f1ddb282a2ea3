import { formatPence } from "../../../../shared/catalogue";
import type { SummaryByOrder, SummaryMoney } from "../../../../shared/implementation-summary";
import { Table } from "../../../components/nhs";

/** One headline figure as an NHS card, in a card group list. */
export function Headline({ label, pence, hint }: { label: string; pence: number; hint: string }) {
  return (
    <li className="nhsuk-grid-column-one-half nhsuk-card-group__item">
      <div className="nhsuk-card">
        <div className="nhsuk-card__content">
          <h3 className="nhsuk-card__heading nhsuk-heading-s">{label}</h3>
          <p className="nhsuk-heading-l nhsuk-u-margin-bottom-2">{formatPence(pence)}</p>
          <p className="nhsuk-card__description nhsuk-body-s">{hint}</p>
        </div>
      </div>
    </li>
  );
}

/** Forecast, realised and not yet signed off as three numeric cells. */
export function MoneyCells({ money, bold = false }: { money: SummaryMoney; bold?: boolean }) {
  const wrap = (text: string) => (bold ? <strong>{text}</strong> : text);
  return (
    <>
      <Table.Cell format="numeric">{wrap(formatPence(money.forecastPence))}</Table.Cell>
      <Table.Cell format="numeric">{wrap(formatPence(money.realisedPence))}</Table.Cell>
      <Table.Cell format="numeric">{wrap(formatPence(money.notYetSignedOffPence))}</Table.Cell>
    </>
  );
}

/** The head of a money table: the first column's name, the three money columns and the number of benefits. */
export function MoneyHead({ first }: { first: string }) {
  return (
    <Table.Head>
      <Table.Row>
        <Table.Cell>{first}</Table.Cell>
        <Table.Cell format="numeric">Forecast</Table.Cell>
        <Table.Cell format="numeric">Realised</Table.Cell>
        <Table.Cell format="numeric">Not yet signed off</Table.Cell>
        <Table.Cell format="numeric">Benefits</Table.Cell>
      </Table.Row>
    </Table.Head>
  );
}

/** "3 benefits", "1 team". */
export const countWords = (n: number, one: string, many: string) =>
  `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;

/**
 * The four headline figures (realised first- and second-order, forecast, not yet signed off) and the note on what
 * counts as realised, for one programme's summary or an organisation's across programmes (`across` adds the words).
 */
export function HeadlineFigures({
  totals,
  across,
  tablesBelow,
}: {
  totals: SummaryByOrder;
  across?: string;
  tablesBelow: boolean;
}) {
  const suffix = across ? `, ${across}` : "";
  return (
    <>
      <h2>Headline figures</h2>
      <ul className="nhsuk-grid-row nhsuk-card-group">
        <Headline
          label="Realised first-order"
          pence={totals.first.realisedPence}
          hint={`Working capital (stock, consumables), signed off by finance${suffix}`}
        />
        <Headline
          label="Realised second-order"
          pence={totals.second.realisedPence}
          hint={`Revenue spend, income or assets, signed off by finance${suffix}`}
        />
        <Headline
          label="Forecast"
          pence={totals.total.forecastPence}
          hint="Cashable benefits forecast, except those finance rejected"
        />
        <Headline
          label="Not yet signed off"
          pence={totals.total.notYetSignedOffPence}
          hint="Awaiting sign-off or queried by finance: not counted as realised"
        />
      </ul>
      <p className="nhsuk-body-s">
        Only benefits a finance lead has signed off count as realised. Non-cashable benefits are counted
        {tablesBelow ? " in the tables below" : ""} but never added in pounds.
      </p>
    </>
  );
}
