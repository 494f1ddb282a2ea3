import { Link, useNavigate, useParams } from "react-router";
import { Breadcrumbs } from "../../../components/breadcrumbs";
import { ImportForm } from "../../../components/measures/import-form";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { isApiError } from "../../../lib/api-client";
import { flash } from "../../../lib/flash";
import { useApplyImport, useMeasure, usePreviewImport } from "../api/measures";
import { measurePaths } from "../components/measure-paths";

/** Paste from a spreadsheet or upload a CSV file, preview every row, then add them all or none. */
export function ImportPage() {
  const { projectId = "", measureId = "" } = useParams();
  const navigate = useNavigate();
  const query = useMeasure(measureId);
  const previewImport = usePreviewImport(measureId);
  const applyImport = useApplyImport(measureId);

  if (query.isPending) return <LoadingPage title="Paste or upload data" />;
  if (query.isError) {
    return (
      <ProblemPage
        title={isApiError(query.error, 404) ? "Measure not found" : "Sorry, there is a problem"}
        message={query.error.message}
      />
    );
  }
  const { measure, myAccess } = query.data;
  if (!myAccess.canEdit) {
    return (
      <ProblemPage title="You cannot add data to this measure" message="Only the project team can add data.">
        <p>
          <Link to={measurePaths.measure(projectId, measureId)}>Back to {measure.title}</Link>
        </p>
      </ProblemPage>
    );
  }

  return (
    <>
      <Breadcrumbs
        items={[
          { to: measurePaths.project(projectId), text: query.data.project.title },
          { to: measurePaths.measure(projectId, measureId), text: measure.title },
        ]}
      />
      <ImportForm
        measureTitle={measure.title}
        preview={previewImport}
        apply={applyImport}
        onApplied={(result) =>
          navigate(measurePaths.measure(projectId, measureId), { state: flash("Data added", result.message) })
        }
      />
    </>
  );
}
