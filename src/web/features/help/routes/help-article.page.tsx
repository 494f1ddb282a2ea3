import { Link, useParams } from "react-router";
import { type HelpArticle, helpCategoryLabel } from "../../../../shared/help";
import { Breadcrumbs } from "../../../components/breadcrumbs";
import { InsetText, WarningCallout } from "../../../components/nhs";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { isApiError } from "../../../lib/api-client";
import { usePageTitle } from "../../../lib/page-title";
import { useHelpArticle } from "../api/help-article";
import { AnswerHtml } from "../components/answer-html";
import { helpPath, manageAnswerPath } from "../components/help-paths";
import { useCanEditHelp } from "../components/use-can-edit-help";

const TRAIL = [
  { to: "/", text: "Home" },
  { to: "/help", text: "Help centre" },
];

/** The answer itself: the question, the short answer, the full answer, and where to go next. */
function Answer({ article }: { article: HelpArticle }) {
  usePageTitle(article.title);
  const canEdit = useCanEditHelp();
  return (
    <>
      <Breadcrumbs items={TRAIL} />
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <span className="nhsuk-caption-l">{helpCategoryLabel(article.category)}</span>
          <h1>{article.title}</h1>
          {article.published ? null : (
            <WarningCallout>
              <WarningCallout.Heading headingLevel="h2">Draft</WarningCallout.Heading>
              <p>
                This answer is not published. Only content editors and platform administrators can see it.
              </p>
            </WarningCallout>
          )}
          <p className="nhsuk-lede-text">{article.summary}</p>
          <AnswerHtml html={article.html} />
          {canEdit ? (
            <p>
              <Link to={manageAnswerPath(article.id)}>Edit this answer</Link>
            </p>
          ) : null}
          <InsetText>
            <p>
              Not the answer you needed? <Link to="/help/contact">Contact the support team</Link> and we will
              give you a reference number to quote.
            </p>
          </InsetText>
          {article.related.length > 0 ? (
            <nav aria-labelledby="related-questions">
              <h2 id="related-questions">Related questions</h2>
              <ul className="nhsuk-list">
                {article.related.map((other) => (
                  <li key={other.slug}>
                    <Link to={helpPath(other.slug)}>{other.title}</Link>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
        </div>
      </div>
    </>
  );
}

/** /help/:slug: one answer from the help centre. */
export function HelpArticlePage() {
  const { slug = "" } = useParams();
  const article = useHelpArticle(slug);
  if (article.isPending) return <LoadingPage title="Help centre" />;
  if (article.isError) {
    const missing = isApiError(article.error, 404);
    return (
      <>
        <Breadcrumbs items={TRAIL} />
        <ProblemPage
          title={missing ? "Help page not found" : "Sorry, there is a problem with the service"}
          message={
            missing
              ? "The help page you are looking for may have moved or been removed."
              : article.error.message
          }
        >
          <p>
            <Link to="/help">Search the help centre</Link>
          </p>
        </ProblemPage>
      </>
    );
  }
  return <Answer article={article.data} />;
}
