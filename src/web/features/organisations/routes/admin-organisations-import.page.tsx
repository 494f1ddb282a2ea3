import { type FormEvent, useState } from "react";
import { Link, useNavigate } from "react-router";
import { IMPORT_LIMITS, type OrganisationImportReport } from "../../../../shared/organisations";
import { Button } from "../../../components/button";
import { ErrorSummary } from "../../../components/error-summary";
import { describedBy, ErrorMessage, formGroupClass, Hint } from "../../../components/form-group";
import { BackLink } from "../../../components/links";
import { Details, InsetText, Table } from "../../../components/nhs";
import { ApiError } from "../../../lib/api-client";
import { flash } from "../../../lib/flash";
import type { SummaryError } from "../../../lib/form-errors";
import { usePageTitle } from "../../../lib/page-title";
import { useImportOrganisations } from "../api/admin-organisations";
import { typeLabel } from "../components/organisation-words";

const FIELD = "file";
const FIELD_LABELS = { name: "Name", type: "Type", parentCode: "Parent code" } as const;
const MAX_SUMMARY_LINES = 10;

/** The error summary lines for a report with invalid rows: the first few rows' problems, then how many more. */
function reportErrors(report: OrganisationImportReport): SummaryError[] {
  const lines: SummaryError[] = report.invalid.slice(0, MAX_SUMMARY_LINES).map((row) => ({
    to: `#row-${row.row}`,
    message: `Row ${row.row}: ${row.problems[0] ?? "check this row"}`,
  }));
  const more = report.invalid.length - MAX_SUMMARY_LINES;
  if (more > 0)
    lines.push({ message: `and ${more} more ${more === 1 ? "row" : "rows"} with problems, listed below` });
  return lines;
}

/** /admin/organisations/import: upload a CSV, read what it would change, then apply it once every row is valid. */
export function AdminOrganisationsImportPage() {
  const navigate = useNavigate();
  const importer = useImportOrganisations();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [summary, setSummary] = useState<SummaryError[]>([]);
  const [report, setReport] = useState<OrganisationImportReport | null>(null);
  usePageTitle("Import the organisation directory", summary.length > 0);

  const showFailure = (error: unknown) => {
    const message = error instanceof Error ? error.message : "Sorry, there is a problem with the service.";
    const details = error instanceof ApiError ? error.details.map((d) => d.message) : [];
    setFileError(message);
    setSummary([
      { field: FIELD, message },
      ...details.slice(0, MAX_SUMMARY_LINES).map((m) => ({ message: m })),
    ]);
  };

  const check = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (importer.isPending) return;
    setReport(null);
    if (!file) {
      const message = "Choose a CSV file to check";
      setFileError(message);
      setSummary([{ field: FIELD, message }]);
      return;
    }
    if (file.size > IMPORT_LIMITS.bytes) {
      const message = `The file is larger than ${IMPORT_LIMITS.bytes / 1024 / 1024} MB: split it into smaller files`;
      setFileError(message);
      setSummary([{ field: FIELD, message }]);
      return;
    }
    importer.mutate(
      { file, dryRun: true },
      {
        onSuccess: (result) => {
          setReport(result);
          setFileError(null);
          setSummary(result.valid ? [] : reportErrors(result));
        },
        onError: showFailure,
      },
    );
  };

  const apply = () => {
    if (!file || importer.isPending) return;
    importer.mutate(
      { file, dryRun: false },
      {
        onSuccess: (result) =>
          navigate("/admin/organisations", {
            state: flash(
              "Directory imported",
              `${result.counts.create} added, ${result.counts.update} changed, ${result.counts.unchanged} unchanged.`,
            ),
          }),
        onError: showFailure,
      },
    );
  };

  return (
    <>
      <BackLink to="/admin/organisations">Organisations</BackLink>
      <ErrorSummary errors={summary} />
      <h1>Import the organisation directory</h1>
      <p>
        Upload a CSV file with the headings <strong>ODS code</strong>, <strong>name</strong>,{" "}
        <strong>type</strong> and <strong>parent code</strong>. You will see what would change before anything
        is saved, and nothing is saved until every row is right.
      </p>
      <Details>
        <Details.Summary>What the file must contain</Details.Summary>
        <Details.Text>
          <ul>
            <li>One organisation per row, after a heading row. Rows may come in any order.</li>
            <li>
              Type: one of integrated care board (icb), NHS trust (nhs_trust), directorate, ward or team
              (team), non-NHS organisation (non_nhs), university or other organisation (other).
            </li>
            <li>
              Parent code: the ODS code of the organisation it sits under, from the file or already in the
              directory. Leave it empty for the top of the hierarchy.
            </li>
            <li>
              At most {IMPORT_LIMITS.rows.toLocaleString("en-GB")} rows and{" "}
              {IMPORT_LIMITS.bytes / 1024 / 1024} MB. Save it from a spreadsheet as “CSV UTF-8”.
            </li>
          </ul>
        </Details.Text>
      </Details>
      <form noValidate onSubmit={check}>
        <div className={formGroupClass(fileError)}>
          <label className="nhsuk-label nhsuk-label--s" htmlFor={FIELD}>
            CSV file
          </label>
          <Hint id={FIELD} hint="For example, directory.csv" />
          <ErrorMessage id={FIELD} error={fileError} />
          <input
            className={`nhsuk-file-upload__input${fileError ? " nhsuk-input--error" : ""}`}
            id={FIELD}
            name={FIELD}
            type="file"
            accept=".csv,text/csv"
            aria-describedby={describedBy(FIELD, "hint", fileError)}
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setReport(null);
            }}
          />
        </div>
        <Button variant={report?.valid ? "secondary" : "primary"} busy={importer.isPending}>
          Check the file
        </Button>
      </form>
      {report ? <ImportReport report={report} busy={importer.isPending} onApply={apply} /> : null}
    </>
  );
}

function ImportReport({
  report,
  busy,
  onApply,
}: {
  report: OrganisationImportReport;
  busy: boolean;
  onApply: () => void;
}) {
  const { counts } = report;
  return (
    <section aria-labelledby="report-heading">
      <h2 id="report-heading">What this file would change</h2>
      <div role="status">
        <ul>
          <li>{counts.create} to add</li>
          <li>{counts.update} to change</li>
          <li>{counts.unchanged} unchanged</li>
          <li>{counts.invalid} with problems</li>
        </ul>
      </div>
      {report.valid ? (
        <>
          <InsetText>
            <p>Every row is valid. Nothing has been saved yet.</p>
          </InsetText>
          {counts.create + counts.update > 0 ? (
            <Button type="button" busy={busy} onClick={onApply}>
              Apply these changes
            </Button>
          ) : (
            <p>
              The directory already matches this file.{" "}
              <Link to="/admin/organisations">Back to organisations</Link>
            </p>
          )}
        </>
      ) : (
        <InsetText>
          <p>
            Nothing can be imported until every row is right. Correct the rows below in your file, then check
            it again.
          </p>
        </InsetText>
      )}

      {report.invalid.length > 0 ? (
        <Table responsive caption={`Rows with problems (${report.invalid.length})`}>
          <Table.Head>
            <Table.Row>
              <Table.Cell>Row</Table.Cell>
              <Table.Cell>ODS code</Table.Cell>
              <Table.Cell>Problems</Table.Cell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {report.invalid.map((row) => (
              <Table.Row key={row.row} id={`row-${row.row}`}>
                <Table.Cell>{row.row}</Table.Cell>
                <Table.Cell>{row.odsCode ?? "None"}</Table.Cell>
                <Table.Cell>
                  <ul className="nhsuk-list nhsuk-u-margin-bottom-0">
                    {row.problems.map((p) => (
                      <li key={p}>{p}</li>
                    ))}
                  </ul>
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      ) : null}

      {report.create.length > 0 ? (
        <Table responsive caption={`To add (${report.create.length})`}>
          <Table.Head>
            <Table.Row>
              <Table.Cell>Row</Table.Cell>
              <Table.Cell>ODS code</Table.Cell>
              <Table.Cell>Name</Table.Cell>
              <Table.Cell>Type</Table.Cell>
              <Table.Cell>Parent code</Table.Cell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {report.create.map((row) => (
              <Table.Row key={row.row}>
                <Table.Cell>{row.row}</Table.Cell>
                <Table.Cell>{row.odsCode}</Table.Cell>
                <Table.Cell>{row.name}</Table.Cell>
                <Table.Cell>{typeLabel(row.type)}</Table.Cell>
                <Table.Cell>{row.parentCode ?? "None"}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      ) : null}

      {report.update.length > 0 ? (
        <Table responsive caption={`To change (${report.update.length})`}>
          <Table.Head>
            <Table.Row>
              <Table.Cell>Row</Table.Cell>
              <Table.Cell>ODS code</Table.Cell>
              <Table.Cell>Changes</Table.Cell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {report.update.map((row) => (
              <Table.Row key={row.row}>
                <Table.Cell>{row.row}</Table.Cell>
                <Table.Cell>{row.odsCode}</Table.Cell>
                <Table.Cell>
                  <ul className="nhsuk-list nhsuk-u-margin-bottom-0">
                    {row.changes.map((c) => (
                      <li key={c.field}>
                        {FIELD_LABELS[c.field]}: {c.before ?? "none"} → {c.after ?? "none"}
                      </li>
                    ))}
                  </ul>
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      ) : null}

      {report.unchanged.length > 0 ? (
        <Details>
          <Details.Summary>Unchanged rows ({report.unchanged.length})</Details.Summary>
          <Details.Text>
            <ul className="nhsuk-list">
              {report.unchanged.map((row) => (
                <li key={row.row}>
                  Row {row.row}: {row.odsCode} {row.name}
                </li>
              ))}
            </ul>
          </Details.Text>
        </Details>
      ) : null}
    </section>
  );
}
