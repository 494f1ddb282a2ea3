import { useNavigate, useParams } from "react-router";
import { Breadcrumbs } from "../../../components/breadcrumbs";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { isApiError } from "../../../lib/api-client";
import { flash } from "../../../lib/flash";
import { useAuthoringCourse, useUpdateCourse } from "../api/courses";
import { useProgrammes } from "../api/programmes";
import { CourseForm } from "../components/course-form";

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
    </>
  );
}
