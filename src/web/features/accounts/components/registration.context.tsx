import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import type { Sector } from "../../../../shared/accounts";
import { SECTORS } from "../../../../shared/accounts";
import { emptyOrganisationChoice, type OrganisationChoice } from "../../../components/organisation-picker";
import type { FieldErrors } from "../../../lib/form-errors";

/** Answers to the registration questions that are safe to keep in sessionStorage (no password). */
export interface RegistrationAnswers {
  givenName: string;
  familyName: string;
  email: string;
  sector: Sector | "";
  organisation: OrganisationChoice;
  jobRole: string;
  esrNumber: string;
}

const emptyAnswers: RegistrationAnswers = {
  givenName: "",
  familyName: "",
  email: "",
  sector: "",
  organisation: emptyOrganisationChoice,
  jobRole: "",
  esrNumber: "",
};

/** The question pages in order; each is /register/<step>. */
export const REGISTRATION_STEPS = [
  "name",
  "email",
  "sector",
  "organisation",
  "job-role",
  "esr",
  "password",
] as const;
/** One question page. */
export type RegistrationStep = (typeof REGISTRATION_STEPS)[number];

/** Which question page asks for each API field, so server errors can send people to the right place. */
export const STEP_FOR_FIELD: Record<string, RegistrationStep> = {
  givenName: "name",
  familyName: "name",
  email: "email",
  sector: "sector",
  organisationId: "organisation",
  organisationName: "organisation",
  jobRole: "job-role",
  esrNumber: "esr",
  password: "password",
};

/** Independent learners and students need not name an organisation. */
export function organisationRequired(sector: Sector | ""): boolean {
  return sector !== "independent" && sector !== "student";
}

const STORAGE_KEY = "qi-academy.registration";

function readStored(): RegistrationAnswers {
  try {
    const raw = window.sessionStorage.getItem(STORAGE_KEY);
    if (!raw) return emptyAnswers;
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== "object" || parsed === null) return emptyAnswers;
    const stored: Partial<Record<keyof RegistrationAnswers, unknown>> = parsed;
    const text = (value: unknown) => (typeof value === "string" ? value : "");
    const sector = SECTORS.find((s) => s === stored.sector) ?? "";
    const org: Partial<Record<keyof OrganisationChoice, unknown>> =
      typeof stored.organisation === "object" && stored.organisation !== null ? stored.organisation : {};
    return {
      givenName: text(stored.givenName),
      familyName: text(stored.familyName),
      email: text(stored.email),
      sector,
      organisation: {
        search: text(org.search),
        organisationId: typeof org.organisationId === "string" ? org.organisationId : null,
        organisationLabel: typeof org.organisationLabel === "string" ? org.organisationLabel : null,
        notListed: org.notListed === true,
        organisationName: text(org.organisationName),
      },
      jobRole: text(stored.jobRole),
      esrNumber: text(stored.esrNumber),
    };
  } catch {
    // Storage can be unavailable (private browsing, quota): start afresh rather than fail.
    return emptyAnswers;
  }
}

interface RegistrationContextValue {
  answers: RegistrationAnswers;
  update: (changes: Partial<RegistrationAnswers>) => void;
  /** Kept in memory only, never in sessionStorage. */
  password: string;
  setPassword: (password: string) => void;
  /** Errors the server returned for fields, shown on the question that asks for them. */
  serverErrors: FieldErrors;
  setServerErrors: (errors: FieldErrors) => void;
  clearServerErrors: (fields: string[]) => void;
  reset: () => void;
}

const RegistrationContext = createContext<RegistrationContextValue | null>(null);

/** Holds registration answers across the question pages; answers survive a refresh, the password does not. */
export function RegistrationProvider({ children }: { children: ReactNode }) {
  const [answers, setAnswers] = useState<RegistrationAnswers>(readStored);
  const [password, setPassword] = useState("");
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});

  useEffect(() => {
    try {
      window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(answers));
    } catch {
      // Not being able to save only means a refresh loses the answers.
    }
  }, [answers]);

  const update = useCallback((changes: Partial<RegistrationAnswers>) => {
    setAnswers((current) => ({ ...current, ...changes }));
  }, []);

  const clearServerErrors = useCallback((fields: string[]) => {
    setServerErrors((current) => {
      const next = { ...current };
      for (const field of fields) delete next[field];
      return next;
    });
  }, []);

  const reset = useCallback(() => {
    setAnswers(emptyAnswers);
    setPassword("");
    setServerErrors({});
    try {
      window.sessionStorage.removeItem(STORAGE_KEY);
    } catch {
      // Nothing to clean up if storage is unavailable.
    }
  }, []);

  const value = useMemo(
    () => ({
      answers,
      update,
      password,
      setPassword,
      serverErrors,
      setServerErrors,
      clearServerErrors,
      reset,
    }),
    [answers, update, password, serverErrors, clearServerErrors, reset],
  );
  return <RegistrationContext.Provider value={value}>{children}</RegistrationContext.Provider>;
}

/** The registration answers and their setters; only inside RegistrationProvider. */
export function useRegistration(): RegistrationContextValue {
  const value = useContext(RegistrationContext);
  if (!value) throw new Error("useRegistration must be used inside RegistrationProvider");
  return value;
}
