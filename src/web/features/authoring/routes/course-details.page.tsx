import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useNavigate, useParams } from "react-router";
import {
  CERTIFICATE_VALIDITY_MAX_MONTHS,
  type CertificateValidity,
  CertificateValiditySchema,
} from "../../../../shared/certificates";
import { Breadcrumbs } from "../../../components/breadcrumbs";
import { Button } from "../../../components/button";
import { ErrorSummary } from "../../../components/error-summary";
import { NotificationBanner } from "../../../components/notification-banner";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { TextInput } from "../../../components/text-input";
import { apiRequest, isApiError } from "../../../lib/api-client";
import { flash } from "../../../lib/flash";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useAuthoringCourse, useUpdateCourse } from "../api/courses";
import { useProgrammes } from "../api/programmes";
import { CourseForm } from "../components/course-form";

const validityPath = (id: string) => `/api/authoring/courses/${encodeURIComponent(id)}/certificate-validity`;

/**
 * How long certificates for the course stay valid: its own small form, saved on its own (PUT …/certificate-validity),
 * because it changes only certificates issued from now on.
 */
function CertificateValidityForm({ courseId }: { courseId: string }) {
  const queryClient = useQueryClient();
  const key = ["authoring", "certificate-validity", courseId] as const;
  const validity = useQuery({
    queryKey: key,
    queryFn: ({ signal }) =>
      apiRequest("GET", validityPath(courseId), { schema: CertificateValiditySchema, signal }),
  });
  const save = useMutation({
    mutationFn: (body: CertificateValidity) =>
      apiRequest("PUT", validityPath(courseId), { body, schema: CertificateValiditySchema }),
    onSuccess: (saved) => queryClient.setQueryData(key, saved),
  });
  const [months, setMonths] = useState<string | null>(null);
  const [saved, setSaved] = useState(0);
  const { errors, summary, showFieldErrors, showFailure } = useFormErrors(["certificateValidityMonths"]);
  if (!validity.data) return validity.isError ? <p>{validity.error.message}</p> : null;
  const value = months ?? validity.data.certificateValidityMonths?.toString() ?? "";
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const typed = value.trim();
    const body = { certificateValidityMonths: typed === "" ? null : Number(typed) };
    const parsed = CertificateValiditySchema.safeParse(body);
    if (
      showFieldErrors(
        /^\d*$/.test(typed) && parsed.success
          ? {}
          : {
              certificateValidityMonths:
                parsed.error?.issues[0]?.message ?? "Enter the number of months as a whole number, like 24",
            },
      ) ||
      save.isPending
    )
      return;
    save.mutate(body, { onSuccess: () => setSaved((n) => n + 1), onError: showFailure });
  };
  return (
    <section aria-labelledby="certificate-validity-heading" className="nhsuk-grid-row nhsuk-u-margin-top-7">
      <div className="nhsuk-grid-column-two-thirds">
        <h2 id="certificate-validity-heading">Certificates</h2>
        {saved > 0 ? (
          <NotificationBanner key={saved} heading="Certificate validity saved">
            <p>
              {validity.data.certificateValidityMonths === null
                ? "Certificates for this course will not expire."
                : `Certificates issued from now on will be valid for ${validity.data.certificateValidityMonths} months.`}
            </p>
          </NotificationBanner>
        ) : null}
        <ErrorSummary errors={summary} />
        <form noValidate onSubmit={submit}>
          <TextInput
            id="certificateValidityMonths"
            label="How many months is a certificate for this course valid for? (optional)"
            hint={`Leave this empty if certificates never expire. Up to ${CERTIFICATE_VALIDITY_MAX_MONTHS} months. A change applies to certificates issued from now on.`}
            inputMode="numeric"
            width={4}
            value={value}
            onChange={setMonths}
            error={errors.certificateValidityMonths}
          />
          <Button variant="secondary" busy={save.isPending}>
            Save certificate validity
          </Button>
        </form>
      </div>
    </section>
  );
}

/** /manage/courses/:id/details: change a course's details (its level only while nobody is enrolled). */
export function CourseDetailsPage() {
  const { id = "" } = useParams();
  const navigate = useNavigate();
  const course = useAuthoringCourse(id);
  const programmes = useProgrammes();
  const update = useUpdateCourse(id);
  if (course.isPending || programmes.isPending) return <LoadingPage title="Change the course's details" />;
  if (course.isError || programmes.isError) {
    const error = course.error ?? programmes.error;
    return (
      <ProblemPage
        title={isApiError(error, 404) ? "Course not found" : "Sorry, there is a problem"}
        message={error?.message ?? ""}
      />
    );
  }
  const c = course.data;
  return (
    <>
      <Breadcrumbs
        items={[
          { to: "/manage/courses", text: "Manage courses" },
          { to: `/manage/courses/${c.id}`, text: c.title },
        ]}
      />
      <CourseForm
        title="Change the course's details"
        caption={c.title}
        initial={{
          programmeId: c.programme.id,
          title: c.title,
          level: c.level,
          summary: c.summary,
          whoFor: c.whoFor,
          outcomes: c.outcomes,
          prerequisites: c.prerequisites,
          listPriceExVatPence: c.listPriceExVatPence,
          priceIsIndicative: c.priceIsIndicative,
          cpdPoints: c.cpdPoints,
        }}
        programmes={programmes.data.programmes}
        levelLocked={
          c.enrolmentCount > 0
            ? "Learners are enrolled on this course, so its level cannot change: it set their access and decides how the course is accredited."
            : null
        }
        submitLabel="Save details"
        busy={update.isPending}
        onSubmit={(input, errors) =>
          update.mutate(input, {
            onSuccess: () => navigate(`/manage/courses/${c.id}`, { state: flash("Course details saved") }),
            onError: errors.showFailure,
          })
        }
      />
      <CertificateValidityForm courseId={c.id} />
    </>
  );
}
