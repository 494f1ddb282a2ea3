import { COMMENT_BODY_MAX } from "../../../shared/discussions.js";

/** Zero-width characters used to dodge filters or pad spam: U+200B–U+200D, U+2060 word joiner, U+FEFF. */
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;
/** Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) that can disguise text. */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/** What checking a body found: the normalised body, or the message to show beside the field. */
export type CheckedBody = { ok: true; body: string } | { ok: false; message: string };

/**
 * Normalises a comment as typed: Unicode NFC (so "é" typed two ways is one string), no zero-width characters or
 * bidirectional controls, Windows line endings as \n, and no leading or trailing blank space.
 */
export function normaliseCommentBody(raw: string): string {
  return raw
    .normalize("NFC")
    .replace(ZERO_WIDTH, "")
    .replace(BIDI_CONTROLS, "")
    .replace(/\r\n?/g, "\n")
    .trim();
}

/** Normalises and checks a comment body: not empty, at most COMMENT_BODY_MAX characters. */
export function checkCommentBody(raw: string): CheckedBody {
  const body = normaliseCommentBody(raw);
  if (body.length === 0) return { ok: false, message: "Write a comment" };
  if (body.length > COMMENT_BODY_MAX) {
    return {
      ok: false,
      message: `Your comment must be ${COMMENT_BODY_MAX.toLocaleString("en-GB")} characters or fewer (it has ${body.length.toLocaleString("en-GB")})`,
    };
  }
  return { ok: true, body };
}
