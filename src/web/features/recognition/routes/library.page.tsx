import { type FormEvent, useState } from "react";
import { Link, useSearchParams } from "react-router";
import {
  MEASURE_KIND_LABELS,
  MEASURE_KINDS,
  PROJECT_SETTING_LABELS,
  PROJECT_SETTINGS,
  PROJECT_TOPIC_LABELS,
  PROJECT_TOPICS,
} from "../../../../shared/projects";
import { Button } from "../../../components/button";
import { ProblemPage } from "../../../components/page-state";
import { Pagination } from "../../../components/pagination";
import { SearchInput } from "../../../components/search-input";
import { Select } from "../../../components/select";
import { toQueryString } from "../../../lib/api-client";
import { formatDate } from "../../../lib/format";
import { usePageTitle } from "../../../lib/page-title";
import { useLibrarySearch } from "../api/recognition";

interface Filters {
  q: string;
  setting: string;
  topic: string;
  measureKind: string;
}

const oneOf = (values: readonly string[], value: string | null) =>
  value && values.includes(value) ? value : "";

/** /case-studies: the public, searchable library of recognised case studies (no sign-in). */
export function LibraryPage() {
  const [params, setParams] = useSearchParams();
  const filters: Filters = {
    q: (params.get("q") ?? "").slice(0, 200),
    setting: oneOf(PROJECT_SETTINGS, params.get("setting")),
    topic: oneOf(PROJECT_TOPICS, params.get("topic")),
    measureKind: oneOf(MEASURE_KINDS, params.get("measureKind")),
  };
  const page = Math.max(1, Math.min(1000, Number.parseInt(params.get("page") ?? "1", 10) || 1));
  const key = toQueryString({ ...filters });
  const [draft, setDraft] = useState<Filters>(filters);
  const [draftFor, setDraftFor] = useState(key);
  if (draftFor !== key) {
    // Keep the form in step with Back and Forward (state adjusted while rendering, not in an effect).
    setDraftFor(key);
    setDraft(filters);
  }
  const search = useLibrarySearch({ ...filters, page });
  usePageTitle(filters.q ? `Case studies matching "${filters.q}"` : "Case-study library");

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setParams(new URLSearchParams(toQueryString({ ...draft, q: draft.q.trim() }).slice(1)));
  };
  const hrefFor = (n: number) => `/case-studies${toQueryString({ ...filters, page: n > 1 ? n : undefined })}`;

  if (search.isError) return <ProblemPage title="Case-study library" message={search.error.message} />;
  return (
    <>
      <h1>Case-study library</h1>
      <p>
        Improvement projects recognised against the <Link to="/case-studies/rubric">published rubric</Link>,
        shared by their teams. Authors are named only where they agreed.
      </p>
      <form noValidate method="get" action="/case-studies" onSubmit={submit}>
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-two-thirds">
            <SearchInput
              id="q"
              label="Search case studies"
              hint="For example, falls, discharge letters or handover"
              value={draft.q}
              onChange={(q) => setDraft({ ...draft, q })}
            />
          </div>
        </div>
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-one-third">
            <Select
              id="setting"
              label="Setting"
              options={[
                { value: "", label: "Any setting" },
                ...PROJECT_SETTINGS.map((s) => ({ value: s, label: PROJECT_SETTING_LABELS[s] })),
              ]}
              value={draft.setting}
              onChange={(setting) => setDraft({ ...draft, setting })}
            />
          </div>
          <div className="nhsuk-grid-column-one-third">
            <Select
              id="topic"
              label="Topic"
              options={[
                { value: "", label: "Any topic" },
                ...PROJECT_TOPICS.map((t) => ({ value: t, label: PROJECT_TOPIC_LABELS[t] })),
              ]}
              value={draft.topic}
              onChange={(topic) => setDraft({ ...draft, topic })}
            />
          </div>
          <div className="nhsuk-grid-column-one-third">
            <Select
              id="measureKind"
              label="Type of measure"
              options={[
                { value: "", label: "Any type" },
                ...MEASURE_KINDS.map((k) => ({ value: k, label: MEASURE_KIND_LABELS[k] })),
              ]}
              value={draft.measureKind}
              onChange={(measureKind) => setDraft({ ...draft, measureKind })}
            />
          </div>
        </div>
        <Button variant="secondary">Apply filters</Button>
      </form>

      {search.isPending ? (
        <p aria-live="polite">Loading case studies…</p>
      ) : (
        <>
          <p aria-live="polite">
            {search.data.total === 0
              ? "No case studies match. Try other words or fewer filters."
              : `${search.data.total} ${search.data.total === 1 ? "case study" : "case studies"}`}
          </p>
          <ul className="nhsuk-grid-row nhsuk-card-group">
            {search.data.items.map((item) => (
              <li key={item.id} className="nhsuk-grid-column-full nhsuk-card-group__item">
                <div className="nhsuk-card nhsuk-card--clickable">
                  <div className="nhsuk-card__content">
                    <h2 className="nhsuk-card__heading nhsuk-heading-m">
                      <Link className="nhsuk-card__link" to={`/case-studies/${encodeURIComponent(item.id)}`}>
                        {item.title}
                      </Link>
                    </h2>
                    <p className="nhsuk-card__description">{item.summary}</p>
                    <p className="nhsuk-body-s nhsuk-u-margin-bottom-0">
                      {PROJECT_SETTING_LABELS[item.setting]} · {PROJECT_TOPIC_LABELS[item.topic]}
                      {item.organisationName ? ` · ${item.organisationName}` : ""} · published{" "}
                      {formatDate(item.publishedAt)}
                    </p>
                  </div>
                </div>
              </li>
            ))}
          </ul>
          <Pagination
            page={page}
            pageSize={search.data.pageSize}
            total={search.data.total}
            hrefFor={hrefFor}
          />
        </>
      )}
    </>
  );
}
