import {
  EmailOnlySchema,
  normaliseEsrNumber,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
} from "../../../../shared/accounts";

/** The same ESR message the server uses, saying how to fix it. */
export const ESR_MESSAGE = "Enter your ESR assignment number as 11 digits, like 12345678901";

/** Error for an email field, or undefined when it looks right; the server checks again. */
export function emailError(value: string, emptyMessage = "Enter your email address"): string | undefined {
  if (!value.trim()) return emptyMessage;
  const result = EmailOnlySchema.shape.email.safeParse(value);
  return result.success ? undefined : (result.error.issues[0]?.message ?? emptyMessage);
}

/** Error for a new password: length only, as NCSC advises (the server also refuses common passwords). */
export function newPasswordError(value: string, emptyMessage = "Enter a password"): string | undefined {
  if (!value) return emptyMessage;
  if (value.length < PASSWORD_MIN_LENGTH)
    return `Your password must be at least ${PASSWORD_MIN_LENGTH} characters`;
  if (value.length > PASSWORD_MAX_LENGTH)
    return `Your password must be ${PASSWORD_MAX_LENGTH} characters or fewer`;
  return undefined;
}

/** Error for an optional ESR assignment number: spaces and hyphens are allowed, then 11 digits. */
export function esrError(value: string): string | undefined {
  const digits = normaliseEsrNumber(value);
  if (digits === "") return undefined;
  return /^\d{11}$/.test(digits) ? undefined : ESR_MESSAGE;
}

/** Hint for choosing a password. */
export const NEW_PASSWORD_HINT = `Use at least ${PASSWORD_MIN_LENGTH} characters. A good way to make a strong password you can remember is to use three random words.`;

/** Hint for the ESR assignment number field. */
export const ESR_HINT = "11 digits, on your payslip. You can include the space or hyphen.";
