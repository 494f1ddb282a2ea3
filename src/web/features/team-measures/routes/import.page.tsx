import { Link, useNavigate, useParams } from "react-router";
import { ImportForm } from "../../../components/measures/import-form";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { isApiError } from "../../../lib/api-client";
import { flash } from "../../../lib/flash";
import { useApplyTeamImport, usePreviewTeamImport, useTeamMeasure } from "../api/team-measures";
import { teamMeasurePaths } from "../components/paths";
import { TeamHeader } from "../components/team-header";

/** Paste from a spreadsheet or upload a CSV file into a team measure, preview every row, then add them all or none. */
export function TeamImportPage() {
  const { measureId = "" } = useParams();
  const navigate = useNavigate();
  const query = useTeamMeasure(measureId);
  const previewImport = usePreviewTeamImport(measureId);
  const applyImport = useApplyTeamImport(measureId);

  if (query.isPending) return <LoadingPage title="Paste or upload data" />;
  if (query.isError) {
    return (
      <ProblemPage
        title={isApiError(query.error, 404) ? "Measure not found" : "Sorry, there is a problem"}
        message={query.error.message}
      />
    );
  }
  const { measure, canEdit, team } = query.data;
  if (!canEdit) {
    return (
      <ProblemPage
        title="You cannot add data to this measure"
        message="Only the team leader and the programme lead can add data."
      >
        <p>
          <Link to={teamMeasurePaths.measure(measureId)}>Back to {measure.title}</Link>
        </p>
      </ProblemPage>
    );
  }

  return (
    <>
      <TeamHeader team={team} />
      <ImportForm
        measureTitle={measure.title}
        preview={previewImport}
        apply={applyImport}
        onApplied={(result) =>
          navigate(teamMeasurePaths.measure(measureId), { state: flash("Data added", result.message) })
        }
      />
    </>
  );
}
