import { useState } from "react";
import { Link } from "react-router";
import { PROGRAMME_KIND_LABELS } from "../../../../shared/authoring";
import { Breadcrumbs } from "../../../components/breadcrumbs";
import { SummaryList } from "../../../components/nhs";
import { NotificationBanner } from "../../../components/notification-banner";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { usePageTitle } from "../../../lib/page-title";
import { useProgrammes, useSaveProgramme } from "../api/programmes";
import { ProgrammeForm } from "../components/programme-form";

/** /manage/programmes: every programme with its courses, each changeable, and a form to add one. */
export function ProgrammesPage() {
  const programmes = useProgrammes();
  const create = useSaveProgramme(null);
  const [hasErrors, setHasErrors] = useState(false);
  const [added, setAdded] = useState<{ title: string; n: number } | null>(null);
  usePageTitle("Manage programmes", hasErrors);
  if (programmes.isPending) return <LoadingPage title="Manage programmes" />;
  if (programmes.isError) {
    return <ProblemPage title="Sorry, there is a problem" message={programmes.error.message} />;
  }
  return (
    <>
      <Breadcrumbs items={[{ to: "/manage/courses", text: "Manage courses" }]} />
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          {added ? <NotificationBanner key={added.n} heading={`Programme added: ${added.title}`} /> : null}
          <h1>Manage programmes</h1>
          <p>Programmes group courses in the catalogue, in this order.</p>
          <SummaryList>
            {programmes.data.programmes.map((programme) => (
              <SummaryList.Row key={programme.id}>
                <SummaryList.Key>{programme.title}</SummaryList.Key>
                <SummaryList.Value>
                  {PROGRAMME_KIND_LABELS[programme.kind]}
                  <br />
                  {programme.courseCount === 1 ? "1 course" : `${programme.courseCount} courses`}
                </SummaryList.Value>
                <SummaryList.Action
                  asElement={Link}
                  to={`/manage/programmes/${programme.id}`}
                  visuallyHiddenText={programme.title}
                >
                  Change
                </SummaryList.Action>
              </SummaryList.Row>
            ))}
          </SummaryList>
          <ProgrammeForm
            key={added?.n ?? 0}
            initial={null}
            submitLabel="Add programme"
            busy={create.isPending}
            heading={<h2>Add a programme</h2>}
            onErrors={setHasErrors}
            onSubmit={(input, errors) =>
              create.mutate(input, {
                onSuccess: (programme) => {
                  setHasErrors(false);
                  setAdded((a) => ({ title: programme.title, n: (a?.n ?? 0) + 1 }));
                },
                onError: errors.showFailure,
              })
            }
          />
        </div>
      </div>
    </>
  );
}
