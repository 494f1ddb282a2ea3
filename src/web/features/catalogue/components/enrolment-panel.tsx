import { type FormEvent, useEffect, useState } from "react";
import { Link, useNavigate } from "react-router";
import type { CourseDetail } from "../../../../shared/catalogue";
import type { CourseViewer, EnrolmentSummary } from "../../../../shared/learning";
import { Button } from "../../../components/button";
import { Checkbox } from "../../../components/checkbox";
import { ActionLink } from "../../../components/links";
import { InsetText, Tag } from "../../../components/nhs";
import { isApiError } from "../../../lib/api-client";
import { flash } from "../../../lib/flash";
import type { SummaryError } from "../../../lib/form-errors";
import { formatDate } from "../../../lib/format";
import { registerPath, signInPath } from "../../../lib/return-to";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useCourseViewer, useEnrol } from "./course-enrolment";

const FIELDS = ["declaration"] as const;

/** Where a learner's enrolment lives (the learning pages; this feature only links to them). */
function learningPath(enrolmentId: string, continueLearning = false): string {
  return `/learning/${encodeURIComponent(enrolmentId)}${continueLearning ? "/continue" : ""}`;
}

/** The enrolment's status in words, for its tag and heading. */
function enrolmentStatus(enrolment: EnrolmentSummary): { tag: string; heading: string } {
  if (enrolment.completedAt) return { tag: "Completed", heading: "You have completed this course" };
  if (enrolment.readOnly || enrolment.state === "expired") {
    return { tag: "Access ended", heading: "Your access to this course has ended" };
  }
  if (enrolment.state === "deferred") return { tag: "Deferred", heading: "Your course is deferred" };
  return { tag: "In progress", heading: "You are enrolled on this course" };
}

/** The learner's enrolment: status, access dates (always), progress, and the way back in. */
function EnrolledCard({ enrolment }: { enrolment: EnrolmentSummary }) {
  const { tag, heading } = enrolmentStatus(enrolment);
  const looksBack = enrolment.completedAt !== null || enrolment.readOnly;
  return (
    <div className="nhsuk-card">
      <div className="nhsuk-card__content">
        <h2 className="nhsuk-card__heading nhsuk-heading-m">{heading}</h2>
        <p>
          <Tag modifier={enrolment.completedAt ? "green" : enrolment.readOnly ? "grey" : "blue"}>{tag}</Tag>
        </p>
        <ul className="nhsuk-list">
          <li>
            {enrolment.readOnly || enrolment.state === "expired"
              ? `Your access ended on ${formatDate(enrolment.expiresAt)}`
              : enrolment.state === "deferred"
                ? `Your course starts again on ${formatDate(enrolment.startsAt)}`
                : `Your access ends on ${formatDate(enrolment.expiresAt)}`}
          </li>
          <li>Progress: {enrolment.progressPercent}% complete</li>
        </ul>
        {looksBack || enrolment.state === "deferred" ? (
          <p className="nhsuk-u-margin-bottom-0">
            <Link to={learningPath(enrolment.id)}>Review the course</Link>
          </p>
        ) : (
          <ActionLink to={learningPath(enrolment.id, true)}>Continue learning</ActionLink>
        )}
      </div>
    </div>
  );
}

/** "This course is free for you", or who pays for it. */
function entitlementWords(entitlement: CourseViewer["entitlement"]): string | null {
  if (entitlement === "free") return "This course is free for you.";
  if (entitlement === "grant") return "You have a place paid for by a grant.";
  if (entitlement === "licence") return "Your organisation's licence gives you a place on this course.";
  return null;
}

interface EnrolFormProps {
  course: CourseDetail;
  viewer: CourseViewer;
  onSummaryChange: (summary: SummaryError[]) => void;
}

/** Enrol, with the declaration of involvement where the level asks for it. */
function EnrolForm({ course, viewer, onSummaryChange }: EnrolFormProps) {
  const navigate = useNavigate();
  const enrol = useEnrol();
  const [declared, setDeclared] = useState(false);
  const { errors, summary, showFieldErrors, showSummary } = useFormErrors(FIELDS);
  useEffect(() => onSummaryChange(summary), [summary, onSummaryChange]);
  const programme = course.programme.title;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (enrol.isPending) return;
    if (viewer.needsDeclaration && !declared) {
      showFieldErrors({
        declaration: `Confirm that you are involved in implementing ${programme} in your organisation`,
      });
      return;
    }
    enrol.mutate(
      { courseId: course.id, ...(viewer.needsDeclaration ? { declaration: declared } : {}) },
      {
        onSuccess: ({ enrolment, created }) => {
          showFieldErrors({});
          navigate(learningPath(enrolment.id), {
            state: flash(
              created
                ? `You have enrolled on ${course.title}`
                : `You are already enrolled on ${course.title}`,
              `Your access ends on ${formatDate(enrolment.expiresAt)}.`,
            ),
          });
        },
        onError: (error) => {
          if (isApiError(error) && error.error === "declaration_required") {
            showFieldErrors({ declaration: error.message });
          } else {
            showSummary([{ message: error.message }]);
          }
        },
      },
    );
  };

  const entitlement = entitlementWords(viewer.entitlement);
  return (
    <form noValidate onSubmit={onSubmit}>
      {entitlement ? <p>{entitlement}</p> : null}
      {viewer.needsDeclaration ? (
        <Checkbox
          id="declaration"
          label={`I confirm I am involved in implementing ${programme} in my organisation`}
          hint="This level is for people taking part in putting the programme into practice."
          error={errors.declaration}
          checked={declared}
          onChange={setDeclared}
        />
      ) : null}
      <Button busy={enrol.isPending}>Enrol on this course</Button>
    </form>
  );
}

interface EnrolmentPanelProps {
  course: CourseDetail;
  /** This page's address, to come back to after signing in. */
  returnTo: string;
  /** The enrol form's error summary lines, which the page shows at its top. */
  onSummaryChange: (summary: SummaryError[]) => void;
}

/**
 * The course page's enrolment: the learner's enrolment if they have one; else the way to enrol when they can; else
 * exactly why not and what to do (the server's words); and for visitors, sign in or create an account.
 */
export function EnrolmentPanel({ course, returnTo, onSummaryChange }: EnrolmentPanelProps) {
  const viewer = useCourseViewer(course.id);
  if (viewer.isPending) return null;
  if (viewer.isError) {
    return (
      <InsetText>
        <p>We could not check whether you can enrol. {viewer.error.message}</p>
      </InsetText>
    );
  }
  const standing = viewer.data;
  if (!standing) {
    return (
      <div className="app-enrolment">
        <p>You need to sign in to enrol on this course.</p>
        <Link className="nhsuk-button" to={signInPath(returnTo)} draggable={false}>
          Sign in to enrol
        </Link>
        <p>
          New to QI Academy? <Link to={registerPath(returnTo)}>Create an account</Link>. When you have
          confirmed your email address and signed in, you come back to this page to enrol.
        </p>
      </div>
    );
  }
  if (standing.enrolment) return <EnrolledCard enrolment={standing.enrolment} />;
  if (standing.canEnrol) {
    return <EnrolForm course={course} viewer={standing} onSummaryChange={onSummaryChange} />;
  }
  return (
    <InsetText>
      <p>{standing.refusal?.message ?? "You cannot enrol on this course."}</p>
    </InsetText>
  );
}
