import { Link, useLocation, useParams } from "react-router";
import { SURVEY_KINDS } from "../../../../shared/survey-kinds";
import { SURVEY_KIND_LABELS } from "../../../../shared/surveys";
import { BackLink } from "../../../components/links";
import { SummaryList, Tag } from "../../../components/nhs";
import { NotificationBanner } from "../../../components/notification-banner";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { isApiError } from "../../../lib/api-client";
import { readFlash } from "../../../lib/flash";
import { usePageTitle } from "../../../lib/page-title";
import { useCourseSurveys } from "../api/surveys";
import { courseResultsPath, editSurveyPath } from "../components/survey-paths";

/** /manage/courses/:courseId/surveys: a course's pre- and post-course surveys with their questions (editors). */
export function ManageSurveysPage() {
  const { courseId = "" } = useParams();
  const location = useLocation();
  const surveys = useCourseSurveys(courseId);
  usePageTitle("Course surveys");
  if (surveys.isPending) return <LoadingPage title="Course surveys" />;
  if (surveys.isError)
    return (
      <ProblemPage
        title={isApiError(surveys.error, 404) ? "Course not found" : "Sorry, there is a problem"}
        message={surveys.error.message}
      />
    );
  const notice = readFlash(location.state);
  const { courseTitle } = surveys.data;
  return (
    <>
      <BackLink to={`/manage/courses/${encodeURIComponent(courseId)}`}>{courseTitle}</BackLink>
      {notice ? <NotificationBanner heading={notice.heading}>{notice.body}</NotificationBanner> : null}
      <span className="nhsuk-caption-l">{courseTitle}</span>
      <h1>Course surveys</h1>
      <p>
        Learners answer the pre-course survey before they finish the course, and the post-course survey once
        they reach its last module. <Link to={courseResultsPath(courseId)}>See the results</Link>.
      </p>
      {SURVEY_KINDS.map((kind) => {
        const survey = surveys.data.surveys.find((s) => s.kind === kind);
        const label = SURVEY_KIND_LABELS[kind];
        return (
          <section key={kind} aria-labelledby={`survey-${kind}`}>
            <h2 id={`survey-${kind}`}>{label}</h2>
            {survey ? (
              <>
                <SummaryList>
                  <SummaryList.Row>
                    <SummaryList.Key>Title</SummaryList.Key>
                    <SummaryList.Value>{survey.title}</SummaryList.Value>
                  </SummaryList.Row>
                  <SummaryList.Row>
                    <SummaryList.Key>Status</SummaryList.Key>
                    <SummaryList.Value>
                      <Tag modifier={survey.isOpen ? "green" : "grey"}>
                        {survey.isOpen ? "Open" : "Closed"}
                      </Tag>
                      {survey.anonymous ? " Anonymous" : ""}
                    </SummaryList.Value>
                  </SummaryList.Row>
                  <SummaryList.Row>
                    <SummaryList.Key>Responses</SummaryList.Key>
                    <SummaryList.Value>{survey.responseCount}</SummaryList.Value>
                  </SummaryList.Row>
                </SummaryList>
                <ol>
                  {survey.questions.map((q) => (
                    <li key={q.id}>
                      {q.prompt}{" "}
                      <span className="nhsuk-body-s">
                        ({q.kind === "likert" ? "agree or disagree" : "written answer"}
                        {q.required ? "" : ", optional"})
                      </span>
                    </li>
                  ))}
                </ol>
                <p>
                  <Link to={editSurveyPath(courseId, kind)}>Change the {label.toLowerCase()}</Link>
                </p>
              </>
            ) : (
              <>
                <p>This course has no {label.toLowerCase()}.</p>
                <p>
                  <Link to={editSurveyPath(courseId, kind)}>Add a {label.toLowerCase()}</Link>
                </p>
              </>
            )}
          </section>
        );
      })}
    </>
  );
}
