import { useState } from "react";
import type { Me } from "../../../../shared/accounts";
import { ProfileUpdateSchema } from "../../../../shared/accounts";
import { Checkbox } from "../../../components/checkbox";
import { InsetText } from "../../../components/nhs";
import { LoadingPage } from "../../../components/page-state";
import { QuestionPage } from "../../../components/question-page";
import { TextInput } from "../../../components/text-input";
import { type FieldErrors, validateFields } from "../../../lib/form-errors";
import { useMe } from "../../../lib/use-me";
import { useProfileForm } from "../components/use-profile-form";

const FIELDS = ["certificateName", "certificateNameConfirmed"] as const;

function CertificateNameForm({ me }: { me: Me }) {
  const [certificateName, setCertificateName] = useState(me.certificateName);
  const [confirmed, setConfirmed] = useState(false);
  const form = useProfileForm(FIELDS, "The name on your certificates has been saved");

  const submit = () => {
    const errors: FieldErrors = validateFields({
      certificateName: [ProfileUpdateSchema.shape.certificateName.unwrap(), certificateName],
    });
    if (!confirmed)
      errors.certificateNameConfirmed = "Confirm this is the name you want on your certificates";
    if (!form.showFieldErrors(errors))
      form.save({ certificateName: certificateName.trim(), certificateNameConfirmed: true });
  };

  return (
    <QuestionPage
      title="Check the name on your certificates"
      backTo="/account"
      errors={form.summary}
      onSubmit={submit}
      submitLabel="Save and confirm"
      busy={form.busy}
    >
      <h1>Check the name on your certificates</h1>
      <p>
        This is the name that will be printed on any certificate you earn. Check the spelling, accents and the
        order of your names.
      </p>
      <InsetText>
        <p>
          Certificates cannot be changed once they are issued, so check this before you start an accredited
          course.
        </p>
      </InsetText>
      <TextInput
        id="certificateName"
        label="Name on your certificates"
        hint="Your full name as you want it to appear, like Siân O’Brien"
        autoComplete="name"
        spellCheck={false}
        value={certificateName}
        onChange={setCertificateName}
        error={form.errors.certificateName}
      />
      <Checkbox
        id="certificateNameConfirmed"
        label="I confirm this is the name I want on my certificates"
        checked={confirmed}
        onChange={setConfirmed}
        error={form.errors.certificateNameConfirmed}
      />
    </QuestionPage>
  );
}

/** /account/certificate-name: check and confirm the name for certificates. */
export function AccountCertificateNamePage() {
  const { data: me } = useMe();
  return me ? <CertificateNameForm me={me} /> : <LoadingPage title="Check the name on your certificates" />;
}
