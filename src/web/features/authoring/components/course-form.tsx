import { type FormEvent, type ReactNode, useState } from "react";
import {
  type AuthoringProgramme,
  type CourseInput,
  CourseInputSchema,
  parsePounds,
  penceToPoundsText,
} from "../../../../shared/authoring";
import { ACCESS_MONTHS, LEVEL_LABELS, LEVELS, type Level } from "../../../../shared/catalogue";
import { Button } from "../../../components/button";
import { Checkbox } from "../../../components/checkbox";
import { ErrorSummary } from "../../../components/error-summary";
import { Radios } from "../../../components/radios";
import { Select } from "../../../components/select";
import { TextInput } from "../../../components/text-input";
import { Textarea } from "../../../components/textarea";
import { type FieldErrors, validateFields } from "../../../lib/form-errors";
import { usePageTitle } from "../../../lib/page-title";
import { type FormErrors, useFormErrors } from "../../../lib/use-form-errors";

/** The form's fields in page order; each is also its input's id and the API's field name. */
const FIELDS = [
  "programmeId",
  "title",
  "level",
  "summary",
  "whoFor",
  "outcomes",
  "prerequisites",
  "listPriceExVatPence",
  "priceIsIndicative",
  "cpdPoints",
] as const;

interface CourseFormProps {
  /** The page title and h1. */
  title: string;
  /** Shown above the h1 (a caption) or below it (guidance). */
  caption?: string;
  intro?: ReactNode;
  initial: CourseInput | null;
  programmes: readonly AuthoringProgramme[];
  /** Why the level cannot change, when learners are enrolled. */
  levelLocked?: string | null;
  submitLabel: string;
  busy: boolean;
  onSubmit: (input: CourseInput, errors: FormErrors) => void;
}

/** A level's name, for a level the form holds as text. */
function levelLabel(value: string): string {
  const level = LEVELS.find((l) => l === value);
  return level ? LEVEL_LABELS[level] : value;
}

/** Access months as the level hint says them. */
function accessHint(level: Level): string {
  return `${ACCESS_MONTHS[level]} months' access`;
}

/** A course's details: programme, title, level, who it is for, outcomes, price and CPD points. */
export function CourseForm({
  title,
  caption,
  intro,
  initial,
  programmes,
  levelLocked,
  submitLabel,
  busy,
  onSubmit,
}: CourseFormProps) {
  const [programmeId, setProgrammeId] = useState(initial?.programmeId ?? "");
  const [courseTitle, setCourseTitle] = useState(initial?.title ?? "");
  const [level, setLevel] = useState<string>(initial?.level ?? "");
  const [summary, setSummary] = useState(initial?.summary ?? "");
  const [whoFor, setWhoFor] = useState(initial?.whoFor ?? "");
  const [outcomes, setOutcomes] = useState(initial?.outcomes.join("\n") ?? "");
  const [prerequisites, setPrerequisites] = useState(initial?.prerequisites ?? "");
  const [price, setPrice] = useState(initial ? penceToPoundsText(initial.listPriceExVatPence) : "");
  const [indicative, setIndicative] = useState(initial?.priceIsIndicative ?? false);
  const [cpd, setCpd] = useState(initial ? String(initial.cpdPoints) : "");
  const formErrors = useFormErrors(FIELDS);
  const { errors, summary: summaryErrors, showFieldErrors } = formErrors;
  usePageTitle(title, summaryErrors.length > 0);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const outcomeList = outcomes
      .split("\n")
      .map((line) => line.replace(/^\s*[-*•]\s*/, "").trim())
      .filter(Boolean);
    const pence = parsePounds(price);
    const points = /^\s*\d+\s*$/.test(cpd) ? Number(cpd) : Number.NaN;
    const shape = CourseInputSchema.shape;
    const fieldErrors: FieldErrors = validateFields({
      programmeId: [shape.programmeId, programmeId],
      title: [shape.title, courseTitle],
      level: [shape.level, level],
      summary: [shape.summary, summary],
      whoFor: [shape.whoFor, whoFor],
      outcomes: [shape.outcomes, outcomeList],
      prerequisites: [shape.prerequisites, prerequisites],
      cpdPoints: [shape.cpdPoints, points],
    });
    if (outcomeList.length === 0)
      fieldErrors.outcomes = "List at least one thing learners will be able to do";
    if (pence === null) fieldErrors.listPriceExVatPence = "Enter the price in pounds, like 595 or 12.50";
    else {
      const checked = shape.listPriceExVatPence.safeParse(pence);
      if (!checked.success)
        fieldErrors.listPriceExVatPence = checked.error.issues[0]?.message ?? "Check the price";
    }
    if (showFieldErrors(fieldErrors) || busy) return;
    const parsed = CourseInputSchema.safeParse({
      programmeId,
      title: courseTitle,
      level,
      summary,
      whoFor,
      outcomes: outcomeList,
      prerequisites,
      listPriceExVatPence: pence,
      priceIsIndicative: indicative,
      cpdPoints: points,
    });
    if (!parsed.success) {
      showFieldErrors({ title: parsed.error.issues[0]?.message ?? "Check the course's details" });
      return;
    }
    onSubmit(parsed.data, formErrors);
  };

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary errors={summaryErrors} />
        {caption ? <span className="nhsuk-caption-l">{caption}</span> : null}
        <h1>{title}</h1>
        {intro}
        <form noValidate onSubmit={submit}>
          <Select
            id="programmeId"
            label="Programme"
            hint="The catalogue lists the course under this programme"
            options={[
              { value: "", label: "Choose a programme" },
              ...programmes.map((p) => ({ value: p.id, label: p.title })),
            ]}
            value={programmeId}
            onChange={setProgrammeId}
            error={errors.programmeId}
          />
          <TextInput
            id="title"
            label="Course title"
            value={courseTitle}
            onChange={setCourseTitle}
            error={errors.title}
          />
          {levelLocked ? (
            <>
              <h2 className="nhsuk-heading-s nhsuk-u-margin-bottom-2">Level</h2>
              <p>
                {levelLabel(level)}. {levelLocked}
              </p>
            </>
          ) : (
            <Radios
              name="level"
              legend="Level"
              hint="The level sets how long learners have access and how the course is accredited"
              small
              options={LEVELS.map((l) => ({ value: l, label: LEVEL_LABELS[l], hint: accessHint(l) }))}
              value={level}
              onChange={setLevel}
              error={errors.level}
            />
          )}
          <Textarea
            id="summary"
            label="Summary"
            hint="One or two sentences for the catalogue, up to 1,000 characters"
            value={summary}
            onChange={setSummary}
            error={errors.summary}
            rows={3}
          />
          <Textarea
            id="whoFor"
            label="Who the course is for"
            value={whoFor}
            onChange={setWhoFor}
            error={errors.whoFor}
            rows={3}
          />
          <Textarea
            id="outcomes"
            label="What learners will be able to do"
            hint="Put each outcome on its own line, up to 20"
            value={outcomes}
            onChange={setOutcomes}
            error={errors.outcomes}
            rows={5}
          />
          <Textarea
            id="prerequisites"
            label="Before they start (optional)"
            hint="Anything learners should have done or know first"
            value={prerequisites}
            onChange={setPrerequisites}
            error={errors.prerequisites}
            rows={3}
          />
          <TextInput
            id="listPriceExVatPence"
            label="Price, excluding VAT"
            hint="In pounds, like 595 or 12.50. Enter 0 for a free course. VAT is added at 20%."
            value={price}
            onChange={setPrice}
            error={errors.listPriceExVatPence}
            width={10}
            inputMode="text"
          />
          <Checkbox
            id="priceIsIndicative"
            label="This price is indicative"
            hint="Learners are told the price may change until an administrator confirms it"
            checked={indicative}
            onChange={setIndicative}
            error={errors.priceIsIndicative}
          />
          <TextInput
            id="cpdPoints"
            label="CPD points"
            hint="Enter 0 if the course earns none"
            value={cpd}
            onChange={setCpd}
            error={errors.cpdPoints}
            width={3}
            inputMode="numeric"
          />
          <Button busy={busy}>{submitLabel}</Button>
        </form>
      </div>
    </div>
  );
}
