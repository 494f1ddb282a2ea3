import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { Breadcrumbs } from "../../../components/breadcrumbs";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { flash } from "../../../lib/flash";
import { usePageTitle } from "../../../lib/page-title";
import { useProgrammes, useSaveProgramme } from "../api/programmes";
import { ProgrammeForm } from "../components/programme-form";

/** /manage/programmes/:id: change a programme's title, summary or kind. */
export function ProgrammeEditPage() {
  const { id = "" } = useParams();
  const navigate = useNavigate();
  const programmes = useProgrammes();
  const save = useSaveProgramme(id);
  const [hasErrors, setHasErrors] = useState(false);
  usePageTitle("Change programme", hasErrors);
  if (programmes.isPending) return <LoadingPage title="Change programme" />;
  if (programmes.isError) {
    return <ProblemPage title="Sorry, there is a problem" message={programmes.error.message} />;
  }
  const programme = programmes.data.programmes.find((p) => p.id === id);
  if (!programme) {
    return <ProblemPage title="Programme not found" message="There is no programme at this address." />;
  }
  return (
    <>
      <Breadcrumbs
        items={[
          { to: "/manage/courses", text: "Manage courses" },
          { to: "/manage/programmes", text: "Manage programmes" },
        ]}
      />
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ProgrammeForm
            initial={programme}
            submitLabel="Save programme"
            busy={save.isPending}
            heading={
              <>
                <span className="nhsuk-caption-l">{programme.title}</span>
                <h1>Change programme</h1>
              </>
            }
            onErrors={setHasErrors}
            onSubmit={(input, errors) =>
              save.mutate(input, {
                onSuccess: () => navigate("/manage/programmes", { state: flash("Programme saved") }),
                onError: errors.showFailure,
              })
            }
          />
          <h2 className="nhsuk-heading-m nhsuk-u-margin-top-6">Implementation</h2>
          <p>
            Teams implement the programme module by module, in the order of its house, with measures from its
            library.
          </p>
          <ul className="nhsuk-list">
            <li>
              <Link to={`/manage/programmes/${id}/house`}>Change the house (modules and their order)</Link>
            </li>
            <li>
              <Link to={`/manage/programmes/${id}/measure-library`}>Change the measure library</Link>
            </li>
          </ul>
        </div>
      </div>
    </>
  );
}
