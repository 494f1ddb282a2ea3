import { Link, useNavigate, useParams } from "react-router";
import type { Licence } from "../../../../shared/entitlements";
import { BackLink } from "../../../components/links";
import { SummaryList } from "../../../components/nhs";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { isApiError } from "../../../lib/api-client";
import { flash } from "../../../lib/flash";
import { useLicence, useUpdateLicence } from "../api/licences";
import { seatsWords } from "../components/entitlement-words";
import { LicenceForm } from "../components/licence-form";

function EditLicence({ licence }: { licence: Licence }) {
  const navigate = useNavigate();
  const update = useUpdateLicence(licence.id);
  return (
    <>
      <BackLink to="/admin/licences">Organisation licences</BackLink>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <h1>Change a licence</h1>
          <SummaryList>
            <SummaryList.Row>
              <SummaryList.Key>Organisation</SummaryList.Key>
              <SummaryList.Value>
                {licence.organisation.name}
                {licence.organisation.odsCode ? ` (${licence.organisation.odsCode})` : ""}
              </SummaryList.Value>
            </SummaryList.Row>
            <SummaryList.Row>
              <SummaryList.Key>Course</SummaryList.Key>
              <SummaryList.Value>{licence.course.title}</SummaryList.Value>
            </SummaryList.Row>
            <SummaryList.Row>
              <SummaryList.Key>Seats used</SummaryList.Key>
              <SummaryList.Value>{seatsWords(licence)}</SummaryList.Value>
            </SummaryList.Row>
          </SummaryList>
          <p>
            You cannot have fewer seats than are already used. To change the organisation or course, add a new
            licence instead.
          </p>
          <LicenceForm
            title="Change a licence"
            initial={licence}
            submitLabel="Save changes"
            busy={update.isPending}
            before={() => null}
            onSubmit={(terms, form) =>
              update.mutate(terms, {
                onSuccess: (changed) =>
                  navigate("/admin/licences", {
                    state: flash(
                      `Licence for ${changed.organisation.name} changed`,
                      `${seatsWords(changed)} on ${changed.course.title}.`,
                    ),
                  }),
                onError: form.showFailure,
              })
            }
          />
        </div>
      </div>
    </>
  );
}

/** /admin/licences/:id: change a licence's seats, dates or note. */
export function AdminLicenceEditPage() {
  const { id = "" } = useParams();
  const licence = useLicence(id);
  if (licence.isPending) return <LoadingPage title="Change a licence" />;
  if (licence.isError) {
    return (
      <ProblemPage
        title={
          isApiError(licence.error, 404) || isApiError(licence.error, 400)
            ? "Licence not found"
            : "Sorry, there is a problem"
        }
        message={licence.error.message}
      >
        <p>
          <Link to="/admin/licences">Go to organisation licences</Link>
        </p>
      </ProblemPage>
    );
  }
  return <EditLicence licence={licence.data} />;
}
