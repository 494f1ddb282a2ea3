import { Link } from "react-router";
import { helpCategoryLabel } from "../../../../shared/help";
import { ErrorSummary } from "../../../components/error-summary";
import { BackLink } from "../../../components/links";
import { Table, Tag } from "../../../components/nhs";
import { formatDate } from "../../../lib/format";
import { usePageTitle } from "../../../lib/page-title";
import { useManagedAnswers } from "../api/managed-answers";
import { MANAGE_HELP_PATH, manageAnswerPath } from "../components/help-paths";

/** /manage/help: every help answer, published or draft, for content editors to open and change. */
export function ManageHelpPage() {
  usePageTitle("Help answers");
  const answers = useManagedAnswers();
  return (
    <>
      <BackLink to="/help">Help centre</BackLink>
      <h1>Help answers</h1>
      <p>
        Answers in the help centre, by section. Learners see only published answers; drafts are seen by
        content editors and platform administrators.
      </p>
      <Link className="nhsuk-button" to={`${MANAGE_HELP_PATH}/new`}>
        Add an answer
      </Link>
      {answers.isError ? <ErrorSummary errors={[{ message: answers.error.message }]} /> : null}
      {answers.isPending ? <p aria-live="polite">Loading answers…</p> : null}
      {answers.data ? (
        <Table
          responsive
          caption={`${answers.data.articles.length} ${answers.data.articles.length === 1 ? "answer" : "answers"}`}
        >
          <Table.Head>
            <Table.Row>
              <Table.Cell>Question</Table.Cell>
              <Table.Cell>Section</Table.Cell>
              <Table.Cell>Position</Table.Cell>
              <Table.Cell>Status</Table.Cell>
              <Table.Cell>Last changed</Table.Cell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {answers.data.articles.map((answer) => (
              <Table.Row key={answer.id}>
                <Table.Cell>
                  <Link to={manageAnswerPath(answer.id)}>{answer.title}</Link>
                </Table.Cell>
                <Table.Cell>{helpCategoryLabel(answer.category)}</Table.Cell>
                <Table.Cell>{answer.position}</Table.Cell>
                <Table.Cell>
                  {answer.published ? (
                    <Tag modifier="green">Published</Tag>
                  ) : (
                    <Tag modifier="grey">Draft</Tag>
                  )}
                </Table.Cell>
                <Table.Cell>{formatDate(answer.updatedAt)}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      ) : null}
    </>
  );
}
