import { type FormEvent, useState } from "react";
import { Link, useParams } from "react-router";
import type { WriteUp } from "../../../../shared/project-contracts";
import {
  CASE_STUDY_SECTION_MAX,
  CASE_STUDY_SECTION_TEXT,
  CASE_STUDY_SECTIONS,
  type CaseStudySection,
  MEASURE_KIND_LABELS,
} from "../../../../shared/projects";
import { Button } from "../../../components/button";
import { CharacterCount } from "../../../components/character-count";
import { Checkboxes } from "../../../components/checkboxes";
import { ErrorSummary } from "../../../components/error-summary";
import { LoadingPage } from "../../../components/page-state";
import { isApiError } from "../../../lib/api-client";
import type { FieldErrors } from "../../../lib/form-errors";
import { formatDateTime } from "../../../lib/format";
import { usePageTitle } from "../../../lib/page-title";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useSaveWriteUp, useWriteUp } from "../api/projects";
import { ProjectCrumbs, ProjectProblem } from "../components/project-bits";
import { projectPage } from "../components/project-paths";

const FIELDS = [...CASE_STUDY_SECTIONS, "chartMeasureIds"] as const;

/** The editor: one textarea per section, checkboxes for the charts, Save. */
function WriteUpForm({ writeUp }: { writeUp: WriteUp }) {
  const save = useSaveWriteUp(writeUp.projectId);
  const form = useFormErrors(FIELDS);
  const [sections, setSections] = useState<Record<CaseStudySection, string>>(
    () =>
      ({
        ...Object.fromEntries(CASE_STUDY_SECTIONS.map((s) => [s, ""])),
        ...writeUp.sections,
      }) as Record<CaseStudySection, string>,
  );
  const [charts, setCharts] = useState<string[]>(writeUp.chartMeasureIds);
  const [revision, setRevision] = useState(writeUp.revision);
  const [saved, setSaved] = useState<string | null>(null);
  usePageTitle("Case-study write-up", form.summary.length > 0);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const errors: FieldErrors = {};
    for (const s of CASE_STUDY_SECTIONS) {
      if (sections[s].length > CASE_STUDY_SECTION_MAX) {
        errors[s] =
          `${CASE_STUDY_SECTION_TEXT[s].heading} must be ${CASE_STUDY_SECTION_MAX.toLocaleString("en-GB")} characters or fewer`;
      }
    }
    if (form.showFieldErrors(errors) || save.isPending) return;
    // Keep the charts in the order the measures are listed.
    const ordered = writeUp.measures.map((m) => m.id).filter((id) => charts.includes(id));
    save.mutate(
      { sections, chartMeasureIds: ordered, revision },
      {
        onSuccess: (result) => {
          setRevision(result.revision);
          setSaved(result.updatedAt);
        },
        onError: (error) => {
          setSaved(null);
          // The server names sections as sections.<name>; the fields here are the section names.
          if (isApiError(error) && error.details.some((d) => d.field?.startsWith("sections."))) {
            const fieldErrors: FieldErrors = {};
            for (const d of error.details)
              if (d.field) fieldErrors[d.field.replace(/^sections\./, "")] = d.message;
            form.showFieldErrors(fieldErrors);
          } else {
            form.showFailure(error);
          }
        },
      },
    );
  };

  return (
    <form noValidate onSubmit={submit}>
      <ErrorSummary errors={form.summary} />
      {saved ? (
        <div className="nhsuk-inset-text" role="status">
          <p>Saved at {formatDateTime(saved)}.</p>
        </div>
      ) : null}
      {CASE_STUDY_SECTIONS.map((s) => (
        <div key={s}>
          <CharacterCount
            id={s}
            label={CASE_STUDY_SECTION_TEXT[s].heading}
            labelSize="m"
            hint={CASE_STUDY_SECTION_TEXT[s].hint}
            value={sections[s]}
            onChange={(v) => setSections((all) => ({ ...all, [s]: v }))}
            maxLength={CASE_STUDY_SECTION_MAX}
            rows={8}
            error={form.errors[s]}
          />
          {s === "results" ? (
            writeUp.measures.length === 0 ? (
              <p className="nhsuk-hint">Add measures to the project to include their charts here.</p>
            ) : (
              <Checkboxes
                name="chartMeasureIds"
                legend="Charts to include under Results"
                legendSize="s"
                hint="Each measure's SPC chart appears in the PDF in the order listed."
                options={writeUp.measures.map((m) => ({
                  value: m.id,
                  label: m.title,
                  hint: MEASURE_KIND_LABELS[m.kind],
                }))}
                values={charts}
                onChange={setCharts}
                error={form.errors.chartMeasureIds}
              />
            )
          ) : null}
        </div>
      ))}
      <Button type="submit" busy={save.isPending}>
        Save write-up
      </Button>
    </form>
  );
}

/** /projects/:projectId/write-up: the case-study write-up editor, the PDF download and the way to recognition. */
export function WriteUpPage() {
  const { projectId = "" } = useParams();
  const query = useWriteUp(projectId);
  usePageTitle("Case-study write-up");
  if (query.isPending) return <LoadingPage title="Case-study write-up" />;
  if (query.isError) return <ProjectProblem error={query.error} />;
  const w = query.data;
  return (
    <>
      <ProjectCrumbs project={{ id: w.projectId, title: w.projectTitle }} />
      <span className="nhsuk-caption-l">{w.projectTitle}</span>
      <h1>Case-study write-up</h1>
      <p>
        Write up the project section by section. The PDF adds the project's details, driver diagram, PDSA
        cycles and the charts you choose.
        {w.updatedAt
          ? ` Last saved ${formatDateTime(w.updatedAt)}${w.updatedBy ? ` by ${w.updatedBy}` : ""}.`
          : ""}
      </p>
      <ul className="nhsuk-list">
        <li>
          <a href={`/api/projects/${encodeURIComponent(w.projectId)}/case-study.pdf`} download>
            Download the case study (PDF)
          </a>
        </li>
        <li>
          <Link to={projectPage(w.projectId, "recognition")}>Submit the case study for recognition</Link>
        </li>
      </ul>
      {w.canEdit ? (
        <WriteUpForm writeUp={w} />
      ) : (
        CASE_STUDY_SECTIONS.map((s) => (
          <section key={s}>
            <h2>{CASE_STUDY_SECTION_TEXT[s].heading}</h2>
            <p style={{ whiteSpace: "pre-line" }}>{w.sections[s] || "Not written yet."}</p>
          </section>
        ))
      )}
    </>
  );
}
