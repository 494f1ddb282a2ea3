import { Link } from "react-router";
import type { AuthoringCourseList } from "../../../../shared/authoring";
import { LEVEL_LABELS } from "../../../../shared/catalogue";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { usePageTitle } from "../../../lib/page-title";
import { useAuthoringCourses } from "../api/courses";
import { CourseStatusTag } from "../components/status-tag";
import "../components/authoring.css";

type ProgrammeCourses = AuthoringCourseList["programmes"][number];

/** One programme's courses as a responsive table: a row per course with its level, status and learners. */
function ProgrammeTable({ programme }: { programme: ProgrammeCourses }) {
  if (programme.courses.length === 0) {
    return <p>No courses yet.</p>;
  }
  return (
    <table className="nhsuk-table-responsive">
      <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Courses in {programme.title}</caption>
      <thead className="nhsuk-table__head">
        <tr>
          <th scope="col">Course</th>
          <th scope="col">Level</th>
          <th scope="col">Status</th>
          <th scope="col">Learners</th>
        </tr>
      </thead>
      <tbody className="nhsuk-table__body">
        {programme.courses.map((course) => (
          <tr className="nhsuk-table__row" key={course.id}>
            <td className="nhsuk-table__cell">
              <span className="nhsuk-table-responsive__heading" aria-hidden="true">
                Course{" "}
              </span>
              <Link to={`/manage/courses/${course.id}`}>{course.title}</Link>
            </td>
            <td className="nhsuk-table__cell">
              <span className="nhsuk-table-responsive__heading" aria-hidden="true">
                Level{" "}
              </span>
              {LEVEL_LABELS[course.level]}
            </td>
            <td className="nhsuk-table__cell">
              <span className="nhsuk-table-responsive__heading" aria-hidden="true">
                Status{" "}
              </span>
              <CourseStatusTag status={course.status} />
            </td>
            <td className="nhsuk-table__cell">
              <span className="nhsuk-table-responsive__heading" aria-hidden="true">
                Learners{" "}
              </span>
              {course.enrolmentCount.toLocaleString("en-GB")}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** /manage/courses: every course of every status, by programme, with the way to create one. */
export function ManageCoursesPage() {
  usePageTitle("Manage courses");
  const list = useAuthoringCourses();
  if (list.isPending) return <LoadingPage title="Manage courses" />;
  if (list.isError) return <ProblemPage title="Sorry, there is a problem" message={list.error.message} />;
  return (
    <>
      <h1>Manage courses</h1>
      <p>
        Create and change courses. Only published courses appear in the catalogue; drafts and archived courses
        are seen only here.
      </p>
      <div className="app-actions nhsuk-u-margin-bottom-6">
        <Link className="nhsuk-button" to="/manage/courses/new">
          Create a course
        </Link>
        <Link to="/manage/programmes">Manage programmes</Link>
      </div>
      {list.data.programmes.map((programme) => (
        <section key={programme.id} aria-labelledby={`programme-${programme.id}`}>
          <h2 id={`programme-${programme.id}`}>{programme.title}</h2>
          <ProgrammeTable programme={programme} />
        </section>
      ))}
    </>
  );
}
