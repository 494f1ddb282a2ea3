import { useNavigate } from "react-router";
import { flash } from "../../../lib/flash";
import { useFormErrors } from "../../../lib/use-form-errors";
import { type ProfileUpdateBody, useUpdateProfile } from "../api/update-profile";

/**
 * Shared by the /account/* change pages: the form's errors against `fields`, and `save`, which PATCHes
 * the profile and then goes back to My account with a banner saying what changed.
 */
export function useProfileForm(fields: readonly string[], successHeading: string) {
  const navigate = useNavigate();
  const update = useUpdateProfile();
  const form = useFormErrors(fields);

  const save = (body: ProfileUpdateBody) => {
    if (update.isPending) return;
    update.mutate(body, {
      onSuccess: () => navigate("/account", { state: flash(successHeading) }),
      onError: form.showFailure,
    });
  };

  return { ...form, save, busy: update.isPending };
}
