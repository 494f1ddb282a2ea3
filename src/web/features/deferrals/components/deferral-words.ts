import type { DEFERRAL_STATUSES } from "../../../../shared/learning";

type Status = (typeof DEFERRAL_STATUSES)[number];

/** How each request status is shown, with its tag colour (always with the words, never colour alone). */
export const DEFERRAL_STATUS_TAGS: Record<Status, { text: string; modifier: "orange" | "green" | "red" }> = {
  pending: { text: "Waiting for a decision", modifier: "orange" },
  approved: { text: "Approved", modifier: "green" },
  declined: { text: "Declined", modifier: "red" },
};

/** The queue's tabs. */
export const DEFERRAL_QUEUE_LABELS: Record<Status, string> = {
  pending: "Waiting for a decision",
  approved: "Approved",
  declined: "Declined",
};
