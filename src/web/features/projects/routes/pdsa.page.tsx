import { type FormEvent, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import {
  PDSA_TEXT_MAX,
  PDSA_TITLE_MAX,
  type PdsaCycle,
  type PdsaList,
} from "../../../../shared/project-contracts";
import { PDSA_DECISION_LABELS, PDSA_DECISIONS } from "../../../../shared/projects";
import { Button } from "../../../components/button";
import { CharacterCount } from "../../../components/character-count";
import {
  DateInput,
  type DateParts,
  datePartsFrom,
  emptyDateParts,
  isoDateFrom,
} from "../../../components/date-input";
import { ErrorSummary } from "../../../components/error-summary";
import { Table, Tag } from "../../../components/nhs";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { Radios } from "../../../components/radios";
import { Select } from "../../../components/select";
import { TextInput } from "../../../components/text-input";
import { flash } from "../../../lib/flash";
import type { FieldErrors } from "../../../lib/form-errors";
import { formatDate } from "../../../lib/format";
import { usePageTitle } from "../../../lib/page-title";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useDeletePdsa, usePdsaCycle, usePdsaList, useSavePdsa } from "../api/projects";
import { ProjectCrumbs, ProjectProblem } from "../components/project-bits";
import { pdsaPath, projectPage } from "../components/project-paths";

/** /projects/:projectId/pdsa: the project's PDSA cycles, newest start first. */
export function PdsaListPage() {
  const { projectId = "" } = useParams();
  const query = usePdsaList(projectId);
  usePageTitle("PDSA cycles");
  if (query.isPending) return <LoadingPage title="PDSA cycles" />;
  if (query.isError) return <ProjectProblem error={query.error} />;
  const { cycles, canEdit, projectTitle } = query.data;
  return (
    <>
      <ProjectCrumbs project={{ id: projectId, title: projectTitle }} />
      <span className="nhsuk-caption-l">{projectTitle}</span>
      <h1>PDSA cycles</h1>
      <p>
        Each Plan-Do-Study-Act cycle tests one change idea on a small scale. Cycles are marked on the
        project's charts from their start date.
      </p>
      {canEdit ? (
        <p>
          <Link className="nhsuk-button" to={projectPage(projectId, "pdsa/new")}>
            Add a PDSA cycle
          </Link>
        </p>
      ) : null}
      {cycles.length === 0 ? (
        <p>No PDSA cycles yet.</p>
      ) : (
        <Table responsive caption="PDSA cycles, newest first">
          <Table.Head>
            <Table.Row>
              <Table.Cell>Cycle</Table.Cell>
              <Table.Cell>Change idea</Table.Cell>
              <Table.Cell>Dates</Table.Cell>
              <Table.Cell>Decision</Table.Cell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {cycles.map((c) => (
              <Table.Row key={c.id}>
                <Table.Cell>
                  <Link to={pdsaPath(projectId, c.id)}>{c.title}</Link>
                </Table.Cell>
                <Table.Cell>{c.changeIdea?.text ?? "None"}</Table.Cell>
                <Table.Cell>
                  {formatDate(c.startsOn)}
                  {c.endsOn ? ` to ${formatDate(c.endsOn)}` : " onwards"}
                </Table.Cell>
                <Table.Cell>
                  {c.decision ? <Tag modifier="blue">{PDSA_DECISION_LABELS[c.decision]}</Tag> : "Not decided"}
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </>
  );
}

const FIELDS = [
  "title",
  "changeIdeaId",
  "startsOn",
  "endsOn",
  "plan",
  "prediction",
  "doNotes",
  "study",
  "act",
  "decision",
] as const;
const TEXTS = [
  ["plan", "Plan", "What will you try, who, where and when, and what data will you collect?"],
  ["prediction", "Prediction", "What do you expect to happen?"],
  ["doNotes", "Do", "What happened when you carried out the plan?"],
  ["study", "Study", "What do the data show? How does it compare with your prediction?"],
  ["act", "Act", "What will you do next?"],
] as const;
type TextField = (typeof TEXTS)[number][0];

interface Draft extends Record<TextField, string> {
  title: string;
  changeIdeaId: string;
  startsOn: DateParts;
  endsOn: DateParts;
  decision: string;
}

function draftFrom(cycle: PdsaCycle | null): Draft {
  return {
    title: cycle?.title ?? "",
    changeIdeaId: cycle?.changeIdea?.id ?? "",
    startsOn: cycle ? datePartsFrom(cycle.startsOn) : emptyDateParts,
    endsOn: cycle?.endsOn ? datePartsFrom(cycle.endsOn) : emptyDateParts,
    plan: cycle?.plan ?? "",
    prediction: cycle?.prediction ?? "",
    doNotes: cycle?.doNotes ?? "",
    study: cycle?.study ?? "",
    act: cycle?.act ?? "",
    decision: cycle?.decision ?? "",
  };
}

const isBlank = (d: DateParts) => !d.day.trim() && !d.month.trim() && !d.year.trim();

/** The PDSA form for a new cycle (cycle null) or an existing one; read-only for readers. */
function PdsaForm({
  projectId,
  list,
  cycle,
}: {
  projectId: string;
  list: PdsaList;
  cycle: PdsaCycle | null;
}) {
  const navigate = useNavigate();
  const save = useSavePdsa(projectId, cycle?.id ?? null);
  const remove = useDeletePdsa(projectId);
  const form = useFormErrors(FIELDS);
  const [draft, setDraft] = useState<Draft>(() => draftFrom(cycle));
  const [confirming, setConfirming] = useState(false);
  const title = cycle ? cycle.title : "Add a PDSA cycle";
  usePageTitle(title, form.summary.length > 0);
  const set = (changes: Partial<Draft>) => setDraft((d) => ({ ...d, ...changes }));
  const back = projectPage(projectId, "pdsa");

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const errors: FieldErrors = {};
    if (!draft.title.trim()) errors.title = "Enter a title for the cycle";
    const starts = isoDateFrom(draft.startsOn, "the start date");
    if (starts.error !== undefined) errors.startsOn = starts.error;
    const ends: { date?: string | null; error?: string } = isBlank(draft.endsOn)
      ? { date: null }
      : isoDateFrom(draft.endsOn, "the end date");
    if (ends.error !== undefined) errors.endsOn = ends.error;
    else if (starts.date && ends.date && ends.date < starts.date) {
      errors.endsOn = "The end date must be the same as or after the start date";
    }
    if (form.showFieldErrors(errors) || save.isPending) return;
    save.mutate(
      {
        title: draft.title,
        changeIdeaId: draft.changeIdeaId || null,
        plan: draft.plan,
        prediction: draft.prediction,
        doNotes: draft.doNotes,
        study: draft.study,
        act: draft.act,
        // `as`: the radios offer only PDSA_DECISIONS.
        decision: (draft.decision || null) as (typeof PDSA_DECISIONS)[number] | null,
        startsOn: starts.date ?? "",
        endsOn: ends.date ?? null,
      },
      {
        onSuccess: (saved) =>
          navigate(back, { state: flash(cycle ? "PDSA cycle saved" : "PDSA cycle added", saved.title) }),
        onError: form.showFailure,
      },
    );
  };

  if (!list.canEdit && cycle) {
    return (
      <>
        <ProjectCrumbs project={{ id: projectId, title: list.projectTitle }} />
        <span className="nhsuk-caption-l">PDSA cycle</span>
        <h1>{cycle.title}</h1>
        <p>
          {formatDate(cycle.startsOn)}
          {cycle.endsOn ? ` to ${formatDate(cycle.endsOn)}` : " onwards"}. Change idea:{" "}
          {cycle.changeIdea?.text ?? "none"}.
        </p>
        {TEXTS.map(([field, label]) => (
          <section key={field}>
            <h2>{label}</h2>
            <p style={{ whiteSpace: "pre-line" }}>{cycle[field] || "Not written yet."}</p>
          </section>
        ))}
        <h2>Decision</h2>
        <p>{cycle.decision ? PDSA_DECISION_LABELS[cycle.decision] : "Not decided yet."}</p>
      </>
    );
  }

  return (
    <>
      <ProjectCrumbs project={{ id: projectId, title: list.projectTitle }} />
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} />
          <span className="nhsuk-caption-l">{list.projectTitle}</span>
          <h1>{title}</h1>
          <form noValidate onSubmit={submit}>
            <TextInput
              id="title"
              label="Title"
              hint={`What the cycle tests, in a few words. Up to ${PDSA_TITLE_MAX} characters.`}
              value={draft.title}
              onChange={(v) => set({ title: v })}
              error={form.errors.title}
            />
            <Select
              id="changeIdeaId"
              label="Change idea tested"
              hint={
                list.changeIdeas.length === 0
                  ? "Add change ideas to the driver diagram to link them here."
                  : "From the project's driver diagram."
              }
              options={[
                { value: "", label: "None" },
                ...list.changeIdeas.map((c) => ({ value: c.id, label: c.text })),
              ]}
              value={draft.changeIdeaId}
              onChange={(v) => set({ changeIdeaId: v })}
              error={form.errors.changeIdeaId}
            />
            <DateInput
              id="startsOn"
              legend="Start date"
              hint="For example, 2 3 2026."
              value={draft.startsOn}
              onChange={(v) => set({ startsOn: v })}
              error={form.errors.startsOn}
            />
            <DateInput
              id="endsOn"
              legend="End date (optional)"
              hint="The same as or after the start date. Leave empty while the cycle runs."
              value={draft.endsOn}
              onChange={(v) => set({ endsOn: v })}
              error={form.errors.endsOn}
            />
            {TEXTS.map(([field, label, hint]) => (
              <CharacterCount
                key={field}
                id={field}
                label={label}
                labelSize="s"
                hint={hint}
                value={draft[field]}
                onChange={(v) => set({ [field]: v })}
                maxLength={PDSA_TEXT_MAX}
                rows={4}
                error={form.errors[field]}
              />
            ))}
            <Radios
              name="decision"
              legend="Decision"
              hint="After studying the results."
              options={[
                { value: "", label: "Not decided yet" },
                ...PDSA_DECISIONS.map((d) => ({ value: d, label: PDSA_DECISION_LABELS[d] })),
              ]}
              value={draft.decision}
              onChange={(v) => set({ decision: v })}
              error={form.errors.decision}
            />
            <div className="nhsuk-button-group">
              <Button type="submit" busy={save.isPending}>
                {cycle ? "Save changes" : "Add cycle"}
              </Button>
              <Link className="nhsuk-link" to={back}>
                Cancel
              </Link>
            </div>
          </form>
          {cycle ? (
            <>
              <h2>Delete this cycle</h2>
              {confirming ? (
                <div className="nhsuk-inset-text">
                  <p>Delete "{cycle.title}"? This cannot be undone.</p>
                  <div className="nhsuk-button-group">
                    <Button
                      type="button"
                      variant="warning"
                      busy={remove.isPending}
                      onClick={() =>
                        remove.mutate(cycle.id, {
                          onSuccess: () =>
                            navigate(back, { state: flash("PDSA cycle deleted", cycle.title) }),
                          onError: form.showFailure,
                        })
                      }
                    >
                      Yes, delete it
                    </Button>
                    <Button type="button" variant="secondary" onClick={() => setConfirming(false)}>
                      No, keep it
                    </Button>
                  </div>
                </div>
              ) : (
                <Button type="button" variant="warning" onClick={() => setConfirming(true)}>
                  Delete cycle
                </Button>
              )}
            </>
          ) : null}
        </div>
      </div>
    </>
  );
}

/** /projects/:projectId/pdsa/new: add a cycle (the team). */
export function NewPdsaPage() {
  const { projectId = "" } = useParams();
  const list = usePdsaList(projectId);
  if (list.isPending) return <LoadingPage title="Add a PDSA cycle" />;
  if (list.isError) return <ProjectProblem error={list.error} />;
  if (!list.data.canEdit) {
    return (
      <ProblemPage title="You cannot add a cycle" message="Only the project team can add PDSA cycles." />
    );
  }
  return <PdsaForm projectId={projectId} list={list.data} cycle={null} />;
}

/** /projects/:projectId/pdsa/:cycleId: a cycle, editable by the team. */
export function PdsaCyclePage() {
  const { projectId = "", cycleId = "" } = useParams();
  const list = usePdsaList(projectId);
  const cycle = usePdsaCycle(projectId, cycleId);
  if (list.isPending || cycle.isPending) return <LoadingPage title="PDSA cycle" />;
  if (list.isError) return <ProjectProblem error={list.error} />;
  if (cycle.isError) return <ProjectProblem error={cycle.error} />;
  return <PdsaForm key={cycle.data.updatedAt} projectId={projectId} list={list.data} cycle={cycle.data} />;
}
