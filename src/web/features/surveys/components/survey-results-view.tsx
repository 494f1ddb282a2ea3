import type { SurveyKind } from "../../../../shared/survey-kinds";
import {
  formatCountPercent,
  LIKERT_LABELS,
  SURVEY_KIND_LABELS,
  SURVEY_SMALL_NUMBERS,
  type SurveyResults,
} from "../../../../shared/surveys";
import { RequestErrorSummary } from "../../../components/error-summary";
import { Details, Table, WarningCallout } from "../../../components/nhs";
import { isApiError } from "../../../lib/api-client";
import { type ResultsScope, resultsPath, useSurveyResults } from "../api/surveys";
import "./surveys.css";

const people = (n: number) => `${n.toLocaleString("en-GB")} ${n === 1 ? "person" : "people"}`;

/** One survey's results: the paper's table (statement, n (%)), every answer in a Details, free text, the CSV. */
function SurveyResultsSection({ results, scope }: { results: SurveyResults; scope: ResultsScope }) {
  const kind = results.survey.kind;
  const headingId = `results-${kind}`;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{SURVEY_KIND_LABELS[kind]}</h2>
      <p>
        {results.survey.title}: {people(results.respondents)} answered
        {results.survey.anonymous ? " (anonymous survey)" : ""}.
      </p>
      {results.respondents > 0 && results.smallNumbers ? (
        <WarningCallout>
          <WarningCallout.Heading headingLevel="h3">Few responses</WarningCallout.Heading>
          <p>
            Fewer than {SURVEY_SMALL_NUMBERS} people have answered, so the percentages below are not reliable.
            The counts are shown as they are.
          </p>
        </WarningCallout>
      ) : null}
      {results.respondents === 0 ? (
        <p>Nobody has answered this survey yet.</p>
      ) : results.statements.length > 0 ? (
        <>
          <Table responsive caption="Participants who agreed or strongly agreed with each statement">
            <Table.Head>
              <Table.Row>
                <Table.Cell>Statement</Table.Cell>
                <Table.Cell>Agreed or strongly agreed, n (%)</Table.Cell>
                <Table.Cell>Answered</Table.Cell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {results.statements.map((s) => (
                <Table.Row key={s.questionId}>
                  <Table.Cell>{s.prompt}</Table.Cell>
                  <Table.Cell>{formatCountPercent(s.agreed, s.answered)}</Table.Cell>
                  <Table.Cell>{s.answered}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
          <Details>
            <Details.Summary>
              Every answer, statement by statement
              <span className="nhsuk-u-visually-hidden">: {SURVEY_KIND_LABELS[kind]}</span>
            </Details.Summary>
            <Details.Text>
              <Table responsive caption="How many gave each answer">
                <Table.Head>
                  <Table.Row>
                    <Table.Cell>Statement</Table.Cell>
                    {LIKERT_LABELS.map((label) => (
                      <Table.Cell key={label}>{label}</Table.Cell>
                    ))}
                  </Table.Row>
                </Table.Head>
                <Table.Body>
                  {results.statements.map((s) => (
                    <Table.Row key={s.questionId}>
                      <Table.Cell>{s.prompt}</Table.Cell>
                      {s.counts.map((n, i) => (
                        <Table.Cell key={LIKERT_LABELS[i]}>{n}</Table.Cell>
                      ))}
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table>
            </Details.Text>
          </Details>
        </>
      ) : null}
      {results.freeText.map((q) => (
        <Details key={q.questionId}>
          <Details.Summary>
            {q.prompt} ({q.answers.length} {q.answers.length === 1 ? "answer" : "answers"})
          </Details.Summary>
          <Details.Text>
            <p className="nhsuk-body-s">Written answers are shown without names.</p>
            {q.answers.length === 0 ? (
              <p>No written answers yet.</p>
            ) : (
              <ul>
                {q.answers.map((answer, i) => (
                  // Answers have no id of their own (they are not linked to people); their order is fixed.
                  // biome-ignore lint/suspicious/noArrayIndexKey: see above
                  <li key={i} className="app-break-anywhere">
                    {answer}
                  </li>
                ))}
              </ul>
            )}
          </Details.Text>
        </Details>
      ))}
      <p>
        <a href={resultsPath(scope, kind, true)} download>
          Download the {SURVEY_KIND_LABELS[kind].toLowerCase()} results (CSV)
        </a>
      </p>
    </section>
  );
}

/** Statements both surveys share, with the pre- and post-course figures side by side. */
function Comparison({ pre, post }: { pre: SurveyResults; post: SurveyResults }) {
  const shared = post.statements.flatMap((p) => {
    const before = pre.statements.find(
      (s) => s.prompt.trim().toLowerCase() === p.prompt.trim().toLowerCase(),
    );
    return before ? [{ before, after: p }] : [];
  });
  if (shared.length === 0 || pre.respondents === 0 || post.respondents === 0) return null;
  return (
    <section aria-labelledby="results-compared">
      <h2 id="results-compared">Before and after the course</h2>
      <Table responsive caption="Participants who agreed or strongly agreed, before and after the course">
        <Table.Head>
          <Table.Row>
            <Table.Cell>Statement</Table.Cell>
            <Table.Cell>Before, n (%)</Table.Cell>
            <Table.Cell>After, n (%)</Table.Cell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {shared.map(({ before, after }) => (
            <Table.Row key={after.questionId}>
              <Table.Cell>{after.prompt}</Table.Cell>
              <Table.Cell>{formatCountPercent(before.agreed, before.answered)}</Table.Cell>
              <Table.Cell>{formatCountPercent(after.agreed, after.answered)}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </section>
  );
}

function KindResults({
  query,
  kind,
  scope,
}: {
  query: ReturnType<typeof useSurveyResults>;
  kind: SurveyKind;
  scope: ResultsScope;
}) {
  if (query.isPending) return <p aria-live="polite">Loading the {SURVEY_KIND_LABELS[kind].toLowerCase()}…</p>;
  if (query.isError) {
    if (isApiError(query.error, 404) && query.error.message.includes("survey"))
      return (
        <section aria-labelledby={`results-${kind}`}>
          <h2 id={`results-${kind}`}>{SURVEY_KIND_LABELS[kind]}</h2>
          <p>This course has no {SURVEY_KIND_LABELS[kind].toLowerCase()}.</p>
        </section>
      );
    return <RequestErrorSummary error={query.error} />;
  }
  return <SurveyResultsSection results={query.data} scope={scope} />;
}

/** Both surveys' results for a run or a course, with shared statements compared. */
export function SurveyResultsView({ scope }: { scope: ResultsScope }) {
  const pre = useSurveyResults(scope, "pre_course");
  const post = useSurveyResults(scope, "post_course");
  return (
    <div className="app-survey-results">
      {pre.data && post.data ? <Comparison pre={pre.data} post={post.data} /> : null}
      <KindResults query={pre} kind="pre_course" scope={scope} />
      <KindResults query={post} kind="post_course" scope={scope} />
    </div>
  );
}

/** The first error that stops the page (not found, not allowed), so the page can say so in its own words. */
export function useResultsHeader(scope: ResultsScope) {
  const post = useSurveyResults(scope, "post_course");
  const pre = useSurveyResults(scope, "pre_course");
  const data = post.data ?? pre.data;
  const blocking = [post.error, pre.error].find(
    (e) => isApiError(e, 403) || (isApiError(e, 404) && !e.message.includes("survey")),
  );
  return { data, blocking: blocking ?? null, pending: post.isPending && pre.isPending };
}
