import type { FormEvent, ReactNode } from "react";
import { CASH_CATEGORIES, CASH_CATEGORY_LABELS, type CashCategory } from "../../../../shared/implementation";
import {
  type BenefitDetail,
  type BenefitList,
  formatPence,
  parsePounds,
} from "../../../../shared/implementation-benefits";
import { Button } from "../../../components/button";
import {
  DateInput,
  type DateParts,
  datePartsFrom,
  emptyDateParts,
  isoDateFrom,
} from "../../../components/date-input";
import { describedBy, FormGroup } from "../../../components/form-group";
import { Radios } from "../../../components/radios";
import { Select } from "../../../components/select";
import { TextInput } from "../../../components/text-input";
import { Textarea } from "../../../components/textarea";
import type { FieldErrors } from "../../../lib/form-errors";

/** The form's fields in page order: their ids are the API's field names, so server errors land beside them. */
export const BENEFIT_FORM_FIELDS = [
  "teamId",
  "houseModuleId",
  "areaId",
  "title",
  "description",
  "cashable",
  "cashCategory",
  "method",
  "baselinePence",
  "forecastPence",
  "realisedPence",
  "unit",
  "baselineValue",
  "forecastValue",
  "realisedValue",
  "baselineOn",
  "forecastOn",
  "realisedOn",
] as const;

/** What someone has typed, as text, until they submit. */
export interface BenefitDraft {
  teamId: string;
  houseModuleId: string;
  areaId: string;
  title: string;
  description: string;
  cashable: "" | "yes" | "no";
  cashCategory: CashCategory | "";
  method: string;
  unit: string;
  baseline: string;
  forecast: string;
  realised: string;
  baselineOn: DateParts;
  forecastOn: DateParts;
  realisedOn: DateParts;
}

/** An empty form, for a team when one is given. */
export function emptyBenefitDraft(teamId = ""): BenefitDraft {
  return {
    teamId,
    houseModuleId: "",
    areaId: "",
    title: "",
    description: "",
    cashable: "",
    cashCategory: "",
    method: "",
    unit: "",
    baseline: "",
    forecast: "",
    realised: "",
    baselineOn: emptyDateParts,
    forecastOn: emptyDateParts,
    realisedOn: emptyDateParts,
  };
}

const poundsText = (pence: number | null) => (pence === null ? "" : formatPence(pence).replace(/^£/, ""));
const valueText = (value: number | null) => (value === null ? "" : String(value));
const dateParts = (iso: string | null) => (iso ? datePartsFrom(iso) : emptyDateParts);

/** The form filled in from a saved benefit. */
export function draftFromBenefit(detail: BenefitDetail): BenefitDraft {
  const b = detail.benefit;
  return {
    teamId: b.team.id,
    houseModuleId: b.houseModule?.id ?? "",
    areaId: b.area.id,
    title: b.title,
    description: b.description,
    cashable: b.cashable ? "yes" : "no",
    cashCategory: b.cashCategory ?? "",
    method: b.method,
    unit: b.unit,
    baseline: b.cashable ? poundsText(b.baselinePence) : valueText(b.baselineValue),
    forecast: b.cashable ? poundsText(b.forecastPence) : valueText(b.forecastValue),
    realised: b.cashable ? poundsText(b.realisedPence) : valueText(b.realisedValue),
    baselineOn: dateParts(b.baselineOn),
    forecastOn: dateParts(b.forecastOn),
    realisedOn: dateParts(b.realisedOn),
  };
}

/** The fields both POST and PATCH take, read from the draft: every value present, null where left empty. */
export interface BenefitValuesInput {
  houseModuleId: string | null;
  areaId: string;
  title: string;
  description: string;
  cashable: boolean;
  cashCategory: CashCategory | null;
  method: string;
  unit: string;
  baselinePence: number | null;
  forecastPence: number | null;
  realisedPence: number | null;
  baselineValue: number | null;
  forecastValue: number | null;
  realisedValue: number | null;
  baselineOn: string | null;
  forecastOn: string | null;
  realisedOn: string | null;
}

const WORDS = { baseline: "the baseline", forecast: "the forecast", realised: "the realised value" } as const;

/**
 * Reads the draft into the API's fields, with a message for each field that cannot be read (the server checks the
 * rules: ranges, required dates, categories). Pounds are read with parsePounds; values as numbers.
 */
export function readBenefitDraft(draft: BenefitDraft): { input: BenefitValuesInput; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const cashable = draft.cashable === "yes";
  if (!draft.teamId) errors.teamId = "Choose the team";
  if (!draft.areaId) errors.areaId = "Choose the benefit area";
  if (!draft.title.trim()) errors.title = "Enter a title for the benefit";
  if (!draft.cashable) errors.cashable = "Choose whether the benefit is cashable";
  const amounts: Record<"baseline" | "forecast" | "realised", number | null> = {
    baseline: null,
    forecast: null,
    realised: null,
  };
  for (const key of ["baseline", "forecast", "realised"] as const) {
    const text = draft[key].trim();
    if (!text) continue;
    if (cashable) {
      const pence = parsePounds(text);
      if (pence === null) errors[`${key}Pence`] = `Enter ${WORDS[key]} in pounds, like 3,000 or 3000.50`;
      amounts[key] = pence;
    } else {
      const value = Number(text.replaceAll(",", ""));
      if (!Number.isFinite(value)) errors[`${key}Value`] = `Enter ${WORDS[key]} as a number, like 95 or 12.5`;
      amounts[key] = Number.isFinite(value) ? value : null;
    }
  }
  const dates: Record<"baselineOn" | "forecastOn" | "realisedOn", string | null> = {
    baselineOn: null,
    forecastOn: null,
    realisedOn: null,
  };
  const dateWords = {
    baselineOn: "the baseline date",
    forecastOn: "the forecast date",
    realisedOn: "the date it was realised",
  };
  for (const key of ["baselineOn", "forecastOn", "realisedOn"] as const) {
    const parts = draft[key];
    if (!parts.day.trim() && !parts.month.trim() && !parts.year.trim()) continue;
    const read = isoDateFrom(parts, dateWords[key]);
    if (read.error) errors[key] = read.error;
    else dates[key] = read.date ?? null;
  }
  return {
    input: {
      houseModuleId: draft.houseModuleId || null,
      areaId: draft.areaId,
      title: draft.title.trim(),
      description: draft.description.trim(),
      cashable,
      cashCategory: cashable && draft.cashCategory ? draft.cashCategory : null,
      method: draft.method.trim(),
      unit: cashable ? "" : draft.unit.trim(),
      baselinePence: cashable ? amounts.baseline : null,
      forecastPence: cashable ? amounts.forecast : null,
      realisedPence: cashable ? amounts.realised : null,
      baselineValue: cashable ? null : amounts.baseline,
      forecastValue: cashable ? null : amounts.forecast,
      realisedValue: cashable ? null : amounts.realised,
      ...dates,
    },
    errors,
  };
}

const CATEGORY_HINTS: Record<CashCategory, string> = {
  stock: "First-order (working capital): less stock held",
  consumables: "First-order (working capital): fewer consumables bought",
  revenue_spend: "Second-order: less spent on running costs, such as agency staff or mileage",
  income: "Second-order: more income earned",
  assets: "Second-order: fewer assets needed, such as vehicles, rooms or equipment",
};

/** A text input for pounds with a £ prefix (nhsuk input wrapper). */
function PoundsInput(props: {
  id: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  value: string;
  onChange: (value: string) => void;
}) {
  const { id, label, hint, error, value, onChange } = props;
  return (
    <FormGroup id={id} label={label} hint={hint} error={error}>
      <div className="nhsuk-input-wrapper">
        <div className="nhsuk-input__prefix" aria-hidden="true">
          £
        </div>
        <input
          className={`nhsuk-input nhsuk-input--width-10${error ? " nhsuk-input--error" : ""}`}
          id={id}
          name={id}
          type="text"
          inputMode="decimal"
          spellCheck={false}
          value={value}
          aria-describedby={describedBy(id, hint, error)}
          onChange={(event) => onChange(event.target.value)}
        />
      </div>
    </FormGroup>
  );
}

/** The benefit form: team, module, area, title, description, cashable or not (with what each needs), and dates. */
export function BenefitForm({
  choices,
  draft,
  onChange,
  errors,
  onSubmit,
  busy,
  submitLabel,
  teamLocked = false,
  children,
}: {
  choices: Pick<BenefitList, "teams" | "areas" | "modules">;
  draft: BenefitDraft;
  onChange: (patch: Partial<BenefitDraft>) => void;
  errors: FieldErrors;
  onSubmit: (event: FormEvent) => void;
  busy: boolean;
  submitLabel: string;
  teamLocked?: boolean;
  children?: ReactNode;
}) {
  const teams = choices.teams.filter((t) => t.canRecord || t.id === draft.teamId);
  const cashFields = (
    <>
      <Radios
        name="cashCategory"
        legend="What does it save or earn?"
        legendSize="s"
        hint="First-order benefits release working capital; second-order benefits reduce running costs, earn income or free assets"
        error={errors.cashCategory}
        value={draft.cashCategory}
        onChange={(value) => onChange({ cashCategory: CASH_CATEGORIES.find((c) => c === value) ?? "" })}
        options={CASH_CATEGORIES.map((c) => ({
          value: c,
          label: CASH_CATEGORY_LABELS[c],
          hint: CATEGORY_HINTS[c],
        }))}
      />
      <Textarea
        id="method"
        label="Method of calculation"
        hint="How the figures were worked out and from what records, so the finance lead can check them"
        error={errors.method}
        value={draft.method}
        onChange={(method) => onChange({ method })}
      />
      <PoundsInput
        id="baselinePence"
        label="Baseline (optional)"
        hint="The cost before the change, like 4,200"
        error={errors.baselinePence}
        value={draft.baseline}
        onChange={(baseline) => onChange({ baseline })}
      />
      <PoundsInput
        id="forecastPence"
        label="Forecast saving (optional)"
        hint="What you expect to save or earn"
        error={errors.forecastPence}
        value={draft.forecast}
        onChange={(forecast) => onChange({ forecast })}
      />
      <PoundsInput
        id="realisedPence"
        label="Realised saving (optional)"
        hint="What has been saved or earned so far. It counts once a finance lead signs it off"
        error={errors.realisedPence}
        value={draft.realised}
        onChange={(realised) => onChange({ realised })}
      />
    </>
  );
  const valueFields = (
    <>
      <TextInput
        id="unit"
        label="Unit"
        hint="What the values count, like minutes per week or % of visits"
        error={errors.unit}
        value={draft.unit}
        onChange={(unit) => onChange({ unit })}
        width={20}
      />
      <Textarea
        id="method"
        label="How it was measured (optional)"
        error={errors.method}
        value={draft.method}
        onChange={(method) => onChange({ method })}
      />
      {(["baseline", "forecast", "realised"] as const).map((key) => (
        <TextInput
          key={key}
          id={`${key}Value`}
          label={`${{ baseline: "Baseline", forecast: "Forecast", realised: "Realised" }[key]} (optional)`}
          error={errors[`${key}Value`]}
          value={draft[key]}
          onChange={(value) => onChange({ [key]: value })}
          width={10}
          inputMode="text"
        />
      ))}
    </>
  );
  return (
    <form onSubmit={onSubmit} noValidate>
      {teamLocked ? null : (
        <Select
          id="teamId"
          label="Team"
          error={errors.teamId}
          value={draft.teamId}
          onChange={(teamId) => onChange({ teamId })}
          options={[
            { value: "", label: "Choose a team" },
            ...teams.map((t) => ({ value: t.id, label: t.name })),
          ]}
        />
      )}
      <Select
        id="houseModuleId"
        label="Module (optional)"
        hint="The module of the house that brought the benefit"
        error={errors.houseModuleId}
        value={draft.houseModuleId}
        onChange={(houseModuleId) => onChange({ houseModuleId })}
        options={[
          { value: "", label: "Not linked to a module" },
          ...choices.modules.map((m) => ({ value: m.id, label: m.title })),
        ]}
      />
      <Radios
        name="areaId"
        legend="Benefit area"
        legendSize="s"
        error={errors.areaId}
        value={draft.areaId}
        onChange={(areaId) => onChange({ areaId })}
        options={choices.areas.map((a) => ({ value: a.id, label: a.label }))}
      />
      <TextInput
        id="title"
        label="Title"
        hint="Like 'Stock reduction at the team base'"
        error={errors.title}
        value={draft.title}
        onChange={(title) => onChange({ title })}
      />
      <Textarea
        id="description"
        label="Description (optional)"
        hint="What changed and why it is a benefit"
        error={errors.description}
        value={draft.description}
        onChange={(description) => onChange({ description })}
      />
      <Radios
        name="cashable"
        legend="Is it cashable?"
        legendSize="s"
        hint="Cashable benefits release money. A finance lead of the organisation signs them off"
        error={errors.cashable}
        value={draft.cashable}
        onChange={(value) => onChange({ cashable: value === "yes" ? "yes" : "no" })}
        options={[
          { value: "yes", label: "Yes, it saves or earns money", conditional: cashFields },
          { value: "no", label: "No, it is measured another way", conditional: valueFields },
        ]}
      />
      <DateInput
        id="baselineOn"
        legend="Baseline date (optional)"
        hint="When the baseline was measured, for example 2 3 2026"
        error={errors.baselineOn}
        value={draft.baselineOn}
        onChange={(baselineOn) => onChange({ baselineOn })}
      />
      <DateInput
        id="forecastOn"
        legend="Forecast date"
        hint="When you expect the forecast benefit. Needed when you give a forecast"
        error={errors.forecastOn}
        value={draft.forecastOn}
        onChange={(forecastOn) => onChange({ forecastOn })}
      />
      <DateInput
        id="realisedOn"
        legend="Date realised"
        hint="When the benefit was realised: today or earlier. Needed when you give a realised value"
        error={errors.realisedOn}
        value={draft.realisedOn}
        onChange={(realisedOn) => onChange({ realisedOn })}
      />
      {children}
      <Button busy={busy}>{submitLabel}</Button>
    </form>
  );
}
