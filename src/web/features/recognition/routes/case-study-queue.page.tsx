import { Link, useNavigate } from "react-router";
import { PROJECT_SETTING_LABELS, PROJECT_TOPIC_LABELS } from "../../../../shared/projects";
import type { RecognitionQueueItem } from "../../../../shared/recognition";
import { Button } from "../../../components/button";
import { RequestErrorSummary } from "../../../components/error-summary";
import { BackLink } from "../../../components/links";
import { Table } from "../../../components/nhs";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { flash } from "../../../lib/flash";
import { formatDate } from "../../../lib/format";
import { usePageTitle } from "../../../lib/page-title";
import { useCaseStudyQueue, usePickUpCaseStudy } from "../api/recognition";

const assessPath = (id: string) => `/assessment/case-studies/${encodeURIComponent(id)}`;

function ProjectCell({ item, linked }: { item: RecognitionQueueItem; linked: boolean }) {
  return (
    <>
      {linked ? <Link to={assessPath(item.submissionId)}>{item.projectTitle}</Link> : item.projectTitle}
      <br />
      <span className="nhsuk-body-s">
        {PROJECT_SETTING_LABELS[item.setting]}, {PROJECT_TOPIC_LABELS[item.topic].toLowerCase()}, version{" "}
        {item.version}
      </span>
    </>
  );
}

/** /assessment/case-studies: case studies allocated to me and those I may pick up. */
export function CaseStudyQueuePage() {
  usePageTitle("Case studies for recognition");
  const navigate = useNavigate();
  const queue = useCaseStudyQueue();
  const pickUp = usePickUpCaseStudy();
  if (queue.isPending) return <LoadingPage title="Case studies for recognition" />;
  if (queue.isError)
    return <ProblemPage title="Case studies for recognition" message={queue.error.message} />;
  const { allocated, available } = queue.data;
  return (
    <>
      <BackLink to="/assessment">Assessment</BackLink>
      <h1>Case studies for recognition</h1>
      <RequestErrorSummary error={pickUp.error} />
      <p>
        Score each case study against the <Link to="/case-studies/rubric">published rubric</Link>, then
        recognise it or refer it back with feedback.
      </p>
      <h2>Allocated to you</h2>
      {allocated.length === 0 ? (
        <p>Nothing is allocated to you. Pick one up from those waiting below.</p>
      ) : (
        <Table responsive caption="Case studies allocated to you, oldest first">
          <Table.Head>
            <Table.Row>
              <Table.Cell>Project</Table.Cell>
              <Table.Cell>Submitted</Table.Cell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {allocated.map((item) => (
              <Table.Row key={item.submissionId}>
                <Table.Cell>
                  <ProjectCell item={item} linked />
                </Table.Cell>
                <Table.Cell>{formatDate(item.submittedAt)}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
      <h2>Available to pick up</h2>
      {available.length === 0 ? (
        <p>There are no case studies waiting that you can assess.</p>
      ) : (
        <>
          <p>Projects you or someone in your team are on are not listed.</p>
          <Table responsive caption="Case studies waiting for an assessor, oldest first">
            <Table.Head>
              <Table.Row>
                <Table.Cell>Project</Table.Cell>
                <Table.Cell>Submitted</Table.Cell>
                <Table.Cell>Action</Table.Cell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {available.map((item) => (
                <Table.Row key={item.submissionId}>
                  <Table.Cell>
                    <ProjectCell item={item} linked={false} />
                  </Table.Cell>
                  <Table.Cell>{formatDate(item.submittedAt)}</Table.Cell>
                  <Table.Cell>
                    <Button
                      type="button"
                      variant="secondary"
                      small
                      busy={pickUp.isPending}
                      className="nhsuk-u-margin-bottom-0"
                      onClick={() =>
                        pickUp.mutate(item.submissionId, {
                          onSuccess: () =>
                            navigate(assessPath(item.submissionId), {
                              state: flash(
                                "Case study picked up",
                                `"${item.projectTitle}" is now in your queue.`,
                              ),
                            }),
                        })
                      }
                    >
                      Pick up<span className="nhsuk-u-visually-hidden"> {item.projectTitle}</span>
                    </Button>
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </>
      )}
    </>
  );
}
