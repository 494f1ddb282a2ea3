import { WarningCallout } from "../../../components/nhs";
import { formatDate } from "../../../lib/format";

/**
 * The warning callout on an expired enrolment: the learner can look back at everything, but change nothing.
 * Heading level follows the page (h2 under the page's h1).
 */
export function ReadOnlyNotice({ expiresAt }: { expiresAt?: string | undefined }) {
  return (
    <WarningCallout>
      <WarningCallout.Heading headingLevel="h2">Your access to this course has ended</WarningCallout.Heading>
      <p>
        {expiresAt ? `Your access ended on ${formatDate(expiresAt)}. ` : ""}You can still look back at the
        course, your progress and your quiz results, but you cannot complete steps or answer quizzes.
      </p>
    </WarningCallout>
  );
}
