import { type FormEvent, useState } from "react";
import { Link, useParams } from "react-router";
import { PROGRESS_NOTE_MAX } from "../../../../shared/project-contracts";
import {
  MEASURE_KIND_LABELS,
  PROGRESS_SCORE_LABELS,
  PROGRESS_SCORES,
  PROJECT_SETTING_LABELS,
  PROJECT_STATUS_LABELS,
  PROJECT_STATUSES,
  PROJECT_TOPIC_LABELS,
  PROJECT_VISIBILITY_LABELS,
} from "../../../../shared/projects";
import { Button } from "../../../components/button";
import { CharacterCount } from "../../../components/character-count";
import { ErrorSummary } from "../../../components/error-summary";
import { Details, SummaryList, Table, Tag } from "../../../components/nhs";
import { LoadingPage } from "../../../components/page-state";
import { Radios } from "../../../components/radios";
import { Select } from "../../../components/select";
import { formatDate } from "../../../lib/format";
import { usePageTitle } from "../../../lib/page-title";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useProject, useRecordProgress } from "../api/projects";
import { aimStatement, ProjectCrumbs, ProjectProblem, StatusTag } from "../components/project-bits";
import { projectPage } from "../components/project-paths";

const PROGRESS_FIELDS = ["score", "status", "note"] as const;

/** The team's form to record a progress score and status. */
function ProgressForm({ projectId, status }: { projectId: string; status: string }) {
  const record = useRecordProgress(projectId);
  const form = useFormErrors(PROGRESS_FIELDS);
  const [score, setScore] = useState("");
  const [nextStatus, setNextStatus] = useState(status);
  const [note, setNote] = useState("");
  const [saved, setSaved] = useState(false);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (form.showFieldErrors(score ? {} : { score: "Choose a progress score" }) || record.isPending) return;
    // `as`: the radios and select offer only PROGRESS_SCORES and PROJECT_STATUSES.
    const body = {
      score: score as (typeof PROGRESS_SCORES)[number],
      status: nextStatus as (typeof PROJECT_STATUSES)[number],
      note,
    };
    record.mutate(body, {
      onSuccess: () => {
        setScore("");
        setNote("");
        setSaved(true);
      },
      onError: form.showFailure,
    });
  };
  return (
    <Details>
      <Details.Summary>Record progress</Details.Summary>
      <Details.Text>
        <ErrorSummary errors={form.summary} />
        {saved ? <p role="status">Progress recorded. It is at the top of the history.</p> : null}
        <form noValidate onSubmit={submit}>
          <Radios
            name="score"
            legend="Progress score"
            hint="The IHI-style scale: where the project stands now."
            small
            options={PROGRESS_SCORES.map((s) => ({ value: s, label: `${s}: ${PROGRESS_SCORE_LABELS[s]}` }))}
            value={score}
            onChange={setScore}
            error={form.errors.score}
          />
          <Select
            id="status"
            label="Status"
            options={PROJECT_STATUSES.map((s) => ({ value: s, label: PROJECT_STATUS_LABELS[s] }))}
            value={nextStatus}
            onChange={setNextStatus}
            error={form.errors.status}
          />
          <CharacterCount
            id="note"
            label="Note (optional)"
            hint="What has changed since the last score."
            value={note}
            onChange={setNote}
            maxLength={PROGRESS_NOTE_MAX}
            rows={3}
            error={form.errors.note}
          />
          <Button type="submit" busy={record.isPending}>
            Save progress
          </Button>
        </form>
      </Details.Text>
    </Details>
  );
}

/** /projects/:projectId: the project at a glance, its team, progress history and its parts. */
export function ProjectOverviewPage() {
  const { projectId = "" } = useParams();
  const query = useProject(projectId);
  usePageTitle(query.data?.title ?? "Project");
  if (query.isPending) return <LoadingPage title="Project" />;
  if (query.isError) return <ProjectProblem error={query.error} />;
  const p = query.data;
  const { canEdit, canManage } = p.myAccess;
  const page = (name: string) => projectPage(p.id, name);
  return (
    <>
      <ProjectCrumbs />
      <span className="nhsuk-caption-l">Improvement project</span>
      <h1>{p.title}</h1>
      <p>
        <StatusTag status={p.status} />{" "}
        {canEdit ? null : <Tag modifier="white">Read only: you are not on the team</Tag>}
      </p>
      <div className="nhsuk-inset-text">
        <p>
          <strong>Aim:</strong>{" "}
          {aimStatement({ what: p.aimWhat, howMuch: p.aimHowMuch, byWhen: p.aimByWhen })}
        </p>
      </div>

      <h2>About the project</h2>
      <SummaryList>
        <SummaryList.Row>
          <SummaryList.Key>Problem</SummaryList.Key>
          <SummaryList.Value>
            <span style={{ whiteSpace: "pre-line" }}>{p.problem || "Not written yet"}</span>
          </SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Setting</SummaryList.Key>
          <SummaryList.Value>{PROJECT_SETTING_LABELS[p.setting]}</SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Topic</SummaryList.Key>
          <SummaryList.Value>{PROJECT_TOPIC_LABELS[p.topic]}</SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Organisation</SummaryList.Key>
          <SummaryList.Value>{p.organisation?.name ?? "None"}</SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Team or department</SummaryList.Key>
          <SummaryList.Value>{p.teamName || "Not given"}</SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Course</SummaryList.Key>
          <SummaryList.Value>
            {p.course ? p.course.title : "None"}
            {p.run ? ` (${p.run.title})` : ""}
          </SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Who can see it</SummaryList.Key>
          <SummaryList.Value>{PROJECT_VISIBILITY_LABELS[p.visibility]}</SummaryList.Value>
        </SummaryList.Row>
      </SummaryList>
      {canEdit ? (
        <p>
          <Link to={page("edit")}>
            Change the project's details<span className="nhsuk-u-visually-hidden">: {p.title}</span>
          </Link>
        </p>
      ) : null}

      <h2>The project's work</h2>
      <ul className="nhsuk-list nhsuk-list--bullet">
        <li>
          <Link to={page("driver-diagram")}>Driver diagram</Link> ({p.counts.driverNodes}{" "}
          {p.counts.driverNodes === 1 ? "item" : "items"})
        </li>
        <li>
          <Link to={page("pdsa")}>PDSA cycles</Link> ({p.counts.pdsaCycles})
        </li>
        <li>
          <Link to={page("write-up")}>Case-study write-up</Link>
        </li>
        <li>
          <Link to={page("recognition")}>Recognition</Link>
          {p.recognition
            ? p.recognition.recognised
              ? ": recognised"
              : `: submission ${p.recognition.version} ${p.recognition.status === "awaiting_assessment" ? "awaiting assessment" : p.recognition.status}`
            : ""}
        </li>
      </ul>

      <h2>Measures</h2>
      {p.measures.length === 0 ? (
        <p>No measures yet.</p>
      ) : (
        <Table responsive caption="Measures">
          <Table.Head>
            <Table.Row>
              <Table.Cell>Measure</Table.Cell>
              <Table.Cell>Kind</Table.Cell>
              <Table.Cell>Data points</Table.Cell>
              <Table.Cell>Latest</Table.Cell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {p.measures.map((m) => (
              <Table.Row key={m.id}>
                <Table.Cell>
                  <Link to={page(`measures/${encodeURIComponent(m.id)}`)}>{m.title}</Link>
                </Table.Cell>
                <Table.Cell>{MEASURE_KIND_LABELS[m.kind]}</Table.Cell>
                <Table.Cell>{m.pointCount}</Table.Cell>
                <Table.Cell>
                  {m.latest
                    ? `${m.latest.value}${m.unit ? ` ${m.unit}` : ""} on ${formatDate(m.latest.observedOn)}`
                    : "No data yet"}
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
      {canEdit ? (
        <p>
          <Link to={page("measures/new")}>Add a measure</Link>
        </p>
      ) : null}

      <h2>Progress</h2>
      <p>
        Current score:{" "}
        {p.progressScore ? (
          <strong>
            {p.progressScore}: {PROGRESS_SCORE_LABELS[p.progressScore]}
          </strong>
        ) : (
          "not scored yet"
        )}
      </p>
      {canEdit ? <ProgressForm projectId={p.id} status={p.status} /> : null}
      {p.progress.length === 0 ? null : (
        <Table responsive caption="Progress history, newest first">
          <Table.Head>
            <Table.Row>
              <Table.Cell>Date</Table.Cell>
              <Table.Cell>Score</Table.Cell>
              <Table.Cell>Meaning</Table.Cell>
              <Table.Cell>Status</Table.Cell>
              <Table.Cell>Note</Table.Cell>
              <Table.Cell>Who</Table.Cell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {p.progress.map((e) => (
              <Table.Row key={e.id}>
                <Table.Cell>{formatDate(e.recordedAt)}</Table.Cell>
                <Table.Cell>{e.score}</Table.Cell>
                <Table.Cell>{PROGRESS_SCORE_LABELS[e.score]}</Table.Cell>
                <Table.Cell>{PROJECT_STATUS_LABELS[e.status]}</Table.Cell>
                <Table.Cell>{e.note}</Table.Cell>
                <Table.Cell>{e.recordedBy ?? "Former team member"}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}

      <h2>Team</h2>
      <Table responsive caption="Project team">
        <Table.Head>
          <Table.Row>
            <Table.Cell>Name</Table.Cell>
            <Table.Cell>Role</Table.Cell>
            <Table.Cell>Responsibility</Table.Cell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {p.members.map((m) => (
            <Table.Row key={m.userId}>
              <Table.Cell>{m.name}</Table.Cell>
              <Table.Cell>{m.role === "lead" ? "Lead" : "Member"}</Table.Cell>
              <Table.Cell>{m.responsibility || "Not given"}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
      {canEdit ? (
        <p>
          <Link to={page("team")}>
            {canManage ? "Manage the team and invite people" : "Team and your details"}
          </Link>
        </p>
      ) : null}

      {canManage ? (
        <>
          <h2>Delete this project</h2>
          <p>
            <Link to={page("delete")}>
              Delete the project<span className="nhsuk-u-visually-hidden">: {p.title}</span>
            </Link>
          </p>
        </>
      ) : null}
    </>
  );
}
