import { useState } from "react";
import type { Me } from "../../../../shared/accounts";
import { ProfileUpdateSchema } from "../../../../shared/accounts";
import { LoadingPage } from "../../../components/page-state";
import { QuestionPage } from "../../../components/question-page";
import { TextInput } from "../../../components/text-input";
import { validateFields } from "../../../lib/form-errors";
import { useMe } from "../../../lib/use-me";
import { useProfileForm } from "../components/use-profile-form";

const FIELDS = ["givenName", "familyName"] as const;
const { givenName: GivenName, familyName: FamilyName } = ProfileUpdateSchema.shape;

function NameForm({ me }: { me: Me }) {
  const [givenName, setGivenName] = useState(me.givenName);
  const [familyName, setFamilyName] = useState(me.familyName);
  const form = useProfileForm(FIELDS, "Your name has been changed");

  const submit = () => {
    const fieldErrors = validateFields({
      givenName: [GivenName.unwrap(), givenName],
      familyName: [FamilyName.unwrap(), familyName],
    });
    if (!form.showFieldErrors(fieldErrors))
      form.save({ givenName: givenName.trim(), familyName: familyName.trim() });
  };

  return (
    <QuestionPage
      title="Change your name"
      backTo="/account"
      errors={form.summary}
      onSubmit={submit}
      submitLabel="Save name"
      busy={form.busy}
    >
      <h1>Change your name</h1>
      <p>This does not change the name on your certificates. You can check that separately.</p>
      <TextInput
        id="givenName"
        label="Given name"
        autoComplete="given-name"
        spellCheck={false}
        value={givenName}
        onChange={setGivenName}
        error={form.errors.givenName}
      />
      <TextInput
        id="familyName"
        label="Family name"
        autoComplete="family-name"
        spellCheck={false}
        value={familyName}
        onChange={setFamilyName}
        error={form.errors.familyName}
      />
    </QuestionPage>
  );
}

/** /account/name: given and family name. */
export function AccountNamePage() {
  const { data: me } = useMe();
  return me ? <NameForm me={me} /> : <LoadingPage title="Change your name" />;
}
