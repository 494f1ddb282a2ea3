import { type FormEvent, type ReactNode, useState } from "react";
import {
  type AuthoringProgramme,
  PROGRAMME_KIND_LABELS,
  type ProgrammeInput,
  ProgrammeInputSchema,
} from "../../../../shared/authoring";
import { PROGRAMME_KINDS } from "../../../../shared/catalogue";
import { Button } from "../../../components/button";
import { ErrorSummary } from "../../../components/error-summary";
import { Radios } from "../../../components/radios";
import { TextInput } from "../../../components/text-input";
import { Textarea } from "../../../components/textarea";
import { validateFields } from "../../../lib/form-errors";
import { type FormErrors, useFormErrors } from "../../../lib/use-form-errors";

const FIELDS = ["title", "summary", "kind"] as const;

interface ProgrammeFormProps {
  initial: AuthoringProgramme | null;
  submitLabel: string;
  busy: boolean;
  /** Renders above the form, below the error summary (the page's heading). */
  heading: ReactNode;
  onSubmit: (input: ProgrammeInput, errors: FormErrors) => void;
  /** Reports whether the form is showing errors, for the page title. */
  onErrors?: (hasErrors: boolean) => void;
}

/** A programme's title, summary and kind. */
export function ProgrammeForm({
  initial,
  submitLabel,
  busy,
  heading,
  onSubmit,
  onErrors,
}: ProgrammeFormProps) {
  const [title, setTitle] = useState(initial?.title ?? "");
  const [summary, setSummary] = useState(initial?.summary ?? "");
  const [kind, setKind] = useState<string>(initial?.kind ?? "");
  const formErrors = useFormErrors(FIELDS);
  const { errors, summary: summaryErrors, showFieldErrors } = formErrors;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = validateFields({
      title: [ProgrammeInputSchema.shape.title, title],
      summary: [ProgrammeInputSchema.shape.summary, summary],
      kind: [ProgrammeInputSchema.shape.kind, kind],
    });
    const failed = showFieldErrors(found);
    onErrors?.(failed);
    if (failed || busy) return;
    const parsed = ProgrammeInputSchema.safeParse({ title, summary, kind });
    if (!parsed.success) return;
    onSubmit(parsed.data, {
      ...formErrors,
      showFailure: (error) => {
        onErrors?.(true);
        formErrors.showFailure(error);
      },
    });
  };
  return (
    <>
      <ErrorSummary errors={summaryErrors} />
      {heading}
      <form noValidate onSubmit={submit}>
        <TextInput
          id="title"
          label="Programme title"
          value={title}
          onChange={setTitle}
          error={errors.title}
        />
        <Textarea
          id="summary"
          label="Summary"
          hint="What the programme is, in a sentence or two, for the catalogue"
          value={summary}
          onChange={setSummary}
          error={errors.summary}
          rows={3}
        />
        <Radios
          name="kind"
          legend="Kind of programme"
          small
          options={PROGRAMME_KINDS.map((k) => ({ value: k, label: PROGRAMME_KIND_LABELS[k] }))}
          value={kind}
          onChange={setKind}
          error={errors.kind}
        />
        <Button busy={busy}>{submitLabel}</Button>
      </form>
    </>
  );
}
