import { type FormEvent, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { formatCalendarDate } from "../../../../shared/dates";
import { MODULE_STATUS_LABELS } from "../../../../shared/implementation";
import {
  PROGRESS_IMPORT_MAX_BYTES,
  type ProgressImportResult,
} from "../../../../shared/implementation-house";
import { Button } from "../../../components/button";
import { ErrorSummary } from "../../../components/error-summary";
import { describedBy, FormGroup } from "../../../components/form-group";
import { RegistrationNav } from "../../../components/implementation-nav";
import { Details, Tag } from "../../../components/nhs";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { Textarea } from "../../../components/textarea";
import { ApiError, isApiError } from "../../../lib/api-client";
import { flash } from "../../../lib/flash";
import type { SummaryError } from "../../../lib/form-errors";
import { usePageTitle } from "../../../lib/page-title";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useProgressImport, useRegistration } from "../api/house";
import { housePaths } from "../components/house-words";

const FIELDS = ["csv", "file"] as const;
const FILE_HINT = "A CSV file up to 2 MB. If you choose a file, it is used instead of anything pasted above.";
const EXAMPLE = `team,module,status,started,completed,sustaining from,notes
Northfield district nursing,Well Organised Working Environment,Complete,09/03/2026,20/04/2026,,Stock room sorted
Northfield district nursing,Knowing How We Are Doing,In progress,27/04/2026,,,`;

const OUTCOME_TAGS = {
  new: { text: "New", modifier: "green" },
  changed: { text: "Changed", modifier: "blue" },
  unchanged: { text: "Unchanged", modifier: "grey" },
  error: { text: "Error", modifier: "red" },
} as const;

/** Each row error as an error summary line linking to its row in the preview table. */
function rowErrors(errors: ProgressImportResult["errors"]): SummaryError[] {
  return errors.map((e) => ({ message: e.message, field: `line-${e.line}` }));
}

const dateOrDash = (date: string | null) => (date ? formatCalendarDate(date) : "–");

/** Paste or upload a CSV of module statuses, preview every row, then apply them all or none. */
export function ProgressImportPage() {
  const { registrationId = "" } = useParams();
  const navigate = useNavigate();
  const registration = useRegistration(registrationId);
  const importer = useProgressImport(registrationId);
  const form = useFormErrors(FIELDS);
  const [text, setText] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ProgressImportResult | null>(null);
  usePageTitle("Import module progress", form.summary.length > 0);

  if (registration.isPending) return <LoadingPage title="Import module progress" />;
  if (registration.isError) {
    return (
      <ProblemPage
        title={isApiError(registration.error, 404) ? "Registration not found" : "Sorry, there is a problem"}
        message={registration.error.message}
      />
    );
  }

  const readCsv = async (): Promise<string | null> => {
    if (file) {
      if (file.size > PROGRESS_IMPORT_MAX_BYTES) {
        form.showFieldErrors({ file: "The file must be smaller than 2 MB. Split it into smaller files" });
        return null;
      }
      return file.text();
    }
    if (text.trim()) return text;
    form.showFieldErrors({ csv: "Paste the CSV, or choose a CSV file" });
    return null;
  };

  const showFailure = (error: unknown) => {
    if (
      error instanceof ApiError &&
      error.error === "import_invalid" &&
      error.details.some((d) => d.field?.startsWith("line-"))
    ) {
      form.showSummary(error.details.map((d) => ({ message: d.message, field: d.field })));
      return;
    }
    if (error instanceof ApiError && error.error === "import_invalid") {
      form.showFieldErrors({ [file ? "file" : "csv"]: error.message });
      return;
    }
    form.showFailure(error);
  };

  const showPreview = async (event: FormEvent) => {
    event.preventDefault();
    const csv = await readCsv();
    if (csv === null) {
      setPreview(null);
      return;
    }
    importer.mutate(
      { csv, mode: "preview" },
      {
        onSuccess: (result) => {
          setPreview(result);
          if (result.errors.length > 0) form.showSummary(rowErrors(result.errors));
          else form.showFieldErrors({});
        },
        onError: (error) => {
          setPreview(null);
          showFailure(error);
        },
      },
    );
  };

  const apply = async () => {
    const csv = await readCsv();
    if (csv === null) return;
    importer.mutate(
      { csv, mode: "apply" },
      {
        onSuccess: (result) =>
          navigate(housePaths.grid(registrationId), { state: flash("Progress imported", result.message) }),
        onError: showFailure,
      },
    );
  };

  const canApply =
    preview !== null && preview.errors.length === 0 && preview.counts.new + preview.counts.changed > 0;

  return (
    <>
      <RegistrationNav registrationId={registrationId} />
      <ErrorSummary errors={form.summary} />
      <span className="nhsuk-caption-l">
        {registration.data.organisation.name} · {registration.data.programme.title}
      </span>
      <h1>Import module progress</h1>
      <p>
        Record many teams' module statuses at once from a spreadsheet. Check the preview, then save. If any
        row has a problem, nothing is saved.
      </p>
      <Details>
        <Details.Summary>What the CSV needs</Details.Summary>
        <Details.Text>
          <ul>
            <li>
              A heading row with team, module and status, and any of started, completed, sustaining from and
              notes, in any order.
            </li>
            <li>Teams and modules by name, as they are on the programme (capital letters do not matter).</li>
            <li>Status as Not started, In progress, Complete or Sustaining.</li>
            <li>
              Dates like 02/03/2026 (day first) or 2026-03-02. Not in the future, nor before the team started.
            </li>
            <li>A blank notes cell keeps the notes already recorded.</li>
            <li>Team leaders can import rows for their own team only.</li>
          </ul>
          <p>For example:</p>
          <pre className="nhsuk-body-s" style={{ whiteSpace: "pre-wrap" }}>
            {EXAMPLE}
          </pre>
        </Details.Text>
      </Details>
      <form onSubmit={showPreview} noValidate>
        <Textarea
          id="csv"
          label="Paste the CSV"
          hint="Copy the rows, with the heading row, from your spreadsheet saved as CSV."
          error={form.errors.csv}
          value={text}
          onChange={(value) => {
            setText(value);
            setPreview(null);
          }}
          rows={8}
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
        <Button variant="secondary" busy={importer.isPending}>
          Preview
        </Button>
      </form>
      {preview ? (
        <>
          <h2>Preview</h2>
          <p aria-live="polite">{preview.message}</p>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a table that scrolls sideways must be reachable by keyboard (axe scrollable-region-focusable) */}
          <section className="app-house-grid" aria-labelledby="import-preview-caption" tabIndex={0}>
            <table className="nhsuk-table">
              <caption className="nhsuk-table__caption nhsuk-u-visually-hidden" id="import-preview-caption">
                What each row would do
              </caption>
              <thead className="nhsuk-table__head">
                <tr>
                  <th scope="col">Line</th>
                  <th scope="col">Team</th>
                  <th scope="col">Module</th>
                  <th scope="col">Status</th>
                  <th scope="col">Started</th>
                  <th scope="col">Completed</th>
                  <th scope="col">Sustaining from</th>
                  <th scope="col">Outcome</th>
                </tr>
              </thead>
              <tbody className="nhsuk-table__body">
                {preview.rows.map((row) => (
                  <tr key={row.line} id={`line-${row.line}`} tabIndex={-1}>
                    <td>{row.line}</td>
                    <td>{row.team}</td>
                    <td>{row.module}</td>
                    <td>{row.status ? MODULE_STATUS_LABELS[row.status] : "–"}</td>
                    <td>{dateOrDash(row.startedOn)}</td>
                    <td>{dateOrDash(row.completedOn)}</td>
                    <td>{dateOrDash(row.sustainingFrom)}</td>
                    <td style={{ whiteSpace: "normal", minWidth: "14rem" }}>
                      <Tag modifier={OUTCOME_TAGS[row.outcome].modifier}>
                        {OUTCOME_TAGS[row.outcome].text}
                      </Tag>
                      {row.errors.map((e) => (
                        <p className="nhsuk-error-message nhsuk-u-margin-bottom-1" key={e}>
                          {e}
                        </p>
                      ))}
                      {row.warnings.map((w) => (
                        <p className="nhsuk-body-s nhsuk-u-margin-bottom-1" key={w}>
                          Warning: {w}
                        </p>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          {canApply ? (
            <Button type="button" busy={importer.isPending} onClick={() => void apply()}>
              Save {preview.counts.new + preview.counts.changed} statuses
            </Button>
          ) : preview.errors.length === 0 ? (
            <p>Every row matches what is already recorded: there is nothing to save.</p>
          ) : (
            <p>Correct the rows with errors in your spreadsheet, then preview again.</p>
          )}
        </>
      ) : null}
      <p>
        <Link to={housePaths.grid(registrationId)}>Back to the teams' houses</Link>
      </p>
    </>
  );
}
