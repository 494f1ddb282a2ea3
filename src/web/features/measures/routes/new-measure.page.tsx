import { type FormEvent, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { MeasureCreateSchema } from "../../../../shared/measures";
import { Breadcrumbs } from "../../../components/breadcrumbs";
import { Button } from "../../../components/button";
import { ErrorSummary } from "../../../components/error-summary";
import { numberOrNull } from "../../../components/measures/numbers";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { isApiError } from "../../../lib/api-client";
import { flash } from "../../../lib/flash";
import { zodFieldErrors } from "../../../lib/form-errors";
import { usePageTitle } from "../../../lib/page-title";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useCreateMeasure, useProjectMeasures } from "../api/measures";
import {
  type MeasureDetailsDraft,
  MeasureDetailsFields,
  measureDetailsDraft,
} from "../components/measure-details-fields";
import { measurePaths } from "../components/measure-paths";

const FIELDS = [
  "kind",
  "title",
  "definition",
  "unit",
  "improvementDirection",
  "frequency",
  "target",
] as const;

/** Add a measure to a project: kind, title, definition, unit, better direction, frequency and an optional target. */
export function NewMeasurePage() {
  const { projectId = "" } = useParams();
  const navigate = useNavigate();
  const project = useProjectMeasures(projectId);
  const create = useCreateMeasure(projectId);
  const form = useFormErrors(FIELDS);
  const [details, setDetails] = useState<MeasureDetailsDraft>(measureDetailsDraft);
  usePageTitle("Add a measure", form.summary.length > 0);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const targetValue = numberOrNull(details.target);
    const input = { ...details, target: targetValue };
    const parsed = MeasureCreateSchema.safeParse(input);
    const errors = parsed.success ? {} : zodFieldErrors(parsed.error);
    if (Number.isNaN(targetValue)) errors.target = "Enter the target as a number, like 2 or 95.5";
    if (form.showFieldErrors(errors) || !parsed.success) return;
    create.mutate(parsed.data, {
      onSuccess: (measure) =>
        navigate(measurePaths.measure(projectId, measure.id), {
          state: flash(
            `${measure.title} added`,
            "Add its data one value at a time, or paste it from a spreadsheet.",
          ),
        }),
      onError: (error) => form.showFailure(error),
    });
  };

  if (project.isPending) return <LoadingPage title="Add a measure" />;
  if (project.isError) {
    return (
      <ProblemPage
        title={isApiError(project.error, 404) ? "Project not found" : "Sorry, there is a problem"}
        message={
          isApiError(project.error, 404)
            ? "This project does not exist, or it is not shared with you."
            : project.error.message
        }
      />
    );
  }
  if (!project.data.myAccess.canEdit) {
    return (
      <ProblemPage
        title="You cannot add measures to this project"
        message="Only the project team can add measures."
      >
        <p>
          <Link to={measurePaths.project(projectId)}>Back to {project.data.project.title}</Link>
        </p>
      </ProblemPage>
    );
  }

  return (
    <>
      <Breadcrumbs items={[{ to: measurePaths.project(projectId), text: project.data.project.title }]} />
      <ErrorSummary errors={form.summary} />
      <h1>Add a measure</h1>
      <form onSubmit={submit} noValidate>
        <MeasureDetailsFields
          draft={details}
          onChange={(patch) => setDetails((d) => ({ ...d, ...patch }))}
          errors={form.errors}
        />
        <Button busy={create.isPending}>Add measure</Button>
      </form>
    </>
  );
}
