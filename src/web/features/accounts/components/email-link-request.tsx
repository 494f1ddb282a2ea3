import type { UseMutationResult } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { ConfirmationPanel } from "../../../components/panel";
import { QuestionPage } from "../../../components/question-page";
import { TextInput } from "../../../components/text-input";
import { usePageTitle } from "../../../lib/page-title";
import { useFormErrors } from "../../../lib/use-form-errors";
import { emailError } from "./validation";

const FIELDS = ["email"] as const;

interface EmailLinkRequestProps {
  /** The mutation that asks the server to email the link; it answers the same whether or not the account exists. */
  request: UseMutationResult<{ message: string }, Error, string>;
  title: string;
  intro: ReactNode;
  hint?: string;
  submitLabel: string;
  /** What the "Check your email" page says, given the address and the server's answer. */
  sent: (email: string, message: string) => ReactNode;
}

function Sent({ children }: { children: ReactNode }) {
  usePageTitle("Check your email");
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ConfirmationPanel title="Check your email" />
        {children}
      </div>
    </div>
  );
}

/** A one-question page asking for an email address to send a link to, then a "Check your email" page. */
export function EmailLinkRequest({ request, title, intro, hint, submitLabel, sent }: EmailLinkRequestProps) {
  const [email, setEmail] = useState("");
  const { errors, summary, showFieldErrors, showFailure } = useFormErrors(FIELDS);

  if (request.isSuccess) return <Sent>{sent(email.trim(), request.data.message)}</Sent>;

  const submit = () => {
    const message = emailError(email);
    if (message) {
      showFieldErrors({ email: message });
      return;
    }
    request.mutate(email.trim(), { onError: showFailure });
  };

  return (
    <QuestionPage
      title={title}
      backTo="/sign-in"
      errors={summary}
      onSubmit={submit}
      submitLabel={submitLabel}
      busy={request.isPending}
    >
      <h1>{title}</h1>
      {intro}
      <TextInput
        id="email"
        label="Email address"
        hint={hint}
        type="email"
        autoComplete="email"
        spellCheck={false}
        value={email}
        onChange={setEmail}
        error={errors.email}
      />
    </QuestionPage>
  );
}
