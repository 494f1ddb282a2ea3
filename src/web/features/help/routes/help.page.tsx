import { Link, useSearchParams } from "react-router";
import type { HelpIndex } from "../../../../shared/help";
import { Breadcrumbs } from "../../../components/breadcrumbs";
import { RequestErrorSummary } from "../../../components/error-summary";
import { ActionLink } from "../../../components/links";
import { usePageTitle } from "../../../lib/page-title";
import { useHelpIndex } from "../api/help-index";
import { helpPath, MANAGE_HELP_PATH } from "../components/help-paths";
import { HelpSearchForm } from "../components/help-search-form";
import { Snippet } from "../components/snippet";
import { useCanEditHelp } from "../components/use-can-edit-help";

/** "3 answers found", for the count above the results and for screen readers. */
export function answersFoundWords(n: number): string {
  return `${n} ${n === 1 ? "answer" : "answers"} found`;
}

/** Where to go when the help centre has no answer. */
function ContactSection() {
  return (
    <>
      <h2>Contact us</h2>
      <p>If you cannot find an answer, send us a message. We will give you a reference number to quote.</p>
      <ActionLink to="/help/contact">Contact the support team</ActionLink>
    </>
  );
}

/** Every section of the help centre with its questions, each a link to its answer. */
function Sections({ index }: { index: HelpIndex }) {
  return (
    <>
      {index.categories.map((section) => (
        <section key={section.category} aria-labelledby={`section-${section.category}`}>
          <h2 id={`section-${section.category}`}>{section.label}</h2>
          <ul className="nhsuk-list">
            {section.articles.map((article) => (
              <li key={article.slug}>
                <Link to={helpPath(article.slug)}>{article.title}</Link>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

/** The answers matching the search words, best first, each with an excerpt. */
function Results({ index }: { index: HelpIndex }) {
  const count = index.results.length;
  return (
    <>
      <p className="nhsuk-body-l nhsuk-u-font-weight-bold nhsuk-u-margin-bottom-4">
        {answersFoundWords(count)}
      </p>
      {count === 0 ? (
        <>
          <p>No answers match your search.</p>
          <p>Check the spelling, try other words, or browse all the questions.</p>
        </>
      ) : (
        <ul className="nhsuk-list">
          {index.results.map((result) => (
            <li key={result.slug} className="nhsuk-u-margin-bottom-5">
              <h2 className="nhsuk-heading-s nhsuk-u-margin-bottom-2">
                <Link to={helpPath(result.slug)}>{result.title}</Link>
              </h2>
              <Snippet parts={result.snippet} />
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to="/help">Browse all help questions</Link>
      </p>
    </>
  );
}

/** /help and /help?q=…: the help centre's questions by section, or the answers matching a search. */
export function HelpPage() {
  const [params, setParams] = useSearchParams();
  const q = params.get("q")?.trim() ?? "";
  const index = useHelpIndex(q);
  const canEdit = useCanEditHelp();
  const searching = q !== "";
  usePageTitle(searching ? `Search results for ${q} – Help centre` : "Help centre");
  const showing = index.data && (index.data.query ?? "") === q ? index.data : null;

  return (
    <>
      {searching ? (
        <Breadcrumbs
          items={[
            { to: "/", text: "Home" },
            { to: "/help", text: "Help centre" },
          ]}
        />
      ) : null}
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <h1>{searching ? "Search results" : "Help centre"}</h1>
          {searching ? null : (
            <p className="nhsuk-lede-text">
              Answers to common questions about using QI Academy: your account, your learning, prices and
              certificates.
            </p>
          )}
          {canEdit ? (
            <p>
              <Link to={MANAGE_HELP_PATH}>Manage help answers</Link>
            </p>
          ) : null}
          <HelpSearchForm q={q} onSearch={(words) => setParams(words ? { q: words } : {})} />
          <RequestErrorSummary error={index.error} />
          {/* Announces the count when a search finishes; the results themselves are not read out. */}
          <div role="status" className="nhsuk-u-visually-hidden">
            {searching && showing ? `${answersFoundWords(showing.results.length)} for ${q}` : ""}
          </div>
          {index.isPending || (index.data && !showing) ? <p>Loading…</p> : null}
          {showing ? searching ? <Results index={showing} /> : <Sections index={showing} /> : null}
          <ContactSection />
        </div>
      </div>
    </>
  );
}
