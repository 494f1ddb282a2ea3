import { CASH_CATEGORY_LABELS, type CashCategory } from "../../../shared/implementation.js";
import type { BenefitDecision } from "../../../shared/implementation-benefits.js";
import { composeMail, type MailMessage } from "../../platform/mailer.js";

/** Sent to each finance lead of the organisation when a cashable benefit waits for their sign-off. */
export function awaitingSignOffMessage(
  to: string,
  details: {
    benefitTitle: string;
    teamName: string;
    category: CashCategory | null;
    byName: string;
    reason: "recorded" | "changed" | "answered";
    url: string;
  },
): MailMessage {
  const what = details.category ? ` (${CASH_CATEGORY_LABELS[details.category].toLowerCase()})` : "";
  const opening = {
    recorded: `${details.byName} recorded a cashable benefit${what} for ${details.teamName}: "${details.benefitTitle}".`,
    changed: `${details.byName} changed the figures of "${details.benefitTitle}" (${details.teamName}), so it needs signing off again.`,
    answered: `${details.byName} answered your query about "${details.benefitTitle}" (${details.teamName}).`,
  }[details.reason];
  return composeMail(
    to,
    `A benefit is waiting for your sign-off: ${details.benefitTitle}`,
    [
      "Hello,",
      opening,
      "As a finance lead of the organisation, check the method of calculation, the figures and the evidence, then sign the benefit off, query it or reject it. Only signed-off values count as realised.",
    ],
    { url: details.url, label: "Review the benefit" },
  );
}

const DECISION_WORDS: Record<BenefitDecision, { subject: string; said: string; next: string }> = {
  signed_off: {
    subject: "signed off",
    said: "signed off",
    next: "Its realised value now counts in the organisation's benefits totals.",
  },
  queried: {
    subject: "queried",
    said: "has a question about",
    next: "Answer the query on the benefit's page, changing the figures if you need to, and it goes back for sign-off.",
  },
  rejected: {
    subject: "rejected",
    said: "rejected",
    next: "Its values do not count as realised. If you can correct it, change the benefit and it goes back for sign-off.",
  },
};

/** Sent to the person who recorded a benefit when a finance lead signs it off, queries it or rejects it. */
export function decisionMessage(
  to: string,
  details: { benefitTitle: string; decision: BenefitDecision; comment: string; byName: string; url: string },
): MailMessage {
  const words = DECISION_WORDS[details.decision];
  return composeMail(
    to,
    `Your benefit was ${words.subject}: ${details.benefitTitle}`,
    [
      "Hello,",
      `${details.byName}, a finance lead, ${words.said} your benefit "${details.benefitTitle}".`,
      ...(details.comment ? [`Their comment:\n${details.comment}`] : []),
      words.next,
    ],
    { url: details.url, label: "View the benefit" },
  );
}
