import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import { REPORT_REASONS, type ReportReason } from "../../../../shared/runs";
import { Button } from "../../../components/button";
import { ErrorSummary } from "../../../components/error-summary";
import { Radios } from "../../../components/radios";
import { Textarea } from "../../../components/textarea";
import { isApiError } from "../../../lib/api-client";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useReportComment } from "../api/comment-actions";
import { GUIDELINES_PATH, REPORT_REASON_LABELS } from "./comment-words";

/** Reporting a comment to the run's facilitators: why (radios) and, optionally, more detail. */
export function ReportForm({
  commentId,
  onDone,
  onCancel,
}: {
  commentId: string;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const [reason, setReason] = useState("");
  const [details, setDetails] = useState("");
  const report = useReportComment();
  const reasonName = `report-${commentId}-reason`;
  const detailsId = `report-${commentId}-details`;
  const { errors, summary, showFieldErrors, showFailure } = useFormErrors([reasonName, detailsId]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (report.isPending) return;
    if (!reason) {
      showFieldErrors({ [reasonName]: "Select why you are reporting this comment" });
      return;
    }
    if (details.length > 1000) {
      showFieldErrors({ [detailsId]: "Details must be 1,000 characters or fewer" });
      return;
    }
    try {
      // `as`: reason is one of the radios' values, which are REPORT_REASONS.
      await report.mutateAsync({ id: commentId, reason: reason as ReportReason, details });
      onDone("Thank you. You reported this comment and a facilitator will look at it.");
    } catch (error) {
      if (isApiError(error, 409)) {
        onDone("You have already reported this comment. A facilitator will look at it.");
        return;
      }
      showFailure(error);
    }
  };

  return (
    <form onSubmit={submit} noValidate className="nhsuk-u-margin-top-3" aria-label="Report this comment">
      <ErrorSummary errors={summary} />
      <Radios
        name={reasonName}
        legend="Why are you reporting this comment?"
        legendSize="s"
        hint={
          <>
            Facilitators check reports against the <Link to={GUIDELINES_PATH}>community guidelines</Link>. The
            author is not told who reported it.
          </>
        }
        error={errors[reasonName]}
        options={REPORT_REASONS.map((value) => ({ value, ...REPORT_REASON_LABELS[value] }))}
        value={reason}
        onChange={setReason}
        small
      />
      <Textarea
        id={detailsId}
        label="More detail (optional)"
        hint="Up to 1,000 characters"
        error={errors[detailsId]}
        value={details}
        onChange={setDetails}
        rows={3}
      />
      <div className="app-comment__actions">
        <Button busy={report.isPending}>Send report</Button>
        <Button type="button" variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
