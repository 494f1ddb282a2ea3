import { type FormEvent, useState } from "react";
import { useParams } from "react-router";
import {
  HOUSE_MODULE_KIND_LABELS,
  HOUSE_MODULE_KINDS,
  type HouseModuleKind,
} from "../../../../shared/implementation";
import type { HouseEditor } from "../../../../shared/implementation-house";
import { Breadcrumbs } from "../../../components/breadcrumbs";
import { Button } from "../../../components/button";
import { ErrorSummary, RequestErrorSummary } from "../../../components/error-summary";
import { NotificationBanner } from "../../../components/notification-banner";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { Radios } from "../../../components/radios";
import { TextInput } from "../../../components/text-input";
import { Textarea } from "../../../components/textarea";
import { isApiError } from "../../../lib/api-client";
import type { FieldErrors } from "../../../lib/form-errors";
import { usePageTitle } from "../../../lib/page-title";
import { useFormErrors } from "../../../lib/use-form-errors";
import {
  useCreateHouseModule,
  useDeleteHouseModule,
  useHouseEditor,
  useMoveHouseModule,
  useUpdateHouseModule,
} from "../api/house";

type EditorModule = HouseEditor["modules"][number];

const FIELDS = ["kind", "title", "summary", "typicalWeeks"] as const;

const KIND_HINTS: Record<HouseModuleKind, string> = {
  guide:
    "Beside the house: guidance for executives, programme and team leaders. Not in the recommended order.",
  foundation: "The base of the house: done first, in order.",
  process: "Above the foundations: done after them, in order.",
};

interface ModuleFields {
  kind: HouseModuleKind | "";
  title: string;
  summary: string;
  typicalWeeks: string;
}

/** Checks the fields in the page; the server checks them again. */
function check(fields: ModuleFields): FieldErrors {
  const errors: FieldErrors = {};
  if (!fields.kind) errors.kind = "Choose where the module sits in the house";
  if (!fields.title.trim()) errors.title = "Enter the module's title";
  else if (fields.title.trim().length > 120) errors.title = "The title must be 120 characters or fewer";
  if (fields.summary.trim().length > 1000) errors.summary = "The summary must be 1,000 characters or fewer";
  const weeks = Number(fields.typicalWeeks.trim());
  if (!/^\d+$/.test(fields.typicalWeeks.trim()) || weeks < 1 || weeks > 52)
    errors.typicalWeeks = "Enter the typical weeks as a whole number from 1 to 52";
  return errors;
}

function ModuleForm({
  idPrefix,
  initial,
  submitText,
  busy,
  onSubmit,
  onCancel,
  failure,
}: {
  idPrefix: string;
  initial: ModuleFields;
  submitText: string;
  busy: boolean;
  onSubmit: (fields: { kind: HouseModuleKind; title: string; summary: string; typicalWeeks: number }) => void;
  onCancel?: () => void;
  failure: Error | null;
}) {
  const ids = FIELDS.map((f) => `${idPrefix}${f}`);
  const form = useFormErrors(ids);
  const [fields, setFields] = useState<ModuleFields>(initial);
  const set = (key: keyof ModuleFields) => (value: string) => setFields((f) => ({ ...f, [key]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const errors = check(fields);
    const prefixed: FieldErrors = {};
    for (const [k, v] of Object.entries(errors)) prefixed[`${idPrefix}${k}`] = v;
    if (form.showFieldErrors(prefixed) || !fields.kind) return;
    onSubmit({
      kind: fields.kind,
      title: fields.title.trim(),
      summary: fields.summary.trim(),
      typicalWeeks: Number(fields.typicalWeeks.trim()),
    });
  };

  return (
    <form onSubmit={submit} noValidate>
      {form.summary.length > 0 ? (
        <ErrorSummary errors={form.summary} />
      ) : (
        <RequestErrorSummary error={failure} />
      )}
      <Radios
        name={`${idPrefix}kind`}
        legend="Where does it sit in the house?"
        legendSize="s"
        error={form.errors[`${idPrefix}kind`]}
        value={fields.kind}
        onChange={set("kind")}
        options={HOUSE_MODULE_KINDS.map((k) => ({
          value: k,
          label: HOUSE_MODULE_KIND_LABELS[k],
          hint: KIND_HINTS[k],
        }))}
      />
      <TextInput
        id={`${idPrefix}title`}
        label="Title"
        hint="Each module in a house needs its own title: imports find modules by it."
        error={form.errors[`${idPrefix}title`]}
        value={fields.title}
        onChange={set("title")}
      />
      <Textarea
        id={`${idPrefix}summary`}
        label="Summary (optional)"
        hint="One or two sentences on what the team does in this module."
        error={form.errors[`${idPrefix}summary`]}
        value={fields.summary}
        onChange={set("summary")}
        rows={3}
      />
      <TextInput
        id={`${idPrefix}typicalWeeks`}
        label="Typical weeks"
        hint="How long a team usually spends on it, from 1 to 52. Teams' plans use it; about 6 is usual."
        error={form.errors[`${idPrefix}typicalWeeks`]}
        value={fields.typicalWeeks}
        onChange={set("typicalWeeks")}
        inputMode="numeric"
        width={3}
      />
      <div className="nhsuk-button-group">
        <Button busy={busy}>{submitText}</Button>
        {onCancel ? (
          <Button type="button" variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        ) : null}
      </div>
    </form>
  );
}

function ModuleItem({
  module,
  index,
  count,
  onDone,
}: {
  module: EditorModule;
  index: number;
  count: number;
  onDone: (message: string) => void;
}) {
  const [mode, setMode] = useState<"view" | "edit" | "delete">("view");
  const update = useUpdateHouseModule();
  const move = useMoveHouseModule();
  const remove = useDeleteHouseModule();
  const failure = move.error ?? remove.error;

  return (
    <li className="nhsuk-card nhsuk-u-margin-bottom-4">
      <div className="nhsuk-card__content">
        <h2 className="nhsuk-heading-s nhsuk-u-margin-bottom-2">
          {index + 1}. {module.title}
        </h2>
        <p className="nhsuk-body-s nhsuk-u-margin-bottom-2">
          {HOUSE_MODULE_KIND_LABELS[module.kind]} · about {module.typicalWeeks} weeks ·{" "}
          {module.teamsWithStatus === 0
            ? "no team has a status on it"
            : `${module.teamsWithStatus} ${module.teamsWithStatus === 1 ? "team has" : "teams have"} a status on it`}
        </p>
        {module.summary ? <p className="nhsuk-body-s">{module.summary}</p> : null}
        <RequestErrorSummary error={failure} />
        {mode === "edit" ? (
          <ModuleForm
            idPrefix={`m${index}-`}
            initial={{
              kind: module.kind,
              title: module.title,
              summary: module.summary,
              typicalWeeks: String(module.typicalWeeks),
            }}
            submitText="Save changes"
            busy={update.isPending}
            failure={update.error}
            onCancel={() => setMode("view")}
            onSubmit={(body) =>
              update.mutate(
                { moduleId: module.id, body },
                {
                  onSuccess: (saved) => {
                    setMode("view");
                    onDone(`${saved.title} saved.`);
                  },
                },
              )
            }
          />
        ) : mode === "delete" ? (
          <div className="nhsuk-warning-callout">
            <h3 className="nhsuk-warning-callout__label">
              <span className="nhsuk-u-visually-hidden">Important: </span>Delete {module.title}?
            </h3>
            <p>It comes out of the house for every organisation on the programme. This cannot be undone.</p>
            <div className="nhsuk-button-group">
              <Button
                type="button"
                variant="warning"
                busy={remove.isPending}
                onClick={() =>
                  remove.mutate(module.id, { onSuccess: () => onDone(`${module.title} deleted.`) })
                }
              >
                Yes, delete it
              </Button>
              <Button type="button" variant="secondary" onClick={() => setMode("view")}>
                Cancel
              </Button>
            </div>
          </div>
        ) : (
          <div className="nhsuk-button-group">
            <Button type="button" variant="secondary" small onClick={() => setMode("edit")}>
              Change<span className="nhsuk-u-visually-hidden"> {module.title}</span>
            </Button>
            {index > 0 ? (
              <Button
                type="button"
                variant="secondary"
                small
                busy={move.isPending}
                onClick={() =>
                  move.mutate(
                    { moduleId: module.id, direction: "up" },
                    { onSuccess: () => onDone(`${module.title} moved up to place ${index}.`) },
                  )
                }
              >
                Move up<span className="nhsuk-u-visually-hidden"> {module.title}</span>
              </Button>
            ) : null}
            {index < count - 1 ? (
              <Button
                type="button"
                variant="secondary"
                small
                busy={move.isPending}
                onClick={() =>
                  move.mutate(
                    { moduleId: module.id, direction: "down" },
                    { onSuccess: () => onDone(`${module.title} moved down to place ${index + 2}.`) },
                  )
                }
              >
                Move down<span className="nhsuk-u-visually-hidden"> {module.title}</span>
              </Button>
            ) : null}
            {module.teamsWithStatus === 0 ? (
              <Button type="button" variant="warning" small onClick={() => setMode("delete")}>
                Delete<span className="nhsuk-u-visually-hidden"> {module.title}</span>
              </Button>
            ) : null}
          </div>
        )}
      </div>
    </li>
  );
}

/** Content editors define a programme's house: its modules in order, each with its kind and typical weeks. */
export function HouseEditorPage() {
  const { id = "" } = useParams();
  const query = useHouseEditor(id);
  const create = useCreateHouseModule(id);
  const [message, setMessage] = useState<{ text: string; at: number } | null>(null);
  const [addKey, setAddKey] = useState(0);
  const title = query.data ? `${query.data.programme.title}: house` : "Programme house";
  usePageTitle(title);

  if (query.isPending) return <LoadingPage title="Programme house" />;
  if (query.isError) {
    return (
      <ProblemPage
        title={isApiError(query.error, 404) ? "Programme not found" : "Sorry, there is a problem"}
        message={query.error.message}
      />
    );
  }
  const { programme, modules } = query.data;
  const done = (text: string) => setMessage({ text, at: Date.now() });

  return (
    <>
      <Breadcrumbs
        items={[
          { to: "/manage/programmes", text: "Programmes" },
          { to: `/manage/programmes/${programme.id}`, text: programme.title },
        ]}
      />
      {message ? <NotificationBanner heading={message.text} key={message.at} /> : null}
      <h1>{title}</h1>
      <p>
        The modules teams work through, in the programme's order. Foundation modules come first, then process
        modules; guides stand beside the house. Teams' plans use each module's typical weeks.
      </p>
      {modules.length === 0 ? (
        <p>This programme has no house yet. Add its first module below.</p>
      ) : (
        <ol className="nhsuk-list">
          {modules.map((module, index) => (
            <ModuleItem key={module.id} module={module} index={index} count={modules.length} onDone={done} />
          ))}
        </ol>
      )}
      <h2>Add a module</h2>
      <p>New modules go at the end of the house; move them up to where they belong.</p>
      <ModuleForm
        key={addKey}
        idPrefix="new-"
        initial={{ kind: "", title: "", summary: "", typicalWeeks: "6" }}
        submitText="Add module"
        busy={create.isPending}
        failure={create.error}
        onSubmit={(body) =>
          create.mutate(body, {
            onSuccess: (saved) => {
              setAddKey((k) => k + 1);
              done(`${saved.title} added at place ${saved.position}.`);
            },
          })
        }
      />
    </>
  );
}
