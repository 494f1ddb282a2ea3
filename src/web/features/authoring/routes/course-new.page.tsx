import { useNavigate } from "react-router";
import { Breadcrumbs } from "../../../components/breadcrumbs";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { flash } from "../../../lib/flash";
import { useCreateCourse } from "../api/courses";
import { useProgrammes } from "../api/programmes";
import { CourseForm } from "../components/course-form";

/** /manage/courses/new: a new course's details; it is saved as a draft, then its modules are added. */
export function CourseNewPage() {
  const navigate = useNavigate();
  const programmes = useProgrammes();
  const create = useCreateCourse();
  if (programmes.isPending) return <LoadingPage title="Create a course" />;
  if (programmes.isError) {
    return <ProblemPage title="Sorry, there is a problem" message={programmes.error.message} />;
  }
  return (
    <>
      <Breadcrumbs items={[{ to: "/manage/courses", text: "Manage courses" }]} />
      <CourseForm
        title="Create a course"
        intro={<p>The course is saved as a draft. Nobody else sees it until you publish it.</p>}
        initial={null}
        programmes={programmes.data.programmes}
        submitLabel="Create course"
        busy={create.isPending}
        onSubmit={(input, errors) =>
          create.mutate(input, {
            onSuccess: (course) =>
              navigate(`/manage/courses/${course.id}`, {
                state: flash("Course created as a draft", "Now add its modules and steps."),
              }),
            onError: errors.showFailure,
          })
        }
      />
    </>
  );
}
