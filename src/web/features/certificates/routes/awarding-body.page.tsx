import { type FormEvent, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { Button } from "../../../components/button";
import {
  DateInput,
  type DateParts,
  datePartsFrom,
  emptyDateParts,
  isoDateFrom,
} from "../../../components/date-input";
import { ErrorSummary, RequestErrorSummary } from "../../../components/error-summary";
import { Table } from "../../../components/nhs";
import { Pagination } from "../../../components/pagination";
import { toQueryString } from "../../../lib/api-client";
import type { FieldErrors } from "../../../lib/form-errors";
import { formatDate } from "../../../lib/format";
import { usePageTitle } from "../../../lib/page-title";
import { useFormErrors } from "../../../lib/use-form-errors";
import { claimsUrl, useClaims } from "../api/certificates";

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** /admin/awarding-body: achievements at accredited levels in a period, to claim with the awarding body. */
export function AwardingBodyPage() {
  const [params, setParams] = useSearchParams();
  const from = params.get("from") ?? "";
  const to = params.get("to") ?? "";
  const page = Math.max(1, Number.parseInt(params.get("page") ?? "1", 10) || 1);
  const period = ISO_DAY.test(from) && ISO_DAY.test(to) ? { from, to } : null;
  const [fromParts, setFromParts] = useState<DateParts>(period ? datePartsFrom(from) : emptyDateParts);
  const [toParts, setToParts] = useState<DateParts>(period ? datePartsFrom(to) : emptyDateParts);
  const { errors, summary, showFieldErrors } = useFormErrors(["from", "to"]);
  const claims = useClaims(period, page);
  usePageTitle("Awarding body claims", summary.length > 0);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const start = isoDateFrom(fromParts, "the start date");
    const end = isoDateFrom(toParts, "the end date");
    const problems: FieldErrors = {};
    if (start.error) problems.from = start.error;
    if (end.error) problems.to = end.error;
    if (start.date && end.date && end.date < start.date)
      problems.to = "The end date must be the same as or after the start date";
    if (showFieldErrors(problems) || !start.date || !end.date) return;
    setParams(new URLSearchParams({ from: start.date, to: end.date }));
  };

  return (
    <>
      <h1>Awarding body claims</h1>
      <p>
        Learners who achieved an accredited level (Accredited Introduction, Foundation, Practitioner,
        Facilitator or Programme Manager) in a period, with what the awarding body asks for. Viewing and
        downloading are recorded in the audit log.
      </p>
      <ErrorSummary errors={summary} />
      <form noValidate onSubmit={submit} className="nhsuk-u-margin-bottom-5">
        <DateInput
          id="from"
          legend="From"
          hint="The first day of the period, for example 1 4 2026"
          value={fromParts}
          onChange={setFromParts}
          error={errors.from}
        />
        <DateInput
          id="to"
          legend="To"
          hint="The last day of the period, included, for example 31 3 2027"
          value={toParts}
          onChange={setToParts}
          error={errors.to}
        />
        <Button>Show achievements</Button>
      </form>
      {claims.isError ? <RequestErrorSummary error={claims.error} /> : null}
      {period && claims.isPending ? <p aria-live="polite">Loading achievements…</p> : null}
      {period && claims.data ? (
        <>
          <h2>
            {formatDate(`${period.from}T12:00:00Z`)} to {formatDate(`${period.to}T12:00:00Z`)}
          </h2>
          {claims.data.total === 0 ? (
            <p>No learners achieved an accredited level in this period.</p>
          ) : (
            <>
              <p>
                <a href={`${claimsUrl(period.from, period.to)}&format=csv`} download>
                  {claims.data.total === 1
                    ? "Download this achievement as CSV"
                    : `Download all ${claims.data.total} achievements as CSV`}
                </a>{" "}
                (CSV, opens in Excel)
              </p>
              <Table
                responsive
                caption={`${claims.data.total} ${claims.data.total === 1 ? "achievement" : "achievements"}, oldest first`}
              >
                <Table.Head>
                  <Table.Row>
                    <Table.Cell>Learner</Table.Cell>
                    <Table.Cell>ESR number</Table.Cell>
                    <Table.Cell>Organisation</Table.Cell>
                    <Table.Cell>Course</Table.Cell>
                    <Table.Cell>Achieved</Table.Cell>
                    <Table.Cell>Certificate code</Table.Cell>
                    <Table.Cell>Registration number</Table.Cell>
                  </Table.Row>
                </Table.Head>
                <Table.Body>
                  {claims.data.items.map((row) => (
                    <Table.Row key={row.achievementId}>
                      <Table.Cell>
                        {row.learner.name}
                        <br />
                        <span className="app-break-anywhere">{row.learner.email}</span>
                      </Table.Cell>
                      <Table.Cell>{row.esrNumber ?? "Not given"}</Table.Cell>
                      <Table.Cell>{row.organisation ?? "None"}</Table.Cell>
                      <Table.Cell>
                        {row.courseTitle} ({row.levelLabel})
                      </Table.Cell>
                      <Table.Cell>{formatDate(row.achievedAt)}</Table.Cell>
                      <Table.Cell>{row.certificateCode ?? "None valid"}</Table.Cell>
                      <Table.Cell>
                        {row.registrationNumber ?? "Not recorded"}{" "}
                        <Link
                          to={`/admin/awarding-body/learners/${encodeURIComponent(row.learner.id)}${toQueryString({ from: period.from, to: period.to })}`}
                        >
                          {row.registrationNumber ? "Change" : "Record"}
                          <span className="nhsuk-u-visually-hidden">
                            {" "}
                            registration number for {row.learner.name}
                          </span>
                        </Link>
                      </Table.Cell>
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table>
              <Pagination
                page={claims.data.page}
                pageSize={claims.data.pageSize}
                total={claims.data.total}
                hrefFor={(n) =>
                  `/admin/awarding-body${toQueryString({ from: period.from, to: period.to, page: n })}`
                }
              />
            </>
          )}
        </>
      ) : null}
    </>
  );
}
