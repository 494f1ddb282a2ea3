import { type FormEvent, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { ANNOTATION_LABEL_MAX, AnnotationCreateSchema } from "../../../../shared/measures";
import { Breadcrumbs } from "../../../components/breadcrumbs";
import { Button } from "../../../components/button";
import { DateInput, type DateParts, emptyDateParts, isoDateFrom } from "../../../components/date-input";
import { ErrorSummary } from "../../../components/error-summary";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { TextInput } from "../../../components/text-input";
import { isApiError } from "../../../lib/api-client";
import { flash } from "../../../lib/flash";
import { zodFieldErrors } from "../../../lib/form-errors";
import { usePageTitle } from "../../../lib/page-title";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useAddAnnotation, useMeasure } from "../api/measures";
import { measurePaths } from "../components/measure-paths";

const FIELDS = ["date", "label"] as const;

/** Add a note to a measure's chart: a date and what happened. */
export function NewAnnotationPage() {
  const { projectId = "", measureId = "" } = useParams();
  const navigate = useNavigate();
  const query = useMeasure(measureId);
  const add = useAddAnnotation(measureId);
  const form = useFormErrors(FIELDS);
  const [date, setDate] = useState<DateParts>(emptyDateParts);
  const [label, setLabel] = useState("");
  usePageTitle("Add a note to the chart", form.summary.length > 0);

  if (query.isPending) return <LoadingPage title="Add a note to the chart" />;
  if (query.isError) {
    return (
      <ProblemPage
        title={isApiError(query.error, 404) ? "Measure not found" : "Sorry, there is a problem"}
        message={query.error.message}
      />
    );
  }
  const { measure, project, myAccess } = query.data;
  if (!myAccess.canEdit) {
    return (
      <ProblemPage title="You cannot add notes to this chart" message="Only the project team can add notes.">
        <p>
          <Link to={measurePaths.measure(projectId, measureId)}>Back to {measure.title}</Link>
        </p>
      </ProblemPage>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const when = isoDateFrom(date, "the date");
    const parsed = AnnotationCreateSchema.safeParse({ date: when.date ?? "", label });
    const errors = parsed.success ? {} : zodFieldErrors(parsed.error);
    if (when.error) errors.date = when.error;
    if (form.showFieldErrors(errors) || !parsed.success) return;
    add.mutate(parsed.data, {
      onSuccess: () =>
        navigate(measurePaths.measure(projectId, measureId), { state: flash("Note added to the chart") }),
      onError: (error) => form.showFailure(error),
    });
  };

  return (
    <>
      <Breadcrumbs
        items={[
          { to: measurePaths.project(projectId), text: project.title },
          { to: measurePaths.measure(projectId, measureId), text: measure.title },
        ]}
      />
      <ErrorSummary errors={form.summary} />
      <h1>Add a note to the chart</h1>
      <p>
        Mark something that happened on the chart of {measure.title}, like a new way of working or a change of
        staff. The project's PDSA cycles are marked already.
      </p>
      <form onSubmit={submit} noValidate>
        <DateInput
          id="date"
          legend="When did it happen?"
          hint="For example, 16 2 2026"
          error={form.errors.date}
          value={date}
          onChange={setDate}
        />
        <TextInput
          id="label"
          label="What happened?"
          hint={`Up to ${ANNOTATION_LABEL_MAX} characters, for example: drug round tabards introduced.`}
          error={form.errors.label}
          value={label}
          onChange={setLabel}
        />
        <Button busy={add.isPending}>Add note</Button>
      </form>
    </>
  );
}
