import { useState } from "react";
import { useNavigate } from "react-router";
import { RequestErrorSummary } from "../../../components/error-summary";
import { BackLink } from "../../../components/links";
// Shared with the accounts feature: it should move to src/web/components (reported, not moved, by its owner's rule).
import { emptyOrganisationChoice, OrganisationPicker } from "../../../components/organisation-picker";
import { flash } from "../../../lib/flash";
import type { FieldErrors } from "../../../lib/form-errors";
import { useCourseOptions } from "../api/course-options";
import { useCreateLicence } from "../api/licences";
import { CourseSelect } from "../components/course-select";
import { seatsWords } from "../components/entitlement-words";
import { LicenceForm } from "../components/licence-form";

/** /admin/licences/new: record an organisation's licence for a course. */
export function AdminLicenceNewPage() {
  const navigate = useNavigate();
  const courses = useCourseOptions();
  const create = useCreateLicence();
  const [organisation, setOrganisation] = useState(emptyOrganisationChoice);
  const [courseId, setCourseId] = useState("");

  const checkBefore = (): FieldErrors => {
    const errors: FieldErrors = {};
    if (!organisation.organisationId)
      errors.organisationId = "Search for the organisation and select it from the list";
    if (!courseId) errors.courseId = "Select a course";
    return errors;
  };

  return (
    <>
      <BackLink to="/admin/licences">Organisation licences</BackLink>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <h1>Add a licence</h1>
          {courses.isError ? <RequestErrorSummary error={courses.error} /> : null}
          <LicenceForm
            title="Add a licence"
            submitLabel="Add licence"
            busy={create.isPending}
            checkBefore={checkBefore}
            before={(errors) => (
              <>
                <OrganisationPicker
                  legend="Organisation"
                  hint="The organisation whose learners can take the seats"
                  allowNotListed={false}
                  value={organisation}
                  onChange={setOrganisation}
                  errors={errors}
                />
                <CourseSelect
                  id="courseId"
                  label="Course"
                  options={courses.data ?? []}
                  value={courseId}
                  onChange={setCourseId}
                  error={errors.courseId}
                  emptyLabel="Select a course"
                />
              </>
            )}
            onSubmit={(terms, form) => {
              const organisationId = organisation.organisationId;
              if (!organisationId) return;
              create.mutate(
                { organisationId, courseId, ...terms },
                {
                  onSuccess: (licence) =>
                    navigate("/admin/licences", {
                      state: flash(
                        `Licence added for ${licence.organisation.name}`,
                        `${seatsWords(licence)} on ${licence.course.title}. Learners of ${licence.organisation.name} can take a seat while it is current.`,
                      ),
                    }),
                  onError: form.showFailure,
                },
              );
            }}
          />
        </div>
      </div>
    </>
  );
}
