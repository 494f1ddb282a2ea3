import { useEffect, useRef } from "react";
import { Link, useSearchParams } from "react-router";
import type { Catalogue } from "../../../../shared/catalogue";
import { RequestErrorSummary } from "../../../components/error-summary";
import { Pagination } from "../../../components/pagination";
import { usePageTitle } from "../../../lib/page-title";
import { type CatalogueFilters, catalogueSearch, useCatalogue } from "../api/catalogue";
import { readCatalogueFilters } from "../components/catalogue-filters";
import { CATALOGUE_PAGE_SIZE, cataloguePage, readPageNumber } from "../components/catalogue-pages";
import { CatalogueSearchForm } from "../components/catalogue-search-form";
import { coursesFoundWords } from "../components/catalogue-words";
import { CourseCard } from "../components/course-card";

/** The address of one page of results for these filters. */
function pageHref(filters: CatalogueFilters, page: number): string {
  const search = new URLSearchParams(catalogueSearch(filters));
  if (page > 1) search.set("page", String(page));
  const text = search.toString();
  return text ? `/courses?${text}` : "/courses";
}

/**
 * One page of courses grouped by programme, each programme under its own h2, with the count above and
 * pagination below. When the page number changes, focus moves to the count so the new page is announced and
 * in view.
 */
function CatalogueResults({
  catalogue,
  filters,
  requestedPage,
}: {
  catalogue: Catalogue;
  filters: CatalogueFilters;
  requestedPage: number;
}) {
  const { page, programmes, from, to } = cataloguePage(catalogue, requestedPage);
  const countRef = useRef<HTMLParagraphElement>(null);
  const shownPage = useRef(page);
  useEffect(() => {
    if (shownPage.current === page) return;
    shownPage.current = page;
    countRef.current?.focus();
    countRef.current?.scrollIntoView();
  }, [page]);

  const total = catalogue.totalCourses;
  return (
    <>
      <p
        className="nhsuk-body-l nhsuk-u-font-weight-bold nhsuk-u-margin-bottom-2"
        tabIndex={-1}
        ref={countRef}
      >
        {coursesFoundWords(total)}
      </p>
      {total > CATALOGUE_PAGE_SIZE ? (
        <p className="nhsuk-body-s">
          Showing {from} to {to}
        </p>
      ) : null}
      {total === 0 ? <p>No courses match your search. Try other words or clear the filters.</p> : null}
      {programmes.map((programme) => (
        <section key={programme.id} aria-labelledby={`programme-${programme.slug}`}>
          <h2 id={`programme-${programme.slug}`}>{programme.title}</h2>
          <ul className="nhsuk-list app-card-list">
            {programme.courses.map((course) => (
              <li key={course.id}>
                <CourseCard course={course} />
              </li>
            ))}
          </ul>
        </section>
      ))}
      <Pagination
        page={page}
        pageSize={CATALOGUE_PAGE_SIZE}
        total={total}
        hrefFor={(n) => pageHref(filters, n)}
      />
    </>
  );
}

/** /courses: find a course by search words, programme, level and price; the filters live in the address. */
export function CoursesPage() {
  usePageTitle("Find a course");
  const [params, setParams] = useSearchParams();
  const filters = readCatalogueFilters(params);
  const catalogue = useCatalogue(filters);
  // The programme filter offers every programme, not only those matching the current filters.
  const everything = useCatalogue({ levels: [], free: false });
  const programmes = everything.data?.programmes ?? [];

  return (
    <>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <h1>Find a course</h1>
          <p>Browse the courses on QI Academy, then enrol from a course's page.</p>
          <p>
            <Link to="/where-to-start">Not sure where to start? Answer a few questions</Link>
          </p>
        </div>
      </div>
      <CatalogueSearchForm
        filters={filters}
        programmes={programmes}
        onApply={(next) => setParams(new URLSearchParams(catalogueSearch(next)))}
      >
        <RequestErrorSummary error={catalogue.error} />
        {/* Announces the new count when filters change; the results themselves are not read out. */}
        <div role="status" className="nhsuk-u-visually-hidden">
          {catalogue.data ? coursesFoundWords(catalogue.data.totalCourses) : ""}
        </div>
        {catalogue.isPending ? <p>Loading courses…</p> : null}
        {catalogue.data ? (
          <CatalogueResults
            catalogue={catalogue.data}
            filters={filters}
            requestedPage={readPageNumber(params.get("page"))}
          />
        ) : null}
      </CatalogueSearchForm>
    </>
  );
}
