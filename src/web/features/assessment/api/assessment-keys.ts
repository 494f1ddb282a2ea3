/** TanStack Query keys for the assessment feature, so mutations can refresh exactly what they change. */
export const assessmentKeys = {
  all: ["assessment"] as const,
  queue: ["assessment", "queue"] as const,
  submission: (id: string) => ["assessment", "submission", id] as const,
  verificationQueue: ["assessment", "verification-queue"] as const,
  verification: (id: string) => ["assessment", "verification", id] as const,
  allocation: ["assessment", "allocation"] as const,
  assessors: (submissionId: string) => ["assessment", "assessors", submissionId] as const,
  settings: ["assessment", "settings"] as const,
};

/** A submission's id as it goes into an API path. */
export const submissionPath = (id: string) => `/api/assessment/submissions/${encodeURIComponent(id)}`;
/** The same submission on the verification side. */
export const verificationPath = (id: string) => `/api/verification/submissions/${encodeURIComponent(id)}`;
