import { Link, useSearchParams } from "react-router";
import { RequestErrorSummary } from "../../../components/error-summary";
import { Table, Tag } from "../../../components/nhs";
import { Pagination } from "../../../components/pagination";
import { usePageTitle } from "../../../lib/page-title";
import { useLicences } from "../api/licences";
import { calendarDateWords, LICENCE_STATUS_TAGS, seatsWords } from "../components/entitlement-words";

const PAGE_SIZE = 25;

/** /admin/licences: organisations' licences with seats used, latest ending first. */
export function AdminLicencesPage() {
  usePageTitle("Organisation licences");
  const [params] = useSearchParams();
  const requested = Number.parseInt(params.get("page") ?? "1", 10);
  const page = Number.isFinite(requested) && requested > 0 ? requested : 1;
  const licences = useLicences(page, PAGE_SIZE);

  return (
    <>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <h1>Organisation licences</h1>
          <p>
            A licence gives an organisation a number of seats on a course between two dates. While it is
            current, learners of that organisation can enrol without paying, and each one takes a seat for
            good.
          </p>
          <Link className="nhsuk-button" to="/admin/licences/new" draggable={false}>
            Add a licence
          </Link>
        </div>
      </div>

      {licences.isError ? <RequestErrorSummary error={licences.error} /> : null}
      {licences.isPending ? <p aria-live="polite">Loading licences…</p> : null}
      {licences.data ? (
        licences.data.items.length === 0 ? (
          <p>No licences have been added yet.</p>
        ) : (
          <>
            <Table
              responsive
              caption={`${licences.data.total} ${licences.data.total === 1 ? "licence" : "licences"}`}
            >
              <Table.Head>
                <Table.Row>
                  <Table.Cell>Organisation</Table.Cell>
                  <Table.Cell>Course</Table.Cell>
                  <Table.Cell>Seats</Table.Cell>
                  <Table.Cell>Dates</Table.Cell>
                  <Table.Cell>Status</Table.Cell>
                  <Table.Cell>
                    <span className="nhsuk-u-visually-hidden">Action</span>
                  </Table.Cell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {licences.data.items.map((licence) => {
                  const tag = LICENCE_STATUS_TAGS[licence.status];
                  return (
                    <Table.Row key={licence.id}>
                      <Table.Cell>
                        {licence.organisation.name}
                        {licence.organisation.odsCode ? ` (${licence.organisation.odsCode})` : ""}
                      </Table.Cell>
                      <Table.Cell>{licence.course.title}</Table.Cell>
                      <Table.Cell>{seatsWords(licence)}</Table.Cell>
                      <Table.Cell>
                        {calendarDateWords(licence.startsOn)} to {calendarDateWords(licence.endsOn)}
                      </Table.Cell>
                      <Table.Cell>
                        <Tag modifier={tag.modifier}>{tag.text}</Tag>
                      </Table.Cell>
                      <Table.Cell>
                        <Link to={`/admin/licences/${encodeURIComponent(licence.id)}`}>
                          Change
                          <span className="nhsuk-u-visually-hidden">
                            {" "}
                            {licence.organisation.name}'s licence for {licence.course.title}
                          </span>
                        </Link>
                      </Table.Cell>
                    </Table.Row>
                  );
                })}
              </Table.Body>
            </Table>
            <Pagination
              page={licences.data.page}
              pageSize={licences.data.pageSize}
              total={licences.data.total}
              hrefFor={(n) => `/admin/licences?page=${n}`}
            />
          </>
        )
      ) : null}
    </>
  );
}
