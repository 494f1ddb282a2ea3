import { type FormEvent, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { CertificateSearchQuerySchema } from "../../../../shared/certificates";
import { Button } from "../../../components/button";
import { ErrorSummary, RequestErrorSummary } from "../../../components/error-summary";
import { Table } from "../../../components/nhs";
import { Pagination } from "../../../components/pagination";
import { TextInput } from "../../../components/text-input";
import { toQueryString } from "../../../lib/api-client";
import { formatDate } from "../../../lib/format";
import { usePageTitle } from "../../../lib/page-title";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useCertificateSearch } from "../api/certificates";
import { CertificateStatusTag } from "../components/certificate-status-tag";

/** /admin/certificates: find a certificate by its code, or by the learner's name or email. */
export function AdminCertificatesPage() {
  const [params, setParams] = useSearchParams();
  const q = params.get("q")?.trim() ?? "";
  const page = Math.max(1, Number.parseInt(params.get("page") ?? "1", 10) || 1);
  const [typed, setTyped] = useState(q);
  const { errors, summary, showFieldErrors } = useFormErrors(["q"]);
  const results = useCertificateSearch(q, page);
  usePageTitle(q ? `Certificates matching “${q}”` : "Certificates", summary.length > 0);

  const search = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = CertificateSearchQuerySchema.shape.q.safeParse(typed);
    if (showFieldErrors(parsed.success ? {} : { q: parsed.error.issues[0]?.message ?? "Enter a search" }))
      return;
    setParams(new URLSearchParams({ q: typed.trim() }));
  };

  return (
    <>
      <h1>Certificates</h1>
      <p>
        Find a certificate to check it, download it, revoke it or reissue it. Searches are recorded in the
        audit log.
      </p>
      <ErrorSummary errors={summary} />
      <form noValidate onSubmit={search} className="nhsuk-u-margin-bottom-5">
        <TextInput
          id="q"
          type="search"
          label="Certificate code, or learner's name or email address"
          hint="For example, QIA-7K3M-9Q2X-TR5B-HW4D, Jane Smith or jane.smith@nhs.net"
          value={typed}
          onChange={setTyped}
          error={errors.q}
          spellCheck={false}
        />
        <Button variant="secondary">Search</Button>
      </form>
      {results.isError ? <RequestErrorSummary error={results.error} /> : null}
      {q && results.isPending ? <p aria-live="polite">Searching…</p> : null}
      {results.data ? (
        results.data.items.length === 0 ? (
          <p>No certificates match “{q}”.</p>
        ) : (
          <>
            <Table
              responsive
              caption={`${results.data.total} ${results.data.total === 1 ? "certificate" : "certificates"} found`}
            >
              <Table.Head>
                <Table.Row>
                  <Table.Cell>Code</Table.Cell>
                  <Table.Cell>Learner</Table.Cell>
                  <Table.Cell>Course</Table.Cell>
                  <Table.Cell>Issued</Table.Cell>
                  <Table.Cell>Status</Table.Cell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {results.data.items.map((c) => (
                  <Table.Row key={c.id}>
                    <Table.Cell>
                      <Link to={`/admin/certificates/${encodeURIComponent(c.id)}`}>{c.code}</Link>
                    </Table.Cell>
                    <Table.Cell>
                      {c.learner.name}
                      <br />
                      <span className="app-break-anywhere">{c.learner.email}</span>
                    </Table.Cell>
                    <Table.Cell>
                      {c.courseTitle} ({c.levelLabel})
                    </Table.Cell>
                    <Table.Cell>{formatDate(c.issuedAt)}</Table.Cell>
                    <Table.Cell>
                      <CertificateStatusTag status={c.status} />
                    </Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
            <Pagination
              page={results.data.page}
              pageSize={results.data.pageSize}
              total={results.data.total}
              hrefFor={(n) => `/admin/certificates${toQueryString({ q, page: n })}`}
            />
          </>
        )
      ) : null}
    </>
  );
}
