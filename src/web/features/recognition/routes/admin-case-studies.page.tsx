import { useState } from "react";
import { Link } from "react-router";
import type { RecognitionQueueItem } from "../../../../shared/recognition";
import { Button } from "../../../components/button";
import { RequestErrorSummary } from "../../../components/error-summary";
import { Table } from "../../../components/nhs";
import { NotificationBanner } from "../../../components/notification-banner";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { Select } from "../../../components/select";
import { formatDate } from "../../../lib/format";
import { usePageTitle } from "../../../lib/page-title";
import { useAdminCaseStudies, useAllocateCaseStudy } from "../api/recognition";
import { RecognitionStatusTag } from "../components/recognition-words";

function AllocateCell({
  item,
  assessors,
  onDone,
}: {
  item: RecognitionQueueItem;
  assessors: { id: string; name: string }[];
  onDone: (text: string) => void;
}) {
  const allocate = useAllocateCaseStudy();
  const [assessorId, setAssessorId] = useState(item.assessor?.id ?? "");
  if (item.status !== "awaiting_assessment") return <>{item.assessor?.name ?? "No one"}</>;
  const id = `assessor-${item.submissionId}`;
  return (
    <>
      <RequestErrorSummary error={allocate.error} />
      <Select
        id={id}
        label={`Assessor for "${item.projectTitle}"`}
        options={[
          { value: "", label: "Choose an assessor" },
          ...assessors.map((a) => ({ value: a.id, label: a.name })),
        ]}
        value={assessorId}
        onChange={setAssessorId}
      />
      <Button
        type="button"
        variant="secondary"
        small
        busy={allocate.isPending}
        onClick={() => {
          if (!assessorId) return;
          allocate.mutate(
            { submissionId: item.submissionId, assessorId },
            {
              onSuccess: (r) =>
                onDone(`"${r.projectTitle}" is allocated to ${r.assessor?.name ?? "the assessor"}.`),
            },
          );
        }}
      >
        Allocate<span className="nhsuk-u-visually-hidden"> "{item.projectTitle}"</span>
      </Button>
    </>
  );
}

/** /admin/case-studies: every case study submitted for recognition, and allocation to assessors. */
export function AdminCaseStudiesPage() {
  usePageTitle("Case studies for recognition");
  const query = useAdminCaseStudies();
  const [done, setDone] = useState<string | null>(null);
  if (query.isPending) return <LoadingPage title="Case studies for recognition" />;
  if (query.isError)
    return <ProblemPage title="Case studies for recognition" message={query.error.message} />;
  const { items, assessors } = query.data;
  return (
    <>
      {done ? (
        <NotificationBanner heading="Case study allocated">
          <p>{done} They have been emailed.</p>
        </NotificationBanner>
      ) : null}
      <h1>Case studies for recognition</h1>
      <p>
        Allocate a waiting case study to someone who holds the assessor role. People on the project, or in the
        team of someone on it, cannot assess it.
      </p>
      {items.length === 0 ? (
        <p>No case studies have been submitted.</p>
      ) : (
        <Table responsive caption="Case studies, waiting ones first, then newest">
          <Table.Head>
            <Table.Row>
              <Table.Cell>Project</Table.Cell>
              <Table.Cell>Status</Table.Cell>
              <Table.Cell>Assessor</Table.Cell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {items.map((item) => (
              <Table.Row key={item.submissionId}>
                <Table.Cell>
                  <Link to={`/assessment/case-studies/${encodeURIComponent(item.submissionId)}`}>
                    {item.projectTitle}
                  </Link>
                  <br />
                  <span className="nhsuk-body-s">
                    Version {item.version}, submitted {formatDate(item.submittedAt)}
                  </span>
                </Table.Cell>
                <Table.Cell>
                  <RecognitionStatusTag status={item.status} />
                </Table.Cell>
                <Table.Cell>
                  <AllocateCell item={item} assessors={assessors} onDone={setDone} />
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </>
  );
}
