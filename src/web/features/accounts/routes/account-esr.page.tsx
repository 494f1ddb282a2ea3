import { useState } from "react";
import type { Me } from "../../../../shared/accounts";
import { LoadingPage } from "../../../components/page-state";
import { QuestionPage } from "../../../components/question-page";
import { TextInput } from "../../../components/text-input";
import { useMe } from "../../../lib/use-me";
import { formatEsr } from "../components/account-labels";
import { useProfileForm } from "../components/use-profile-form";
import { ESR_HINT, esrError } from "../components/validation";

const FIELDS = ["esrNumber"] as const;

function EsrForm({ me }: { me: Me }) {
  const [esrNumber, setEsrNumber] = useState(me.esrNumber ? formatEsr(me.esrNumber) : "");
  const form = useProfileForm(FIELDS, "Your ESR assignment number has been changed");

  const submit = () => {
    const message = esrError(esrNumber);
    if (form.showFieldErrors(message ? { esrNumber: message } : {})) return;
    const value = esrNumber.trim();
    form.save({ esrNumber: value || null });
  };

  return (
    <QuestionPage
      title="What is your ESR assignment number?"
      backTo="/account"
      errors={form.summary}
      onSubmit={submit}
      submitLabel="Save ESR number"
      busy={form.busy}
    >
      <TextInput
        id="esrNumber"
        label="What is your ESR assignment number?"
        isPageHeading
        hint={`${ESR_HINT} Leave it blank to remove it.`}
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        width={20}
        value={esrNumber}
        onChange={setEsrNumber}
        error={form.errors.esrNumber}
      />
    </QuestionPage>
  );
}

/** /account/esr: add, change or remove the ESR assignment number. */
export function AccountEsrPage() {
  const { data: me } = useMe();
  return me ? <EsrForm me={me} /> : <LoadingPage title="What is your ESR assignment number?" />;
}
