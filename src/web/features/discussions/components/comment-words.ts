import type { ReportReason } from "../../../../shared/runs";

/** Report reasons in words a person recognises. */
export const REPORT_REASON_LABELS: Record<ReportReason, { label: string; hint?: string }> = {
  abusive: { label: "Abusive, offensive or discriminatory" },
  spam: { label: "Spam or advertising" },
  personal_information: {
    label: "Shares personal information",
    hint: "For example, details that could identify a patient or a colleague",
  },
  off_topic: { label: "Off topic" },
  other: { label: "Something else" },
};

/** "3 comments", "1 comment". */
export function commentCountWords(count: number): string {
  return `${count.toLocaleString("en-GB")} ${count === 1 ? "comment" : "comments"}`;
}

/** "2 likes", "1 like". */
export function likeWords(count: number): string {
  return `${count.toLocaleString("en-GB")} ${count === 1 ? "like" : "likes"}`;
}

/** Where the community guidelines are. */
export const GUIDELINES_PATH = "/community-guidelines";
