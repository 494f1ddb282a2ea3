import { type FormEvent, useState } from "react";
import { useNavigate } from "react-router";
import {
  PROJECT_AIM_HOW_MUCH_MAX,
  PROJECT_AIM_WHAT_MAX,
  PROJECT_PROBLEM_MAX,
  PROJECT_TEAM_NAME_MAX,
  PROJECT_TITLE_MAX,
  type ProjectDetail,
  type ProjectOptions,
} from "../../../../shared/project-contracts";
import {
  PROJECT_SETTING_LABELS,
  PROJECT_SETTINGS,
  PROJECT_TOPIC_LABELS,
  PROJECT_TOPICS,
  PROJECT_VISIBILITIES,
  PROJECT_VISIBILITY_LABELS,
} from "../../../../shared/projects";
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
import { Radios } from "../../../components/radios";
import { Select } from "../../../components/select";
import { TextInput } from "../../../components/text-input";
import { flash } from "../../../lib/flash";
import type { FieldErrors } from "../../../lib/form-errors";
import { usePageTitle } from "../../../lib/page-title";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useCreateProject, useUpdateProject } from "../api/projects";
import { ProjectCrumbs } from "./project-bits";
import { projectPath } from "./project-paths";

const FIELDS = [
  "title",
  "problem",
  "aimWhat",
  "aimHowMuch",
  "aimByWhen",
  "setting",
  "topic",
  "organisationId",
  "teamName",
  "courseId",
  "runId",
  "visibility",
] as const;

interface Draft {
  title: string;
  problem: string;
  aimWhat: string;
  aimHowMuch: string;
  aimByWhen: DateParts;
  setting: string;
  topic: string;
  organisationId: string;
  teamName: string;
  courseId: string;
  runId: string;
  visibility: string;
}

const NO_ORGANISATION = "none";

function draftFrom(project: ProjectDetail | null, options: ProjectOptions): Draft {
  return {
    title: project?.title ?? "",
    problem: project?.problem ?? "",
    aimWhat: project?.aimWhat ?? "",
    aimHowMuch: project?.aimHowMuch ?? "",
    aimByWhen: project?.aimByWhen ? datePartsFrom(project.aimByWhen) : emptyDateParts,
    setting: project?.setting ?? "",
    topic: project?.topic ?? "",
    organisationId: project
      ? (project.organisation?.id ?? NO_ORGANISATION)
      : (options.organisation?.id ?? NO_ORGANISATION),
    teamName: project?.teamName ?? "",
    courseId: project?.course?.id ?? "",
    runId: project?.run?.id ?? "",
    visibility: project?.visibility ?? "team",
  };
}

function validate(draft: Draft, creating: boolean): FieldErrors {
  const errors: FieldErrors = {};
  if (!draft.title.trim()) errors.title = "Enter a title for the project";
  if (!draft.aimWhat.trim()) errors.aimWhat = "Enter what you aim to improve";
  if (!draft.aimHowMuch.trim())
    errors.aimHowMuch = "Enter by how much, like 'by 50%' or 'from 12 to 4 a month'";
  const date = isoDateFrom(draft.aimByWhen, "the date you aim to achieve it by");
  if (date.error !== undefined) errors.aimByWhen = date.error;
  else if (creating && date.date < new Date().toISOString().slice(0, 10)) {
    errors.aimByWhen = "The date in your aim must be today or in the future";
  }
  if (!draft.setting) errors.setting = "Choose where the project happens";
  if (!draft.topic) errors.topic = "Choose what the project is about";
  return errors;
}

/** Start a project (project null) or change one: title, problem, the aim in three parts, where, team, links, sharing. */
export function ProjectForm({
  project,
  options,
}: {
  project: ProjectDetail | null;
  options: ProjectOptions;
}) {
  const creating = project === null;
  const title = creating ? "Start an improvement project" : "Change the project's details";
  const navigate = useNavigate();
  const create = useCreateProject();
  const update = useUpdateProject(project?.id ?? "");
  const form = useFormErrors(FIELDS);
  const [draft, setDraft] = useState<Draft>(() => draftFrom(project, options));
  usePageTitle(title, form.summary.length > 0);
  const set = (changes: Partial<Draft>) => setDraft((d) => ({ ...d, ...changes }));
  const busy = create.isPending || update.isPending;

  const organisations = [
    ...(options.organisation ? [options.organisation] : []),
    ...(project?.organisation && project.organisation.id !== options.organisation?.id
      ? [project.organisation]
      : []),
  ];
  const courses = [
    ...options.courses,
    ...(project?.course && !options.courses.some((c) => c.id === project.course?.id) ? [project.course] : []),
  ];
  const runs = options.runs.filter((r) => !draft.courseId || r.courseId === draft.courseId);
  if (project?.run && !runs.some((r) => r.id === project.run?.id)) {
    runs.push({ ...project.run, courseId: project.course?.id ?? "" });
  }

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (form.showFieldErrors(validate(draft, creating)) || busy) return;
    const fields = {
      title: draft.title,
      problem: draft.problem,
      aimWhat: draft.aimWhat,
      aimHowMuch: draft.aimHowMuch,
      aimByWhen: isoDateFrom(draft.aimByWhen, "").date ?? "",
      // `as`: validate() has checked both are chosen from the lists below.
      setting: draft.setting as (typeof PROJECT_SETTINGS)[number],
      topic: draft.topic as (typeof PROJECT_TOPICS)[number],
      organisationId: draft.organisationId === NO_ORGANISATION ? null : draft.organisationId,
      teamName: draft.teamName,
      courseId: draft.courseId || null,
      runId: draft.runId || null,
      // `as`: the radios offer only PROJECT_VISIBILITIES.
      visibility: draft.visibility as (typeof PROJECT_VISIBILITIES)[number],
    };
    if (project) {
      update.mutate(
        { ...fields, revision: project.revision },
        {
          onSuccess: () => navigate(projectPath(project.id), { state: flash("Project details saved") }),
          onError: form.showFailure,
        },
      );
    } else {
      create.mutate(fields, {
        onSuccess: ({ id }) =>
          navigate(projectPath(id), {
            state: flash(
              "Project started",
              "You are its lead. Next, invite your team and build your driver diagram.",
            ),
          }),
        onError: form.showFailure,
      });
    }
  };

  return (
    <>
      <ProjectCrumbs project={project ?? undefined} />
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} />
          <h1>{title}</h1>
          <form noValidate onSubmit={submit}>
            <TextInput
              id="title"
              label="Project title"
              hint={`A short name your team will recognise, like "Reducing falls on Ward 7". Up to ${PROJECT_TITLE_MAX} characters.`}
              value={draft.title}
              onChange={(title) => set({ title })}
              error={form.errors.title}
            />
            <CharacterCount
              id="problem"
              label="What is the problem?"
              hint="What is happening now, who it affects and how you know."
              value={draft.problem}
              onChange={(problem) => set({ problem })}
              maxLength={PROJECT_PROBLEM_MAX}
              rows={5}
              error={form.errors.problem}
            />
            <fieldset className="nhsuk-fieldset">
              <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">Your aim</legend>
              <p className="nhsuk-hint">A good aim says what will improve, by how much and by when.</p>
              <CharacterCount
                id="aimWhat"
                label="What will improve?"
                hint="For example, reduce missed medication doses on Ward 10."
                value={draft.aimWhat}
                onChange={(aimWhat) => set({ aimWhat })}
                maxLength={PROJECT_AIM_WHAT_MAX}
                rows={2}
                error={form.errors.aimWhat}
              />
              <TextInput
                id="aimHowMuch"
                label="By how much?"
                hint={`For example, by 50%, or from 12 to 4 a month. Up to ${PROJECT_AIM_HOW_MUCH_MAX} characters.`}
                value={draft.aimHowMuch}
                onChange={(aimHowMuch) => set({ aimHowMuch })}
                error={form.errors.aimHowMuch}
              />
              <DateInput
                id="aimByWhen"
                legend="By when?"
                hint={creating ? "Today or later. For example, 31 3 2027." : "For example, 31 3 2027."}
                value={draft.aimByWhen}
                onChange={(aimByWhen) => set({ aimByWhen })}
                error={form.errors.aimByWhen}
              />
            </fieldset>
            <Select
              id="setting"
              label="Where does the project happen?"
              options={[
                { value: "", label: "Choose a setting" },
                ...PROJECT_SETTINGS.map((s) => ({ value: s, label: PROJECT_SETTING_LABELS[s] })),
              ]}
              value={draft.setting}
              onChange={(setting) => set({ setting })}
              error={form.errors.setting}
            />
            <Select
              id="topic"
              label="What is it about?"
              options={[
                { value: "", label: "Choose a topic" },
                ...PROJECT_TOPICS.map((t) => ({ value: t, label: PROJECT_TOPIC_LABELS[t] })),
              ]}
              value={draft.topic}
              onChange={(topic) => set({ topic })}
              error={form.errors.topic}
            />
            <Select
              id="organisationId"
              label="Organisation"
              hint="Your organisation comes from your account. Change it in your account if it is wrong."
              options={[
                ...organisations.map((o) => ({ value: o.id, label: o.name })),
                { value: NO_ORGANISATION, label: "No organisation" },
              ]}
              value={draft.organisationId}
              onChange={(organisationId) => set({ organisationId })}
              error={form.errors.organisationId}
            />
            <TextInput
              id="teamName"
              label="Team or department (optional)"
              hint={`For example, Ward 10 nursing team. Up to ${PROJECT_TEAM_NAME_MAX} characters.`}
              value={draft.teamName}
              onChange={(teamName) => set({ teamName })}
              error={form.errors.teamName}
            />
            <Select
              id="courseId"
              label="Linked course (optional)"
              hint="A course you are enrolled on that this project is part of."
              options={[
                { value: "", label: "No course" },
                ...courses.map((c) => ({ value: c.id, label: c.title })),
              ]}
              value={draft.courseId}
              onChange={(courseId) => set({ courseId, runId: "" })}
              error={form.errors.courseId}
            />
            <Select
              id="runId"
              label="Linked course run (optional)"
              hint="A run of a mini-course you are a member of."
              options={[
                { value: "", label: "No run" },
                ...runs.map((r) => ({ value: r.id, label: r.title })),
              ]}
              value={draft.runId}
              onChange={(runId) => set({ runId })}
              error={form.errors.runId}
            />
            {creating || project.myAccess.canManage ? (
              <Radios
                name="visibility"
                legend="Who can see the project?"
                legendSize="m"
                hint="Only the project team can change it. Readers see the team's names."
                options={PROJECT_VISIBILITIES.map((v) => ({ value: v, label: PROJECT_VISIBILITY_LABELS[v] }))}
                value={draft.visibility}
                onChange={(visibility) => set({ visibility })}
                error={form.errors.visibility}
              />
            ) : null}
            <Button type="submit" busy={busy}>
              {creating ? "Start project" : "Save changes"}
            </Button>
          </form>
        </div>
      </div>
    </>
  );
}
