import type { UseMutationResult } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { formatCalendarDate } from "../../../shared/dates";
import {
  IMPORT_MAX_BYTES,
  type ImportOptions,
  type ImportPreviewResult,
  type ImportResult,
} from "../../../shared/measures";
import type { SummaryError } from "../../lib/form-errors";
import { usePageTitle } from "../../lib/page-title";
import { useFormErrors } from "../../lib/use-form-errors";
import { Button } from "../button";
import { ErrorSummary } from "../error-summary";
import { describedBy, FormGroup } from "../form-group";
import { Details, InsetText, Tag } from "../nhs";
import { Radios } from "../radios";
import { Textarea } from "../textarea";
import type { ImportData, ImportRequest } from "./send-import";

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

/**
 * "Paste or upload data" for a measure (a project's or a team's): paste from a spreadsheet or upload a CSV file,
 * preview every row with `preview`, then add them all or none with `apply`; `onApplied` gets what the import did.
 * Renders the error summary, the page's h1 and its title; the page puts its navigation above it.
 */
export function ImportForm({
  measureTitle,
  preview,
  apply,
  onApplied,
}: {
  measureTitle: string;
  preview: UseMutationResult<ImportPreviewResult, Error, ImportRequest>;
  apply: UseMutationResult<ImportResult, Error, ImportRequest>;
  onApplied: (result: ImportResult) => void;
}) {
  const form = useFormErrors(FIELDS);
  const [text, setText] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<ImportOptions["mode"]>("add");
  const [onExisting, setOnExisting] = useState<ImportOptions["onExisting"]>("overwrite");
  const [previewed, setPreviewed] = useState<ImportPreviewResult | null>(null);
  usePageTitle("Paste or upload data", form.summary.length > 0);

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
      setPreviewed(null);
      return;
    }
    if (file && file.size > IMPORT_MAX_BYTES) {
      form.showFieldErrors({ file: "The file must be smaller than 2 MB. Split it into smaller files" });
      return;
    }
    preview.mutate(
      { data: chosen, options },
      {
        onSuccess: (result) => {
          setPreviewed(result);
          if (result.errors.length > 0) form.showSummary(rowErrors(result));
          else form.showFieldErrors({});
        },
        onError: (error) => {
          setPreviewed(null);
          form.showFailure(error);
        },
      },
    );
  };

  const confirm = () => {
    const chosen = data();
    if (!chosen) return;
    apply.mutate(
      { data: chosen, options },
      {
        onSuccess: onApplied,
        onError: (error) => form.showFailure(error),
      },
    );
  };

  const writable =
    previewed !== null && previewed.errors.length === 0 && previewed.counts.totalAfter <= 10_000;
  const count = previewed ? previewed.counts.new + previewed.counts.replaces : 0;

  return (
    <>
      <ErrorSummary errors={form.summary} />
      <h1>Paste or upload data</h1>
      <p>
        Add values to <strong>{measureTitle}</strong> from a spreadsheet. Each row needs a date and a value,
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
            setPreviewed(null);
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
              setPreviewed(null);
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
            setPreviewed(null);
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
                    setPreviewed(null);
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
        <Button variant="secondary" busy={preview.isPending}>
          Preview
        </Button>
      </form>

      {previewed ? (
        <>
          <h2>Preview</h2>
          <p>
            {previewed.counts.new} new, {previewed.counts.replaces} replacing existing values,{" "}
            {previewed.counts.errors} {previewed.counts.errors === 1 ? "error" : "errors"}.
          </p>
          {previewed.notes.map((note) => (
            <InsetText key={note}>
              <p>{note}</p>
            </InsetText>
          ))}
          {previewed.errors.some((e) => !previewed.rows.some((r) => r.line === e.line)) ? (
            <ul className="nhsuk-list nhsuk-list--bullet">
              {previewed.errors
                .filter((e) => !previewed.rows.some((r) => r.line === e.line))
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
                {previewed.rows.map((row) => (
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
            <Button type="button" busy={apply.isPending} onClick={confirm}>
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
