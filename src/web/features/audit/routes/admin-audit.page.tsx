import { type FormEvent, useState } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { AUDIT_ACTION_PHRASES } from "../../../../shared/audit";
import { Button } from "../../../components/button";
import {
  DateInput,
  type DateParts,
  datePartsFrom,
  emptyDateParts,
  isoDateFrom,
} from "../../../components/date-input";
import { ErrorSummary } from "../../../components/error-summary";
import { Pagination } from "../../../components/pagination";
import { Select } from "../../../components/select";
import { TextInput } from "../../../components/text-input";
import { toQueryString } from "../../../lib/api-client";
import type { FieldErrors } from "../../../lib/form-errors";
import { usePageTitle } from "../../../lib/page-title";
import { useFormErrors } from "../../../lib/use-form-errors";
import { type AuditFilters, useAuditSearch } from "../api/audit";
import { AuditTable } from "../components/audit-table";

const PAGE_SIZE = 25;
const FIELDS = ["actor", "action", "subjectType", "subjectId", "from", "to"] as const;
const ACTION_OPTIONS = [
  { value: "", label: "Any action" },
  ...Object.entries(AUDIT_ACTION_PHRASES)
    .map(([value, label]) => ({ value, label }))
    .sort((a, b) => a.label.localeCompare(b.label, "en-GB")),
];

function filtersFrom(params: URLSearchParams): AuditFilters {
  const filters: AuditFilters = {};
  for (const key of FIELDS) {
    const value = params.get(key)?.trim();
    if (value) filters[key] = value;
  }
  return filters;
}

/** /admin/audit: search who did or saw what, when; the search itself is recorded. */
export function AdminAuditPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const filters = filtersFrom(params);
  const requested = Number.parseInt(params.get("page") ?? "1", 10);
  const page = Number.isFinite(requested) && requested > 0 ? requested : 1;
  const results = useAuditSearch(filters, page, PAGE_SIZE);
  const form = useFormErrors(FIELDS);
  usePageTitle("Audit log", form.summary.length > 0 || results.isError);

  const [actor, setActor] = useState(filters.actor ?? "");
  const [action, setAction] = useState(filters.action ?? "");
  const [subjectType, setSubjectType] = useState(filters.subjectType ?? "");
  const [subjectId, setSubjectId] = useState(filters.subjectId ?? "");
  const [from, setFrom] = useState<DateParts>(filters.from ? datePartsFrom(filters.from) : emptyDateParts);
  const [to, setTo] = useState<DateParts>(filters.to ? datePartsFrom(filters.to) : emptyDateParts);
  const serverErrors = results.isError ? results.error : null;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const errors: FieldErrors = {};
    const blank = (parts: DateParts) => !parts.day.trim() && !parts.month.trim() && !parts.year.trim();
    const start = blank(from) ? null : isoDateFrom(from, "the start date");
    const end = blank(to) ? null : isoDateFrom(to, "the end date");
    if (start?.error) errors.from = start.error;
    if (end?.error) errors.to = end.error;
    if (start?.date && end?.date && end.date < start.date)
      errors.to = "The end date must be the same as or after the start date";
    if (form.showFieldErrors(errors)) return;
    navigate(
      `/admin/audit${toQueryString({
        actor: actor.trim() || undefined,
        action: action || undefined,
        subjectType: subjectType.trim() || undefined,
        subjectId: subjectId.trim() || undefined,
        from: start?.date,
        to: end?.date,
      })}`,
    );
  };

  const summary =
    form.summary.length > 0 ? form.summary : serverErrors ? [{ message: serverErrors.message }] : [];
  const query = toQueryString({ ...filters });
  return (
    <>
      <ErrorSummary errors={summary} />
      <h1>Audit log</h1>
      <p>
        Every view and export of other people's personal data, and every privileged change: who, what, which
        filters, how many rows and when. Your searches here are recorded too.
      </p>
      <form noValidate onSubmit={submit} className="nhsuk-u-margin-bottom-5">
        <TextInput
          id="actor"
          label="Who (optional)"
          hint="Part of their name or email address"
          value={actor}
          onChange={setActor}
          error={form.errors.actor}
        />
        <Select
          id="action"
          label="Action"
          options={
            action && !ACTION_OPTIONS.some((o) => o.value === action)
              ? [...ACTION_OPTIONS, { value: action, label: action }]
              : ACTION_OPTIONS
          }
          value={action}
          onChange={setAction}
        />
        <TextInput
          id="subjectType"
          label="Subject type (optional)"
          hint="For example, organisation, user or report"
          width={20}
          value={subjectType}
          onChange={setSubjectType}
          error={form.errors.subjectType}
        />
        <TextInput
          id="subjectId"
          label="Subject id (optional)"
          value={subjectId}
          onChange={setSubjectId}
          error={form.errors.subjectId}
        />
        <DateInput
          id="from"
          legend="From"
          hint="For example, 1 11 2026"
          value={from}
          onChange={setFrom}
          error={form.errors.from}
        />
        <DateInput
          id="to"
          legend="To"
          hint="Includes the whole day"
          value={to}
          onChange={setTo}
          error={form.errors.to}
        />
        <Button>Search the audit log</Button>
      </form>

      {results.isPending ? <p aria-live="polite">Loading entries…</p> : null}
      {results.data ? (
        results.data.items.length === 0 ? (
          <p>No entries match these filters.</p>
        ) : (
          <>
            <AuditTable
              events={results.data.items}
              showActor
              caption={`${results.data.total.toLocaleString("en-GB")} ${results.data.total === 1 ? "entry" : "entries"}, newest first`}
            />
            <Pagination
              page={results.data.page}
              pageSize={results.data.pageSize}
              total={results.data.total}
              hrefFor={(n) => `/admin/audit${query ? `${query}&` : "?"}page=${n}`}
            />
          </>
        )
      ) : null}
    </>
  );
}
