import { useCallback, useState } from "react";
import { Link, useLocation, useParams } from "react-router";
import { type CourseDetail, formatPrice } from "../../../../shared/catalogue";
import { Breadcrumbs } from "../../../components/breadcrumbs";
import { ErrorSummary } from "../../../components/error-summary";
import { InsetText, WarningCallout } from "../../../components/nhs";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { isApiError } from "../../../lib/api-client";
import type { SummaryError } from "../../../lib/form-errors";
import { usePageTitle } from "../../../lib/page-title";
import { signInPath } from "../../../lib/return-to";
import { Slot } from "../../../lib/slots";
import { useCourse } from "../api/course";
import { accessWords, cpdWords } from "../components/catalogue-words";
import { coursePath } from "../components/course-card";
import { EnrolmentPanel } from "../components/enrolment-panel";
import { LevelTags } from "../components/level-tags";

/** Who can enrol and what it costs this person: their own price when signed in, the list price otherwise. */
function PriceAndAccess({ course, returnTo }: { course: CourseDetail; returnTo: string }) {
  const { price } = course;
  return (
    <InsetText>
      {price.forSignedInLearner ? null : <p>You need a QI Academy account to enrol.</p>}
      <p>
        {price.forSignedInLearner ? "Your price: " : "Price: "}
        <strong>{price.text}</strong>
      </p>
      {price.note ? (
        <p>
          {price.note}. The full price is {formatPrice(course.priceExVatPence)}.
        </p>
      ) : null}
      {course.priceIsIndicative ? <p>This price is indicative and may change.</p> : null}
      {price.forSignedInLearner ? null : (
        <p>
          What you pay depends on the sector you work in.{" "}
          <Link to={signInPath(returnTo)}>Sign in to see the price for your sector</Link>
        </p>
      )}
      <p>You will have {accessWords(course.accessMonths)} from when you enrol.</p>
      {course.cpdPoints > 0 ? <p>This course is worth {cpdWords(course.cpdPoints)}.</p> : null}
    </InsetText>
  );
}

/**
 * The course itself: what it is, your enrolment (or the way to enrol), who it is for, what it costs, how it is
 * accredited and its modules.
 */
function CourseContent({ course, returnTo }: { course: CourseDetail; returnTo: string }) {
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const onSummaryChange = useCallback((summary: SummaryError[]) => setErrors(summary), []);
  usePageTitle(course.title, errors.length > 0);
  const programmeTo = `/courses?programme=${encodeURIComponent(course.programme.slug)}`;
  const recommended = course.recommendedBefore;
  return (
    <>
      <Breadcrumbs
        items={[
          { to: "/", text: "Home" },
          { to: "/courses", text: "Find a course" },
          { to: programmeTo, text: course.programme.title },
        ]}
      />
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <h1 className="nhsuk-u-margin-bottom-3">{course.title}</h1>
          <LevelTags level={course.level} free={course.price.free} />
          <p className="nhsuk-lede-text">{course.summary}</p>
          <EnrolmentPanel course={course} returnTo={returnTo} onSummaryChange={onSummaryChange} />

          <Slot name="coursePage" props={{ courseId: course.id, level: course.level }} />

          <h2>Who this course is for</h2>
          <p>{course.whoFor}</p>

          <h2>What you will learn</h2>
          <ul>
            {course.outcomes.map((outcome) => (
              <li key={outcome}>{outcome}</li>
            ))}
          </ul>

          {course.prerequisites || recommended ? (
            <>
              <h2>Before you start</h2>
              {course.prerequisites ? <p>{course.prerequisites}</p> : null}
              {recommended ? (
                <WarningCallout>
                  <WarningCallout.Heading headingLevel="h3">
                    {`We recommend ${recommended.title} first`}
                  </WarningCallout.Heading>
                  <p>
                    This course builds on <Link to={coursePath(recommended.id)}>{recommended.title}</Link>.
                    You can still take this course without it.
                  </p>
                </WarningCallout>
              ) : null}
            </>
          ) : null}

          <h2>Who can enrol and what it costs</h2>
          <PriceAndAccess course={course} returnTo={returnTo} />

          <h2>How it is accredited</h2>
          <p>{course.accreditation}</p>

          <h2>Course contents</h2>
          {course.modules.length === 0 ? (
            <p>The modules of this course have not been published yet.</p>
          ) : (
            <ol className="app-module-list">
              {[...course.modules]
                .sort((a, b) => a.position - b.position)
                .map((module) => (
                  <li key={module.id}>
                    <h3 className="nhsuk-heading-xs nhsuk-u-margin-bottom-1">{module.title}</h3>
                    <p className="nhsuk-body-s">{module.summary}</p>
                  </li>
                ))}
            </ol>
          )}

          <p>
            <Link to={programmeTo}>See all {course.programme.title} courses</Link>
          </p>
        </div>
      </div>
    </>
  );
}

/** /courses/:id: one course, or "Course not found" for an id the catalogue does not have. */
export function CoursePage() {
  const { id = "" } = useParams();
  const location = useLocation();
  const course = useCourse(id);

  if (course.isPending) return <LoadingPage title="Loading course" />;
  if (course.isError) {
    // 400 (not a course id at all) and 404 (no such course) mean the same to the person reading.
    if (isApiError(course.error, 404) || isApiError(course.error, 400)) {
      return (
        <ProblemPage title="Course not found" message="If you typed the web address, check it is correct.">
          <p>If you pasted the web address, check you copied the entire address.</p>
          <p>
            <Link to="/courses">Find a course</Link>
          </p>
        </ProblemPage>
      );
    }
    return (
      <ProblemPage title="Sorry, there is a problem with the service" message={course.error.message}>
        <p>
          <Link to="/courses">Go back to find a course</Link>
        </p>
      </ProblemPage>
    );
  }
  return <CourseContent course={course.data} returnTo={location.pathname} />;
}
