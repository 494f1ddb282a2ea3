import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { MyCertificatesSchema } from "../../../../shared/certificates";
import { LEARNING_GROUPS, type MyLearningItem } from "../../../../shared/learning";
import { ProblemPage } from "../../../components/page-state";
import { apiRequest } from "../../../lib/api-client";
import { formatDate } from "../../../lib/format";
import { usePageTitle } from "../../../lib/page-title";
import { useMyLearning } from "../api/my-learning";
import { continuePath, outlinePath } from "../components/learning-paths";
import { accessShortWords, GROUP_LABELS, stepsCompleteWords } from "../components/learning-words";
import { LevelTag } from "../components/level-tag";
import "../components/learning.css";

/**
 * The courses the learner holds a certificate for (valid or expired, not revoked or replaced), so achieved courses
 * can link to it. Same query key as the certificates page, so the two share one fetch.
 */
function useCertifiedCourses(): ReadonlySet<string> {
  const certificates = useQuery({
    queryKey: ["certificates", "mine"],
    queryFn: ({ signal }) =>
      apiRequest("GET", "/api/certificates/mine", { schema: MyCertificatesSchema, signal }),
  });
  return new Set(
    (certificates.data?.certificates ?? [])
      .filter((c) => c.status === "valid" || c.status === "expired")
      .map((c) => c.courseId),
  );
}

/** One enrolment as a card: the course, its progress, its access dates, and the way on. */
function LearningCard({ item, certified }: { item: MyLearningItem; certified: boolean }) {
  const looksBack = item.group === "completed" || item.group === "expired";
  const action = looksBack
    ? { to: outlinePath(item.enrolmentId), text: "Review" }
    : { to: continuePath(item.enrolmentId), text: item.completedSteps > 0 ? "Continue" : "Start" };
  return (
    <div className="nhsuk-card app-learning-card">
      <div className="nhsuk-card__content">
        <h3 className="nhsuk-card__heading nhsuk-heading-s">
          <Link to={outlinePath(item.enrolmentId)}>{item.course.title}</Link>
        </h3>
        <LevelTag level={item.course.level} />
        <ul className="nhsuk-list nhsuk-body-s app-learning-facts">
          <li>{stepsCompleteWords(item.completedSteps, item.totalSteps, item.progressPercent)}</li>
          {item.completedAt ? <li>Completed {formatDate(item.completedAt)}</li> : null}
          <li>{accessShortWords({ ...item, state: item.group === "expired" ? "expired" : item.state })}</li>
          {item.nextStep && item.group === "active" ? <li>Next step: {item.nextStep.title}</li> : null}
          {certified ? (
            <li>
              <Link to="/certificates">
                View certificate<span className="nhsuk-u-visually-hidden"> for {item.course.title}</span>
              </Link>
            </li>
          ) : null}
        </ul>
        {item.group === "deferred" ? null : (
          <Link
            className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
            to={action.to}
            draggable={false}
          >
            {action.text}
            <span className="nhsuk-u-visually-hidden"> {item.course.title}</span>
          </Link>
        )}
      </div>
    </div>
  );
}

/** /my-learning: every course the learner is enrolled on, in progress first, then deferred, completed, expired. */
export function MyLearningPage() {
  usePageTitle("My learning");
  const learning = useMyLearning();
  const certified = useCertifiedCourses();

  if (learning.isError) {
    return (
      <ProblemPage title="Sorry, there is a problem with the service" message={learning.error.message} />
    );
  }
  const items = learning.data?.enrolments ?? [];
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>My learning</h1>
        {learning.isPending ? (
          <p aria-live="polite">Loading…</p>
        ) : items.length === 0 ? (
          <>
            <p>You have not enrolled on any courses yet.</p>
            <p>
              <Link to="/courses">Find a course</Link> or answer{" "}
              <Link to="/where-to-start">Where should I start?</Link> to get a suggestion.
            </p>
          </>
        ) : (
          LEARNING_GROUPS.map((group) => {
            const inGroup = items.filter((item) => item.group === group);
            if (inGroup.length === 0) return null;
            return (
              <section key={group} aria-labelledby={`group-${group}`}>
                <h2 id={`group-${group}`}>
                  {GROUP_LABELS[group]} ({inGroup.length})
                </h2>
                <ul className="nhsuk-list app-card-list">
                  {inGroup.map((item) => (
                    <li key={item.enrolmentId}>
                      <LearningCard item={item} certified={certified.has(item.course.id)} />
                    </li>
                  ))}
                </ul>
              </section>
            );
          })
        )}
        {items.length > 0 ? (
          <p>
            <Link to="/courses">Find another course</Link>
          </p>
        ) : null}
      </div>
      <div className="nhsuk-grid-column-one-third">
        <nav aria-labelledby="my-records">
          <h2 id="my-records" className="nhsuk-heading-s">
            Your records
          </h2>
          <ul className="nhsuk-list">
            <li>
              <Link to="/certificates">My certificates</Link>
            </li>
            <li>
              <Link to="/cpd">CPD record</Link>
            </li>
            <li>
              <Link to="/transcript">Transcript</Link>
            </li>
          </ul>
        </nav>
      </div>
    </div>
  );
}
