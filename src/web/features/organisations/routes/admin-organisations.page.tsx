import { type FormEvent, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { RequestErrorSummary } from "../../../components/error-summary";
import { Pagination } from "../../../components/pagination";
import { SearchInput } from "../../../components/search-input";
import { usePageTitle } from "../../../lib/page-title";
import { useAdminOrganisations } from "../api/admin-organisations";
import { OrganisationTable } from "../components/organisation-table";

const PAGE_SIZE = 50;

/** /admin/organisations: the top of the hierarchy, or a search of the whole directory by name or ODS code. */
export function AdminOrganisationsPage() {
  usePageTitle("Organisations");
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const q = params.get("q")?.trim() ?? "";
  const requested = Number.parseInt(params.get("page") ?? "1", 10);
  const page = Number.isFinite(requested) && requested > 0 ? requested : 1;
  const [term, setTerm] = useState(q);
  const list = useAdminOrganisations(q, page, PAGE_SIZE);

  const search = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const text = term.trim();
    navigate(text ? `/admin/organisations?q=${encodeURIComponent(text)}` : "/admin/organisations");
  };

  return (
    <>
      <h1>Organisations</h1>
      <p>
        The directory people choose their organisation from: integrated care boards, trusts, directorates and
        wards or teams. Learner administrators see the organisation they are approved for and everything below
        it.
      </p>
      <ul className="nhsuk-list">
        <li>
          <Link to="/admin/organisations/new">Add an organisation</Link>
        </li>
        <li>
          <Link to="/admin/organisations/import">Import the directory from a CSV file</Link>
        </li>
      </ul>
      <form onSubmit={search} noValidate>
        <SearchInput
          id="q"
          label="Search by name or ODS code"
          hint="For example, Leeds or RR8"
          value={term}
          onChange={setTerm}
        />
      </form>
      {list.isError ? <RequestErrorSummary error={list.error} /> : null}
      {list.isPending ? <p aria-live="polite">Loading organisations…</p> : null}
      {list.data ? (
        list.data.items.length === 0 ? (
          <p>
            {q
              ? `No organisations match ‘${q}’. Check the spelling or try the ODS code.`
              : "The directory is empty."}
          </p>
        ) : (
          <>
            <OrganisationTable
              items={q ? list.data.items : list.data.items.map((o) => ({ ...o, parentName: null }))}
              caption={
                q
                  ? `${list.data.total} ${list.data.total === 1 ? "organisation matches" : "organisations match"} ‘${q}’`
                  : `${list.data.total} top-level ${list.data.total === 1 ? "organisation" : "organisations"}`
              }
            />
            <Pagination
              page={list.data.page}
              pageSize={list.data.pageSize}
              total={list.data.total}
              hrefFor={(n) => `/admin/organisations?${q ? `q=${encodeURIComponent(q)}&` : ""}page=${n}`}
            />
          </>
        )
      ) : null}
    </>
  );
}
