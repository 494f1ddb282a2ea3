import type { ApplicationStatus, NomineeStatus } from "../../../../shared/learner-admin";

type TagColour = "orange" | "green" | "red" | "grey" | "blue";

/** How each application status is shown: words always, with a tag colour. */
export const APPLICATION_STATUS_TAGS: Record<ApplicationStatus, { text: string; modifier: TagColour }> = {
  awaiting_nominees: { text: "Waiting for nominees", modifier: "blue" },
  awaiting_decision: { text: "Waiting for a decision", modifier: "orange" },
  approved: { text: "Approved", modifier: "green" },
  rejected: { text: "Rejected", modifier: "red" },
  declined_by_nominee: { text: "Declined by a nominee", modifier: "red" },
  withdrawn: { text: "Withdrawn", modifier: "grey" },
};

/** How each nominee's answer is shown. */
export const NOMINEE_STATUS_TAGS: Record<NomineeStatus, { text: string; modifier: TagColour }> = {
  pending: { text: "Not answered yet", modifier: "grey" },
  confirmed: { text: "Confirmed", modifier: "green" },
  declined: { text: "Declined", modifier: "red" },
};
