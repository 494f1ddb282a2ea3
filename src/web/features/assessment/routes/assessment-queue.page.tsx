import { Link, useNavigate, useSearchParams } from "react-router";
import type { QueueItem } from "../../../../shared/assessment";
import { LEVEL_LABELS } from "../../../../shared/catalogue";
import { Button } from "../../../components/button";
import { RequestErrorSummary } from "../../../components/error-summary";
import { Table } from "../../../components/nhs";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { flash } from "../../../lib/flash";
import { formatDate } from "../../../lib/format";
import { usePageTitle } from "../../../lib/page-title";
import { useAssessorQueue, usePickUp } from "../api/assessor-queue";
import { SubmissionStatusTag, waitingWords } from "../components/assessment-words";
import { Tabs } from "../components/tabs";
import "../components/assessment.css";

const TABS = ["allocated", "available"] as const;

function LearnerCourse({ item, linked }: { item: QueueItem; linked: boolean }) {
  return (
    <>
      {linked ? (
        <Link to={`/assessment/submissions/${encodeURIComponent(item.submissionId)}`}>
          {item.learner.name}
        </Link>
      ) : (
        item.learner.name
      )}
    </>
  );
}

function CourseCell({ item }: { item: QueueItem }) {
  return (
    <span className="app-queue-cell">
      {item.course.title}
      <br />
      <span className="nhsuk-body-s">
        {LEVEL_LABELS[item.course.level]}, version {item.version}
      </span>
    </span>
  );
}

function AllocatedTable({ items }: { items: QueueItem[] }) {
  if (items.length === 0)
    return (
      <p>
        Nothing is allocated to you. Pick up a submission from the list of those waiting, or wait for a
        platform administrator to allocate one to you.
      </p>
    );
  return (
    <Table responsive caption="Submissions allocated to you, oldest first">
      <Table.Head>
        <Table.Row>
          <Table.Cell>Learner</Table.Cell>
          <Table.Cell>Course</Table.Cell>
          <Table.Cell>Status</Table.Cell>
          <Table.Cell>Waiting</Table.Cell>
        </Table.Row>
      </Table.Head>
      <Table.Body>
        {items.map((item) => (
          <Table.Row key={item.submissionId}>
            <Table.Cell>
              <span className="app-queue-cell">
                <LearnerCourse item={item} linked />
              </span>
            </Table.Cell>
            <Table.Cell>
              <CourseCell item={item} />
            </Table.Cell>
            <Table.Cell>
              <SubmissionStatusTag status={item.status} />
            </Table.Cell>
            <Table.Cell>
              {waitingWords(item.waitingDays)}
              <br />
              <span className="nhsuk-body-s">since {formatDate(item.submittedAt)}</span>
            </Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  );
}

function AvailableTable({
  items,
  busy,
  onPickUp,
}: {
  items: QueueItem[];
  busy: boolean;
  onPickUp: (item: QueueItem) => void;
}) {
  if (items.length === 0) return <p>There are no submissions waiting to be picked up that you can assess.</p>;
  return (
    <>
      <p>
        These portfolios are waiting for an assessor. Your own portfolio and those of learners in your team
        are not listed. When you pick one up it moves to your queue.
      </p>
      <Table responsive caption="Submissions waiting for an assessor, oldest first">
        <Table.Head>
          <Table.Row>
            <Table.Cell>Learner</Table.Cell>
            <Table.Cell>Course</Table.Cell>
            <Table.Cell>Waiting</Table.Cell>
            <Table.Cell>Action</Table.Cell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {items.map((item) => (
            <Table.Row key={item.submissionId}>
              <Table.Cell>
                <span className="app-queue-cell">
                  <LearnerCourse item={item} linked={false} />
                </span>
              </Table.Cell>
              <Table.Cell>
                <CourseCell item={item} />
              </Table.Cell>
              <Table.Cell>{waitingWords(item.waitingDays)}</Table.Cell>
              <Table.Cell>
                <Button
                  type="button"
                  variant="secondary"
                  small
                  busy={busy}
                  className="nhsuk-u-margin-bottom-0"
                  onClick={() => onPickUp(item)}
                >
                  Pick up<span className="nhsuk-u-visually-hidden"> {item.learner.name}'s portfolio</span>
                </Button>
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </>
  );
}

/** /assessment: the submissions allocated to me, and those waiting that I may pick up, as two tabs. */
export function AssessmentQueuePage() {
  usePageTitle("Assessment");
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const queue = useAssessorQueue();
  const pickUp = usePickUp();
  const tab = TABS.find((t) => t === params.get("tab")) ?? "allocated";

  if (queue.isPending) return <LoadingPage title="Assessment" />;
  if (queue.isError) return <ProblemPage title="Assessment" message={queue.error.message} />;
  const { allocated, available } = queue.data;

  return (
    <>
      <h1>Assessment</h1>
      <RequestErrorSummary error={pickUp.error} />
      <p>
        Judge each portfolio criterion by criterion, then pass it or refer it back with feedback. Some of your
        decisions are checked by an internal verifier before the learner hears the outcome.
      </p>
      <p>
        <Link to="/assessment/case-studies">Case studies submitted for recognition</Link> are in their own
        queue.
      </p>
      <Tabs
        title="Submissions"
        selected={tab}
        onSelect={(id) => setParams(id === "allocated" ? {} : { tab: id }, { replace: true })}
        tabs={[
          {
            id: "allocated",
            label: `Allocated to you (${allocated.length})`,
            panel: (
              <>
                <h2 className="nhsuk-heading-m">Allocated to you</h2>
                <AllocatedTable items={allocated} />
              </>
            ),
          },
          {
            id: "available",
            label: `Available to pick up (${available.length})`,
            panel: (
              <>
                <h2 className="nhsuk-heading-m">Available to pick up</h2>
                <AvailableTable
                  items={available}
                  busy={pickUp.isPending}
                  onPickUp={(item) =>
                    pickUp.mutate(item.submissionId, {
                      onSuccess: () =>
                        navigate(`/assessment/submissions/${encodeURIComponent(item.submissionId)}`, {
                          state: flash(
                            "Submission picked up",
                            `${item.learner.name}'s portfolio is now in your queue.`,
                          ),
                        }),
                    })
                  }
                />
              </>
            ),
          },
        ]}
      />
    </>
  );
}
