import { createHash } from "node:crypto";
import { fileTypeFromBuffer } from "file-type";
import {
  formatBytes,
  type StoredFile,
  UPLOAD_LIMIT_BYTES,
  UPLOAD_TYPES,
  type UploadCategory,
  type UploadType,
  uploadTypeFor,
} from "../../../shared/authoring.js";
import { type RequestContext, recordAudit } from "../../platform/audit.js";
import type { Actor } from "../../platform/auth.js";
import type { Db, Tx } from "../../platform/db.js";
import { type AppError, notFound, payloadTooLarge, validationFailed } from "../../platform/errors.js";
import { assertCanUploadFiles } from "./files.policy.js";
import * as repo from "./files.repository.js";

/** The largest upload of any kind: the multipart parser stops reading beyond this. */
export const MAX_UPLOAD_BYTES = Math.max(...Object.values(UPLOAD_LIMIT_BYTES));

const CATEGORY_NAMES: Record<UploadCategory, string> = {
  image: "Images",
  document: "Documents",
  video: "Videos",
};

/** The sentence listing what may be uploaded, for refusals. */
const ALLOWED_SENTENCE =
  "Upload a PDF, Word, Excel or PowerPoint document, a PNG, JPEG, GIF or WebP image, an MP4 or WebM video, or a text or CSV file.";

/** A file's name as we keep it: no folders, no control characters, at most 200 characters. */
export function cleanFilename(raw: string): string {
  const base = raw.split(/[/\\]/).pop() ?? "";
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is removed.
  const cleaned = base.replace(/[\u0000-\u001f\u007f"]/g, "").trim();
  if (cleaned.length <= 200) return cleaned;
  const dot = cleaned.lastIndexOf(".");
  const extension = dot > 0 ? cleaned.slice(dot) : "";
  return cleaned.slice(0, 200 - extension.length) + extension;
}

/** What an uploaded file claims to be, checked before its bytes are read: its type by name, or a refusal. */
export function declaredType(filename: string): UploadType {
  if (!filename)
    throw validationFailed("Choose a file to upload.", [
      { field: "file", message: "Choose a file to upload" },
    ]);
  const type = uploadTypeFor(filename);
  if (!type) {
    const message = `${ALLOWED_SENTENCE} "${filename}" is not one of these.`;
    throw validationFailed(message, [{ field: "file", message }]);
  }
  return type;
}

/** The 413 for a file over its kind's limit; `sizeBytes` null when the parser stopped counting. */
export function tooLarge(type: UploadType, sizeBytes: number | null): AppError {
  const limit = formatBytes(UPLOAD_LIMIT_BYTES[type.category]);
  const size = sizeBytes === null ? `larger than ${formatBytes(MAX_UPLOAD_BYTES)}` : formatBytes(sizeBytes);
  return payloadTooLarge(
    `The file is ${size}. ${CATEGORY_NAMES[type.category]} must be ${limit} or smaller. Make the file smaller and try again.`,
  );
}

function mismatch(type: UploadType, filename: string, detail: string): AppError {
  const dot = filename.lastIndexOf(".");
  const extension = filename.slice(dot).toLowerCase();
  const message = `The file's contents are not ${type.name}, even though its name ends ${extension}${detail}. Check you chose the right file, or save it again as ${type.name} and upload that.`;
  return validationFailed(message, [{ field: "file", message }]);
}

/** True when the bytes are UTF-8 text with no NUL characters (what a text or CSV file must be). */
function isPlainText(bytes: Buffer): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Checks the bytes are what the name says; text and CSV have no magic bytes, so they must be UTF-8 text. */
export async function assertContentsMatch(type: UploadType, filename: string, bytes: Buffer): Promise<void> {
  const detected = await fileTypeFromBuffer(bytes);
  const isText = type.contentType.startsWith("text/");
  if (isText) {
    if (detected) {
      throw mismatch(type, filename, `: they look like ${describeDetected(detected.ext, detected.mime)}`);
    }
    if (!isPlainText(bytes)) throw mismatch(type, filename, ": it is not plain text saved as UTF-8");
    return;
  }
  if (!detected) throw mismatch(type, filename, "");
  const matches = type.extensions.includes(detected.ext) || detected.mime === type.contentType;
  if (!matches) {
    throw mismatch(type, filename, `: they look like ${describeDetected(detected.ext, detected.mime)}`);
  }
}

function describeDetected(ext: string, mime: string): string {
  const known = UPLOAD_TYPES.find((t) => t.extensions.includes(ext) || t.contentType === mime);
  return known ? known.name : `a .${ext} file`;
}

/** The public details of a stored file, with the address that serves it. */
export function toStoredFile(meta: repo.FileMeta): StoredFile {
  return {
    id: meta.id,
    filename: meta.filename,
    contentType: meta.contentType,
    sizeBytes: meta.sizeBytes,
    sha256: meta.sha256,
    url: `/api/files/${meta.id}`,
    createdAt: meta.createdAt.toISOString(),
  };
}

/** An upload as the route read it: the file's name, its bytes, and how many bytes it really had. */
export interface Upload {
  filename: string;
  type: UploadType;
  bytes: Buffer;
}

/**
 * Stores an uploaded file once its contents match its name and it is within its kind's limit (the route has already
 * stopped reading anything over it). Audited: a content editor added material learners will see.
 */
export async function storeUpload(
  db: Db,
  actor: Actor,
  upload: Upload,
  context: RequestContext,
): Promise<StoredFile> {
  assertCanUploadFiles(actor);
  const { filename, type, bytes } = upload;
  if (bytes.length === 0) {
    const message = `"${filename}" is empty. Choose a file with something in it.`;
    throw validationFailed(message, [{ field: "file", message }]);
  }
  if (bytes.length > UPLOAD_LIMIT_BYTES[type.category]) throw tooLarge(type, bytes.length);
  await assertContentsMatch(type, filename, bytes);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  return db.transaction(async (tx) => {
    const meta = await repo.insertFile(tx, {
      filename,
      contentType: type.contentType,
      sizeBytes: bytes.length,
      sha256,
      content: bytes,
      uploadedBy: actor.userId,
    });
    await recordAudit(tx, context, {
      actorUserId: actor.userId,
      action: "files.uploaded",
      subjectType: "stored_file",
      subjectId: meta.id,
      details: { filename, contentType: type.contentType, sizeBytes: bytes.length, sha256 },
    });
    return toStoredFile(meta);
  });
}

/** Any signed-in person may read a course file (docs/decisions/0008); the route has checked they are signed in. */
export async function getFileMeta(db: Db, _actor: Actor, id: string): Promise<repo.FileMeta> {
  const meta = await repo.getMeta(db, id);
  if (!meta) throw notFound("The file");
  return meta;
}

/** A file's bytes: all of them, or `length` from `start`. */
export async function readFileBytes(db: Db, id: string, range?: { start: number; length: number }) {
  const bytes = range
    ? await repo.readRange(db, id, range.start, range.length)
    : await repo.readContent(db, id);
  if (!bytes) throw notFound("The file");
  return bytes;
}

/** Details of stored files by id, for other domains (authoring checks the files its steps name). */
export async function describeFiles(tx: Tx, ids: readonly string[]): Promise<Map<string, StoredFile>> {
  const metas = await repo.getMetas(tx, ids);
  return new Map(metas.map((m) => [m.id, toStoredFile(m)]));
}
