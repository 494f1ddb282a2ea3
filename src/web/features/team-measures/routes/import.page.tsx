import { type FormEvent, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { formatCalendarDate } from "../../../../shared/dates";
import { IMPORT_MAX_BYTES, type ImportOptions, type ImportPreviewResult } from "../../../../shared/measures";
import { Button } from "../../../components/button";
import { ErrorSummary } from "../../../components/error-summary";
import { describedBy, FormGroup } from "../../../components/form-group";
import { Details, InsetText, Tag } from "../../../components/nhs";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { Radios } from "../../../components/radios";
import { Textarea } from "../../../components/textarea";
import { isApiError } from "../../../lib/api-client";
import { flash } from "../../../lib/flash";
import type { SummaryError } from "../../../lib/form-errors";
import { usePageTitle } from "../../../lib/page-title";
import { useFormErrors } from "../../../lib/use-form-errors";
import {
  type ImportData,
  useApplyTeamImport,
  usePreviewTeamImport,
  useTeamMeasure,
} from "../api/team-measures";
import { teamMeasurePaths } from "../components/paths";
import { TeamHeader } from "../components/team-header";

const FILE_HINT = "Up to 2 MB. If you choose a file, it is used instead of anything pasted above.";

const FIELDS = ["text", "file", "mode", "onExisting"] as const;

const STATUS_TAGS = {
  new: { text: "New", colour: "green" },
  replaces: { text: "Replaces a value", colour: "yellow" },
  error: { text: "Error", colour: "red" },
} as const;

/** Each row error as an error summary line linking to its row in the preview table. */
function rowErrors(preview: ImportPreviewResult): SummaryError[] {
  return preview.errors.map((e) => ({ message: `Line ${e.line}: ${e.message}`, field: `line-${e.line}` }));
}

/** Paste from a spreadsheet or upload a CSV file into a team measure, preview every row, then add them all or none. */
export function TeamImportPage() {
  const { measureId = "" } = useParams();
  const navigate = useNavigate();
  const query = useTeamMeasure(measureId);
  const previewImport = usePreviewTeamImport(measureId);
  const applyImport = useApplyTeamImport(measureId);
  const form = useFormErrors(FIELDS);
  const [text, setText] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<ImportOptions["mode"]>("add");
  const [onExisting, setOnExisting] = useState<ImportOptions["onExisting"]>("overwrite");
  const [preview, setPreview] = useState<ImportPreviewResult | null>(null);
  usePageTitle("Paste or upload data", form.summary.length > 0);

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

  const data = (): ImportData | null => {
    if (file) return { file };
    if (text.trim()) return { text };
    return null;
  };
  const options: ImportOptions = { mode, onExisting };

  const showPreview = (event: FormEvent) => {
    event.preventDefault();
    const chosen = data();
    if (!chosen) {
      form.showFieldErrors({ text: "Paste the data from your spreadsheet, or choose a CSV file" });
      setPreview(null);
      return;
    }
    if (file && file.size > IMPORT_MAX_BYTES) {
      form.showFieldErrors({ file: "The file must be smaller than 2 MB. Split it into smaller files" });
      return;
    }
    previewImport.mutate(
      { data: chosen, options },
      {
        onSuccess: (result) => {
          setPreview(result);
          if (result.errors.length > 0) form.showSummary(rowErrors(result));
          else form.showFieldErrors({});
        },
        onError: (error) => {
          setPreview(null);
          form.showFailure(error);
        },
      },
    );
  };

  const confirm = () => {
    const chosen = data();
    if (!chosen) return;
    applyImport.mutate(
      { data: chosen, options },
      {
        onSuccess: (result) =>
          navigate(teamMeasurePaths.measure(measureId), {
            state: flash("Data added", result.message),
          }),
        onError: (error) => form.showFailure(error),
      },
    );
  };

  const writable = preview !== null && preview.errors.length === 0 && preview.counts.totalAfter <= 10_000;
  const count = preview ? preview.counts.new + preview.counts.replaces : 0;

  return (
    <>
      <TeamHeader team={team} />
      <ErrorSummary errors={form.summary} />
      <h1>Paste or upload data</h1>
      <p>
        Add values to <strong>{measure.title}</strong> from a spreadsheet. Each row needs a date and a value,
        and can have a note.
      </p>
      <Details>
        <Details.Summary>What data can I use?</Details.Summary>
        <Details.Text>
          <ul>
            <li>Columns in the order date, value, note. A heading row (Date, Value, Note) is optional.</li>
            <li>Dates like 05/01/2026 (day first) or 2026-01-05.</li>
            <li>Values as plain numbers, like 6 or 12.5. A % sign is fine.</li>
            <li>Copied from Excel or Google Sheets (tabs), or a CSV file saved as UTF-8 or Excel's CSV.</li>
            <li>Rows can be in any order: they are put in date order.</li>
          </ul>
        </Details.Text>
      </Details>
      <form onSubmit={showPreview} noValidate>
        <Textarea
          id="text"
          label="Paste from a spreadsheet"
          hint="Select the cells in your spreadsheet, copy them and paste them here."
          error={form.errors.text}
          value={text}
          onChange={(value) => {
            setText(value);
            setPreview(null);
          }}
          rows={10}
        />
        <FormGroup id="file" label="Or upload a CSV file" hint={FILE_HINT} error={form.errors.file}>
          <input
            className={`nhsuk-file-upload__input${form.errors.file ? " nhsuk-input--error" : ""}`}
            aria-describedby={describedBy("file", FILE_HINT, form.errors.file)}
            id="file"
            name="file"
            type="file"
            accept=".csv,.txt,text/csv,text/plain"
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setPreview(null);
            }}
          />
        </FormGroup>
        <Radios
          name="mode"
          legend="What should happen to the values already there?"
          legendSize="s"
          value={mode}
          onChange={(value) => {
            setMode(value === "replace_all" ? "replace_all" : "add");
            setPreview(null);
          }}
          options={[
            {
              value: "add",
              label: "Keep them and add these",
              conditional: (
                <Radios
                  name="onExisting"
                  legend="If a date already has a value"
                  legendSize="s"
                  value={onExisting}
                  onChange={(value) => {
                    setOnExisting(value === "refuse" ? "refuse" : "overwrite");
                    setPreview(null);
                  }}
                  options={[
                    { value: "overwrite", label: "Replace it with the new value" },
                    { value: "refuse", label: "Show it as an error, so I can check" },
                  ]}
                />
              ),
            },
            { value: "replace_all", label: "Remove them all and use only these" },
          ]}
        />
        <Button variant="secondary" busy={previewImport.isPending}>
          Preview
        </Button>
      </form>

      {preview ? (
        <>
          <h2>Preview</h2>
          <p>
            {preview.counts.new} new, {preview.counts.replaces} replacing existing values,{" "}
            {preview.counts.errors} {preview.counts.errors === 1 ? "error" : "errors"}.
          </p>
          {preview.notes.map((note) => (
            <InsetText key={note}>
              <p>{note}</p>
            </InsetText>
          ))}
          {preview.errors.some((e) => !preview.rows.some((r) => r.line === e.line)) ? (
            <ul className="nhsuk-list nhsuk-list--bullet">
              {preview.errors
                .filter((e) => !preview.rows.some((r) => r.line === e.line))
                .map((e) => (
                  <li key={`${e.line}:${e.message}`} id={`line-${e.line}`} tabIndex={-1}>
                    Line {e.line}: {e.message}
                  </li>
                ))}
            </ul>
          ) : null}
          <div style={{ overflowX: "auto" }}>
            <table className="nhsuk-table">
              <caption className="nhsuk-table__caption">Rows read, in date order</caption>
              <thead className="nhsuk-table__head">
                <tr className="nhsuk-table__row">
                  <th scope="col" className="nhsuk-table__header">
                    Line
                  </th>
                  <th scope="col" className="nhsuk-table__header">
                    Date
                  </th>
                  <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">
                    Value
                  </th>
                  <th scope="col" className="nhsuk-table__header">
                    Note
                  </th>
                  <th scope="col" className="nhsuk-table__header">
                    What happens
                  </th>
                </tr>
              </thead>
              <tbody className="nhsuk-table__body">
                {preview.rows.map((row) => (
                  <tr className="nhsuk-table__row" key={row.line} id={`line-${row.line}`} tabIndex={-1}>
                    <td className="nhsuk-table__cell">{row.line}</td>
                    <td className="nhsuk-table__cell">{row.date ? formatCalendarDate(row.date) : ""}</td>
                    <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{row.value ?? ""}</td>
                    <td className="nhsuk-table__cell">{row.note}</td>
                    <td className="nhsuk-table__cell">
                      <Tag color={STATUS_TAGS[row.status].colour}>{STATUS_TAGS[row.status].text}</Tag>
                      {row.status === "replaces" ? (
                        <p className="nhsuk-body-s">Was {row.existingValue}</p>
                      ) : null}
                      {row.message ? (
                        <p className="nhsuk-body-s nhsuk-u-margin-bottom-0">{row.message}</p>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {writable ? (
            <Button type="button" busy={applyImport.isPending} onClick={confirm}>
              Add these {count} {count === 1 ? "value" : "values"}
            </Button>
          ) : (
            <p>Correct the rows with errors in your spreadsheet, then paste or upload the data again.</p>
          )}
        </>
      ) : null}
    </>
  );
}
