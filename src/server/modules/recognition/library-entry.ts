/**
 * What the public library publishes from a recognised submission, worked out purely so it can be unit-tested: the
 * frozen case study with every trace of the team removed (team lists, who created or changed what, and any team
 * member's name or email written into the text), the names of the members who agreed to be named, and the text the
 * full-text search reads.
 */

import { formatCalendarDate } from "../../../shared/dates.js";

/** Keys whose values describe people on the team; dropped from the published content wherever they appear. */
const PERSONAL_KEYS = new Set([
  "teamMembers",
  "teamNames",
  "members",
  "authors",
  "createdBy",
  "updatedBy",
  "submittedBy",
  "recordedBy",
  "consentBy",
  "libraryConsentBy",
  "email",
  "userId",
]);

/** Longest search text kept for one entry (the GIN index works on it). */
const SEARCH_TEXT_MAX = 200_000;

/** What a team member looks like to the publishing rules. */
export interface PublishingMember {
  givenName: string;
  familyName: string;
  email: string;
  nameInLibrary: boolean;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Replaces each team member's full name and email in a string with neutral words. */
function redact(text: string, patterns: RegExp[]): string {
  let out = text;
  for (const pattern of patterns) out = out.replace(pattern, "a team member");
  return out;
}

/** A deep copy of `value` without personal keys, with team members' names and emails replaced. */
export function stripTeam(value: unknown, members: PublishingMember[]): unknown {
  const patterns = members.flatMap((m) => {
    const full = `${m.givenName} ${m.familyName}`.trim();
    return [
      ...(full.length >= 3 ? [new RegExp(escapeRegExp(full).replace(/\s+/g, "\\s+"), "gi")] : []),
      ...(m.email ? [new RegExp(escapeRegExp(m.email), "gi")] : []),
    ];
  });
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return redact(v, patterns);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === "object") {
      const out: Record<string, unknown> = {};
      for (const [key, inner] of Object.entries(v)) {
        if (PERSONAL_KEYS.has(key)) continue;
        // The document's team list stays an (empty) list, so the content still reads as a CaseStudyDocument.
        if (key === "team" && Array.isArray(inner)) {
          out[key] = [];
          continue;
        }
        out[key] = walk(inner);
      }
      return out;
    }
    return v;
  };
  return walk(value);
}

/** Every string inside a value, in order. */
function strings(value: unknown, into: string[] = []): string[] {
  if (typeof value === "string") into.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, into);
  else if (value !== null && typeof value === "object")
    for (const v of Object.values(value)) strings(v, into);
  return into;
}

/** The names of members who agreed to be named, as "Given Family", in team order. */
export function consentingAuthors(members: PublishingMember[]): string[] {
  return members.filter((m) => m.nameInLibrary).map((m) => `${m.givenName} ${m.familyName}`.trim());
}

/** The search text: the title and the write-up's sections (or, failing those, the content's words). */
export function searchTextOf(title: string, content: unknown): string {
  const sections =
    content !== null && typeof content === "object" && "sections" in content
      ? (content as { sections: unknown }).sections
      : content;
  return [title, ...strings(sections)].join("\n").slice(0, SEARCH_TEXT_MAX);
}

/** The aim statement as one sentence, the library's summary. */
export function aimSummary(aim: { what: string; howMuch: string; byWhen: string | null }): string {
  const parts = [
    aim.what.trim(),
    aim.howMuch.trim(),
    aim.byWhen ? `by ${formatCalendarDate(aim.byWhen)}` : "",
  ].filter(Boolean);
  return parts.join(" ").trim();
}
