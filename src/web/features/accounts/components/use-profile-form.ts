import { useState } from "react";
import { useNavigate } from "react-router";
import { flash } from "../../../lib/flash";
import { apiFieldErrors, type FieldErrors, type SummaryError, summaryErrors } from "../../../lib/form-errors";
import { type ProfileUpdateBody, useUpdateProfile } from "../api/update-profile";

/**
 * Shared by the /account/* change pages: shows client or server errors against `fields`, and after a
 * successful PATCH goes back to My account with a banner saying what changed.
 */
export function useProfileForm(fields: readonly string[], successHeading: string) {
  const navigate = useNavigate();
  const update = useUpdateProfile();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [summary, setSummary] = useState<SummaryError[]>([]);

  /** Shows client-side errors; true when there were none. */
  const check = (fieldErrors: FieldErrors): boolean => {
    setErrors(fieldErrors);
    setSummary(summaryErrors(fields, fieldErrors));
    return Object.keys(fieldErrors).length === 0;
  };

  const save = (body: ProfileUpdateBody) => {
    if (update.isPending) return;
    update.mutate(body, {
      onSuccess: () => navigate("/account", { state: flash(successHeading) }),
      onError: (error) => {
        const fieldErrors = apiFieldErrors(error, fields);
        setErrors(fieldErrors);
        setSummary(summaryErrors(fields, fieldErrors, error));
      },
    });
  };

  return { errors, summary, check, save, busy: update.isPending };
}
