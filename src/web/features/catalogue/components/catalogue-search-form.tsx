import { type FormEvent, type ReactNode, useState } from "react";
import { Link } from "react-router";
import { LEVEL_LABELS, LEVELS, type Level } from "../../../../shared/catalogue";
import { Button } from "../../../components/button";
import { Checkboxes } from "../../../components/checkboxes";
import { Radios } from "../../../components/radios";
import { SearchInput } from "../../../components/search-input";
import { type CatalogueFilters, catalogueSearch } from "../api/catalogue";

interface CatalogueSearchFormProps {
  /** The filters in the page's address now. */
  filters: CatalogueFilters;
  /** Programmes to filter by (those in the unfiltered catalogue), by slug; empty hides the question. */
  programmes: ReadonlyArray<{ slug: string; title: string }>;
  /** Puts new filters in the address, so results can be shared and Back works. */
  onApply: (filters: CatalogueFilters) => void;
  /** The results, shown beside the filters on wide screens and below them on narrow ones. */
  children: ReactNode;
}

function isLevel(value: string): value is Level {
  return LEVELS.some((level) => level === value);
}

/**
 * The catalogue's search box and filters as one GET-style form: choices are drafts until "Search" or
 * "Apply filters" puts them in the address. When the address changes another way (Back, a link), the
 * drafts follow it.
 */
export function CatalogueSearchForm({ filters, programmes, onApply, children }: CatalogueSearchFormProps) {
  const current = catalogueSearch(filters);
  const [draft, setDraft] = useState<CatalogueFilters>(filters);
  const [draftFor, setDraftFor] = useState(current);
  if (draftFor !== current) {
    // Adjusting state while rendering (not in an effect) keeps the form in step with Back and Forward.
    setDraftFor(current);
    setDraft(filters);
  }

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next: CatalogueFilters = { levels: draft.levels, free: draft.free };
    const q = draft.q?.trim();
    if (q) next.q = q;
    if (draft.programme) next.programme = draft.programme;
    onApply(next);
  };

  const clearTo = `/courses${catalogueSearch({ levels: [], free: false, ...(filters.q ? { q: filters.q } : {}) })}`;

  return (
    <form noValidate method="get" action="/courses" onSubmit={submit}>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <SearchInput
            id="q"
            label="Search courses"
            value={draft.q ?? ""}
            onChange={(q) => setDraft({ ...draft, q })}
          />
        </div>
      </div>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-one-third">
          <div className="app-filters">
            <h2 className="nhsuk-heading-s">Filter courses</h2>
            {programmes.length > 0 ? (
              <Radios
                name="programme"
                legend="Programme"
                legendSize="s"
                small
                options={[
                  { value: "", label: "All programmes" },
                  ...programmes.map((p) => ({ value: p.slug, label: p.title })),
                ]}
                value={draft.programme ?? ""}
                onChange={(programme) => {
                  const { programme: _previous, ...rest } = draft;
                  setDraft(programme ? { ...rest, programme } : rest);
                }}
              />
            ) : null}
            <Checkboxes
              name="level"
              legend="Level"
              legendSize="s"
              small
              options={LEVELS.map((level) => ({ value: level, label: LEVEL_LABELS[level] }))}
              values={draft.levels}
              onChange={(values) => setDraft({ ...draft, levels: values.filter(isLevel) })}
            />
            <Checkboxes
              name="free"
              legend="Price"
              legendSize="s"
              small
              options={[{ value: "true", label: "Free courses only" }]}
              values={draft.free ? ["true"] : []}
              onChange={(values) => setDraft({ ...draft, free: values.includes("true") })}
            />
            <Button variant="secondary">Apply filters</Button>
            <p>
              <Link to={clearTo}>Clear filters</Link>
            </p>
          </div>
        </div>
        <div className="nhsuk-grid-column-two-thirds">{children}</div>
      </div>
    </form>
  );
}
