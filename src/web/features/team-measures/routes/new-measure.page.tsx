import { type FormEvent, Fragment, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import type { LibraryItem, TeamMeasureCreateInput } from "../../../../shared/implementation-measures";
import { MEASURE_KIND_LABELS } from "../../../../shared/projects";
import { Button } from "../../../components/button";
import { ErrorSummary } from "../../../components/error-summary";
import { FieldsetGroup } from "../../../components/form-group";
import { numberOrNull } from "../../../components/measures/numbers";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { TextInput } from "../../../components/text-input";
import { isApiError } from "../../../lib/api-client";
import { flash } from "../../../lib/flash";
import type { FieldErrors } from "../../../lib/form-errors";
import { usePageTitle } from "../../../lib/page-title";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useAddTeamMeasure, useMeasureLibrary, useTeamMeasures } from "../api/team-measures";
import { checkDraft } from "../components/draft";
import { type MeasureDraft, MeasureFields, measureDraft } from "../components/measure-fields";
import { teamMeasurePaths } from "../components/paths";
import { TeamHeader } from "../components/team-header";

const OWN = "own";
const FIELDS = [
  "libraryItemId",
  "kind",
  "title",
  "definition",
  "unit",
  "improvementDirection",
  "frequency",
  "houseModuleId",
  "target",
] as const;

/** One radio of the library choice, with the measure's definition as its hint. */
function Choice({
  id,
  value,
  label,
  hint,
  checked,
  disabled,
  onChoose,
  controls,
}: {
  id: string;
  value: string;
  label: string;
  hint: string;
  checked: boolean;
  disabled?: boolean;
  onChoose: (value: string) => void;
  controls?: string;
}) {
  return (
    <div className="nhsuk-radios__item">
      <input
        className="nhsuk-radios__input"
        id={id}
        name="libraryItemId"
        type="radio"
        value={value}
        checked={checked}
        disabled={disabled}
        aria-describedby={hint ? `${id}-item-hint` : undefined}
        aria-controls={controls}
        onChange={() => onChoose(value)}
      />
      <label className="nhsuk-label nhsuk-radios__label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div
          className="nhsuk-hint nhsuk-radios__hint"
          id={`${id}-item-hint`}
          // nhsuk-frontend fades the hint of a disabled radio to half opacity, below WCAG contrast; it says why the
          // measure cannot be chosen, so it stays readable.
          style={disabled ? { opacity: 1 } : undefined}
        >
          {hint}
        </div>
      ) : null}
    </div>
  );
}

function itemHint(item: LibraryItem, taken: boolean): string {
  const parts = [
    `${MEASURE_KIND_LABELS[item.kind]}${item.unit ? `, in ${item.unit}` : ""}.`,
    item.definition,
    taken ? "The team already has this measure." : "",
  ];
  return parts.filter(Boolean).join(" ");
}

/** Add a measure to a team: one from the programme's library (grouped by module) or the team's own, and a target. */
export function NewTeamMeasurePage() {
  const { teamId = "" } = useParams();
  const navigate = useNavigate();
  const team = useTeamMeasures(teamId);
  const library = useMeasureLibrary(team.data?.programmeId);
  const add = useAddTeamMeasure(teamId);
  const form = useFormErrors(FIELDS);
  const [choice, setChoice] = useState("");
  const [draft, setDraft] = useState<MeasureDraft>(measureDraft);
  const [target, setTarget] = useState("");
  usePageTitle("Add a measure", form.summary.length > 0);

  if (team.isPending || (team.isSuccess && library.isPending)) return <LoadingPage title="Add a measure" />;
  if (team.isError) {
    return (
      <ProblemPage
        title={isApiError(team.error, 404) ? "Team not found" : "You cannot add measures to this team"}
        message={team.error.message}
      />
    );
  }
  if (library.isError)
    return <ProblemPage title="Sorry, there is a problem" message={library.error.message} />;
  const { team: teamRef, measures, canEdit } = team.data;
  if (!canEdit || !library.data) {
    return (
      <ProblemPage
        title="You cannot add measures to this team"
        message="Only the team leader and the programme lead can add measures."
      >
        <p>
          <Link to={teamMeasurePaths.list(teamId)}>Back to the team's measures</Link>
        </p>
      </ProblemPage>
    );
  }
  const taken = new Set(measures.map((m) => m.libraryItemId).filter(Boolean));
  const groups = [
    ...library.data.modules
      .filter((m) => m.items.length > 0)
      .map((m) => ({ id: m.id, title: m.title, items: m.items })),
    ...(library.data.otherItems.length > 0
      ? [{ id: "other", title: "Other measures", items: library.data.otherItems }]
      : []),
  ];
  const firstId = "libraryItemId";
  let index = 0;
  const nextId = () => {
    index += 1;
    return index === 1 ? firstId : `${firstId}-${index}`;
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const errors: FieldErrors = {};
    let body: TeamMeasureCreateInput | null = null;
    if (!choice) errors.libraryItemId = "Choose a measure from the library, or the team's own measure";
    if (choice === OWN) {
      const checked = checkDraft(draft);
      Object.assign(errors, checked.errors);
      if (checked.value) body = checked.value;
    } else if (choice) {
      const value = numberOrNull(target);
      if (Number.isNaN(value)) errors.target = "Enter the target as a number, like 30 or 12.5";
      else body = { libraryItemId: choice, target: value };
    }
    if (form.showFieldErrors(errors) || !body) return;
    add.mutate(body, {
      onSuccess: (measure) =>
        navigate(teamMeasurePaths.measure(measure.id), {
          state: flash(
            `${measure.title} added`,
            "Add its values one at a time, or paste them from a spreadsheet.",
          ),
        }),
      onError: (error) => form.showFailure(error),
    });
  };

  return (
    <>
      <TeamHeader team={teamRef} />
      <ErrorSummary errors={form.summary} />
      <span className="nhsuk-caption-l">{teamRef.name}</span>
      <h1>Add a measure</h1>
      <form onSubmit={submit} noValidate>
        <FieldsetGroup
          id="libraryItemId"
          legend="Which measure?"
          hint={`Measures from the ${library.data.programme.title} library, by the module they show the effect of.`}
          error={form.errors.libraryItemId}
        >
          <div className="nhsuk-radios">
            {groups.map((group) => (
              <Fragment key={group.id}>
                <h2 className="nhsuk-heading-s nhsuk-u-margin-top-4 nhsuk-u-margin-bottom-2">
                  {group.title}
                </h2>
                {group.items.map((item) => (
                  <Choice
                    key={item.id}
                    id={nextId()}
                    value={item.id}
                    label={item.title}
                    hint={itemHint(item, taken.has(item.id))}
                    checked={choice === item.id}
                    disabled={taken.has(item.id)}
                    onChoose={setChoice}
                  />
                ))}
              </Fragment>
            ))}
            <div className="nhsuk-radios__divider">or</div>
            <Choice
              id={nextId()}
              value={OWN}
              label="Our own measure"
              hint="A measure the team defines for itself."
              checked={choice === OWN}
              onChoose={setChoice}
              controls="conditional-own"
            />
            <div className="nhsuk-radios__conditional" id="conditional-own" hidden={choice !== OWN}>
              {choice === OWN ? (
                <MeasureFields
                  draft={draft}
                  onChange={(patch) => setDraft((d) => ({ ...d, ...patch }))}
                  errors={form.errors}
                  modules={library.data.modules}
                />
              ) : null}
            </div>
          </div>
        </FieldsetGroup>
        {choice && choice !== OWN ? (
          <TextInput
            id="target"
            label="Target (optional)"
            hint="The value the team is aiming for; leave blank for no target."
            error={form.errors.target}
            value={target}
            onChange={setTarget}
            width={10}
          />
        ) : null}
        <Button busy={add.isPending}>Add measure</Button>
      </form>
    </>
  );
}
