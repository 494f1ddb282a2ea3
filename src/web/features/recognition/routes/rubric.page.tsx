import {
  RECOGNITION_CPD_POINTS,
  RECOGNITION_PASS_SCORE,
  RECOGNITION_RUBRIC,
  RUBRIC_SCORE_LABELS,
  RUBRIC_SCORES,
} from "../../../../shared/recognition";
import { Breadcrumbs } from "../../../components/breadcrumbs";
import { InsetText, Table } from "../../../components/nhs";
import { usePageTitle } from "../../../lib/page-title";

/** /case-studies/rubric: the published recognition rubric, the pass rule and the CPD points (public). */
export function RubricPage() {
  usePageTitle("The recognition rubric");
  return (
    <>
      <Breadcrumbs items={[{ to: "/case-studies", text: "Case-study library" }]} />
      <h1>The recognition rubric</h1>
      <p>
        Teams submit the case study of an improvement project for recognition. An assessor who is not on the
        project, and not in the team of anyone who is, scores it against these{" "}
        {RECOGNITION_RUBRIC.criteria.length} criteria from 0 to 3.
      </p>
      <InsetText>
        <p>
          A project is recognised when every criterion scores {RECOGNITION_PASS_SCORE} or more. Each team
          member then gets a certificate and {RECOGNITION_CPD_POINTS} CPD points. Otherwise it is referred
          back with feedback on every criterion scored below {RECOGNITION_PASS_SCORE}, and the team may submit
          it again.
        </p>
      </InsetText>
      <p>Rubric version {RECOGNITION_RUBRIC.version}.</p>
      {RECOGNITION_RUBRIC.criteria.map((c) => (
        <section key={c.id}>
          <h2>{c.title}</h2>
          <p>{c.lookFor}</p>
          <Table responsive caption={`Scores for "${c.title}"`}>
            <Table.Head>
              <Table.Row>
                <Table.Cell>Score</Table.Cell>
                <Table.Cell>What it looks like</Table.Cell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {RUBRIC_SCORES.map((s) => (
                <Table.Row key={s}>
                  <Table.Cell>
                    {s} – {RUBRIC_SCORE_LABELS[s]}
                  </Table.Cell>
                  <Table.Cell>{c.descriptors[s]}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </section>
      ))}
    </>
  );
}
