import { Link, useParams } from "react-router";
import { BackLink } from "../../../components/links";
import { SummaryList } from "../../../components/nhs";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { isApiError } from "../../../lib/api-client";
import { formatDate } from "../../../lib/format";
import { usePageTitle } from "../../../lib/page-title";
import { useCpdActivity } from "../api/cpd-activity";
import { CPD_PATH, deleteActivityPath, editActivityPath } from "../components/cpd-paths";
import { hoursWords, pointsWords } from "../components/cpd-words";
import { ReflectionHtml } from "../components/reflection-html";
import "../components/cpd.css";

/** /cpd/activities/:id: one of the learner's own activities with its reflection, and ways to change or delete it. */
export function ActivityPage() {
  const { id = "" } = useParams();
  const activity = useCpdActivity(id);
  usePageTitle(activity.data?.title ?? "CPD activity");

  if (activity.isPending) return <LoadingPage title="CPD activity" />;
  if (activity.isError) {
    return (
      <>
        <BackLink to={CPD_PATH}>Your CPD record</BackLink>
        <ProblemPage
          title={isApiError(activity.error, 404) ? "CPD activity not found" : "Sorry, there is a problem"}
          message={activity.error.message}
        />
      </>
    );
  }
  const a = activity.data;
  return (
    <>
      <BackLink to={CPD_PATH}>Your CPD record</BackLink>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <span className="nhsuk-caption-l">Your CPD activity</span>
          <h1 className="app-cpd-cell">{a.title}</h1>
          <SummaryList>
            <SummaryList.Row>
              <SummaryList.Key>Date</SummaryList.Key>
              <SummaryList.Value>{formatDate(a.activityDate)}</SummaryList.Value>
            </SummaryList.Row>
            <SummaryList.Row>
              <SummaryList.Key>Hours</SummaryList.Key>
              <SummaryList.Value>
                {a.hours === null ? "None recorded" : hoursWords(a.hours)}
              </SummaryList.Value>
            </SummaryList.Row>
            <SummaryList.Row>
              <SummaryList.Key>CPD points</SummaryList.Key>
              <SummaryList.Value>
                {a.points === null ? "None recorded" : pointsWords(a.points)}
              </SummaryList.Value>
            </SummaryList.Row>
          </SummaryList>
          <h2>Reflection</h2>
          <ReflectionHtml html={a.reflectionHtml} />
          <ul className="nhsuk-list">
            <li>
              <Link to={editActivityPath(a.id)}>
                Change this activity<span className="nhsuk-u-visually-hidden">: {a.title}</span>
              </Link>
            </li>
            <li>
              <Link to={deleteActivityPath(a.id)}>
                Delete this activity<span className="nhsuk-u-visually-hidden">: {a.title}</span>
              </Link>
            </li>
          </ul>
        </div>
      </div>
    </>
  );
}
