import { createHash } from "node:crypto";
import mime from "mime-types";
import { formatBytes } from "../../../shared/authoring.js";
import {
  SCORM_UNZIPPED_LIMIT_BYTES,
  SCORM_UPLOAD_LIMIT_BYTES,
  type ScormImport,
  type ScormImportStage,
  type ScormItem,
  type ScormPackage,
  type ScormVersion,
} from "../../../shared/scorm.js";
import { type RequestContext, recordAudit } from "../../platform/audit.js";
import type { Actor } from "../../platform/auth.js";
import type { Db, Tx } from "../../platform/db.js";
import { AppError, conflict, notFound } from "../../platform/errors.js";
import { ManifestError, missingFileWarnings, type ParsedManifest, parseManifest } from "./manifest.js";
import { assertCanManagePackages, canManagePackages } from "./packages.policy.js";
import * as repo from "./packages.repository.js";
import { type PackageEntry, PackageZipError, readPackageZip, type ZipLimits } from "./zip.js";

/** Limits on one upload; tests pass smaller ones. */
export interface ImportLimits extends ZipLimits {
  /** Largest zip as uploaded. */
  uploadLimitBytes: number;
}

/** The limits the app runs with. */
export const DEFAULT_IMPORT_LIMITS: ImportLimits = Object.freeze({
  uploadLimitBytes: SCORM_UPLOAD_LIMIT_BYTES,
  unzippedLimitBytes: SCORM_UNZIPPED_LIMIT_BYTES,
  maxCompressionRatio: 100,
  ratioCheckFromBytes: 1024 * 1024,
  maxEntries: 20_000,
});

/** An upload the route has written to a temporary file. */
export interface PackageUpload {
  /** The temporary file holding the zip. */
  filePath: string;
  /** The name the browser gave the file. */
  filename: string;
  /** A package id: store this upload as the next version of that package's lineage. */
  replaces?: string;
  /** A UUID the page made up to poll the import's stages. */
  importId?: string;
}

/** 422 for a package the platform cannot import; the message names the file or element. */
export function invalidPackage(message: string): AppError {
  return new AppError(422, "invalid_package", message, [{ field: "file", message }]);
}

/** 413 for an upload over the limit. */
export function packageTooLarge(limitBytes: number): AppError {
  return new AppError(
    413,
    "payload_too_large",
    `The package is larger than ${formatBytes(limitBytes)}. Make it smaller, for example by compressing its videos, and upload it again.`,
    [{ field: "file", message: `The package must be ${formatBytes(limitBytes)} or smaller` }],
  );
}

/** The path part of an href (no query or fragment). */
function pathOf(href: string): string {
  return href.replace(/[?#].*$/, "");
}

/** Refuses launch files outside the package or on another site: the run-time API is found only on this origin. */
function checkLaunchHrefs(manifest: ParsedManifest): void {
  for (const item of manifest.items) {
    if (!item.launchHref) continue;
    if (/^[a-z][a-z0-9+.-]*:/i.test(item.launchHref) || item.launchHref.startsWith("//")) {
      throw invalidPackage(
        `Item "${item.identifier}" launches "${item.launchHref}", an address on another site. The platform can only run launch files inside the package.`,
      );
    }
    const path = pathOf(item.launchHref);
    if (path.startsWith("/") || path.split("/").includes("..")) {
      throw invalidPackage(
        `Item "${item.identifier}" launches "${item.launchHref}", which is outside the package. Launch files must be inside the zip.`,
      );
    }
  }
}

/** Refuses a package whose items launch files the zip does not hold: learners would open an error page. */
function checkLaunchFilesPresent(manifest: ParsedManifest, present: ReadonlySet<string>): void {
  for (const item of manifest.items) {
    if (!item.launchHref) continue;
    const path = pathOf(item.launchHref);
    let decoded = path;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      // A stray % in the name: only the name as written can match.
    }
    if (!present.has(path) && !present.has(decoded)) {
      throw invalidPackage(
        `Item "${item.identifier}" launches "${path}", which is not in the zip. Add the file, or correct the href in imsmanifest.xml, and upload the package again.`,
      );
    }
  }
}

/** Finds imsmanifest.xml at the package root, or says where it is instead. */
function findManifest(entries: readonly PackageEntry[]): PackageEntry {
  const root = entries.find((e) => e.path === "imsmanifest.xml");
  if (root) return root;
  const nested = entries.find((e) => /(^|\/)imsmanifest\.xml$/i.test(e.path));
  if (nested) {
    const folder = nested.path.slice(0, nested.path.lastIndexOf("/") + 1);
    throw invalidPackage(
      folder
        ? `imsmanifest.xml is in the folder "${folder}", not at the top of the zip. Zip the contents of "${folder}" rather than the folder itself, and upload that.`
        : `The manifest is named "${nested.path}"; SCORM requires "imsmanifest.xml" in lower case. Rename it and upload the package again.`,
    );
  }
  throw invalidPackage(
    "The zip has no imsmanifest.xml at its top level, so it is not a SCORM package. Export the course from your authoring tool as SCORM 1.2 or SCORM 2004.",
  );
}

function decodeUtf8(bytes: Buffer): string {
  const text = bytes.toString("utf8");
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The API shape of a stored package: items carry the SCO ids the run-time uses. */
export function toScormPackage(row: repo.PackageRow, scos: readonly repo.ScoRow[]): ScormPackage {
  const scoIds = new Map(scos.map((s) => [s.identifier, s.id]));
  const items: ScormItem[] = row.items.map((item) => ({
    ...item,
    id: item.kind === "sco" ? (scoIds.get(item.identifier) ?? null) : null,
  }));
  return {
    id: row.id,
    lineageId: row.lineageId,
    version: row.version,
    scormVersion: row.scormVersion as ScormVersion, // checked by scorm_packages_scorm_version_known
    title: row.title,
    organisationTitle: row.organisationTitle,
    scos: items,
    launchFiles: [...new Set(items.flatMap((i) => (i.launchHref ? [pathOf(i.launchHref)] : [])))],
    warnings: row.warnings,
    fileCount: row.fileCount,
    sizeBytes: row.sizeBytes,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Follows an import's stages in their own statements, so a page polling from any instance sees them at once. */
function tracker(db: Db, importId: string | undefined) {
  return {
    async stage(stage: ScormImportStage): Promise<void> {
      if (importId) await repo.addImportStage(db, importId, stage);
    },
    async fail(message: string): Promise<void> {
      if (importId) await repo.failImport(db, importId, message);
    },
  };
}

/**
 * Imports an uploaded package: unzips it within the limits, reads the manifest, checks the files against it, and
 * stores the package, its files and SCOs in one transaction (nothing is stored when any step fails). With
 * `replaces` it becomes the next version of that package's lineage; the earlier versions stay, so attempts made on
 * them stay readable. Audited.
 */
export async function importPackage(
  db: Db,
  actor: Actor,
  upload: PackageUpload,
  context: RequestContext,
  limits: ImportLimits = DEFAULT_IMPORT_LIMITS,
): Promise<ScormPackage> {
  assertCanManagePackages(actor);
  if (upload.importId && !(await repo.createImport(db, upload.importId, actor.userId))) {
    throw new AppError(
      409,
      "conflict",
      "This upload's import id has been used already. Reload the page and upload the package again.",
    );
  }
  const progress = tracker(db, upload.importId);
  try {
    await progress.stage("received");
    let lineage: { lineageId: string | undefined } = { lineageId: undefined };
    if (upload.replaces) {
      const previous = await repo.getPackage(db, upload.replaces);
      if (!previous) {
        const message = "The package this upload replaces could not be found. Reload the page and try again.";
        throw new AppError(422, "invalid_package", message, [{ field: "replaces", message }]);
      }
      lineage = { lineageId: previous.lineageId };
    }

    let entries: PackageEntry[];
    try {
      entries = await readPackageZip(upload.filePath, limits);
    } catch (error) {
      if (error instanceof PackageZipError) throw invalidPackage(error.message);
      throw error;
    }
    await progress.stage("unzipped");

    const manifestEntry = findManifest(entries);
    let manifest: ParsedManifest;
    try {
      manifest = parseManifest(decodeUtf8(manifestEntry.content));
    } catch (error) {
      if (error instanceof ManifestError) throw invalidPackage(error.message);
      throw error;
    }
    await progress.stage("manifest_read");

    checkLaunchHrefs(manifest);
    const present = new Set(entries.map((e) => e.path));
    checkLaunchFilesPresent(manifest, present);
    const warnings = [...manifest.warnings, ...missingFileWarnings(manifest.listedFiles, present)];
    await progress.stage("files_checked");

    const sizeBytes = entries.reduce((sum, e) => sum + e.content.length, 0);
    const stored = await db.transaction(async (tx) => {
      const lineageId = lineage.lineageId;
      const version = lineageId ? (await repo.latestVersion(tx, lineageId)) + 1 : 1;
      const row = await repo.insertPackage(tx, {
        ...(lineageId ? { lineageId } : { lineageId: crypto.randomUUID() }),
        version,
        scormVersion: manifest.scormVersion,
        title: manifest.title,
        organisationTitle: manifest.organisationTitle,
        items: manifest.items.map((i) => ({
          id: null,
          identifier: i.identifier,
          title: i.title,
          depth: i.depth,
          kind: i.kind,
          launchHref: i.launchHref,
          masteryScore: i.masteryScore,
          completionThreshold: i.completionThreshold,
          isVisible: i.isVisible,
        })),
        rawManifest: manifest.raw,
        warnings,
        fileCount: entries.length,
        sizeBytes,
        uploadedBy: actor.userId,
      });
      await repo.insertFiles(
        tx,
        entries.map((e) => ({
          packageId: row.id,
          path: e.path,
          contentType:
            mime.contentType(mime.lookup(e.path) || "application/octet-stream") || "application/octet-stream",
          sizeBytes: e.content.length,
          sha256: createHash("sha256").update(e.content).digest("hex"),
          content: e.content,
        })),
      );
      const scos = await repo.insertScos(
        tx,
        manifest.items
          .filter((i) => i.kind === "sco" && i.launchHref)
          .map((i, position) => ({
            packageId: row.id,
            identifier: i.identifier,
            position,
            title: i.title,
            launchHref: i.launchHref ?? "",
            masteryScore: i.masteryScore,
            completionThreshold: i.completionThreshold,
            scaledPassingScore: i.scaledPassingScore,
            launchData: i.launchData,
            maxTimeAllowed: i.maxTimeAllowed,
            timeLimitAction: i.timeLimitAction,
            isVisible: i.isVisible,
          })),
      );
      if (upload.importId) await repo.finishImport(tx, upload.importId, row.id);
      await recordAudit(tx, context, {
        actorUserId: actor.userId,
        action: "scorm.package_imported",
        subjectType: "scorm_package",
        subjectId: row.id,
        details: {
          filename: upload.filename,
          lineageId: row.lineageId,
          version,
          replaces: upload.replaces ?? null,
          scormVersion: manifest.scormVersion,
          fileCount: entries.length,
          sizeBytes,
          warnings: warnings.length,
        },
      });
      return toScormPackage(row, scos);
    });
    return stored;
  } catch (error) {
    if (isUniqueViolation(error)) {
      const wrapped = conflict(
        "Another new version of this package was uploaded at the same moment. Reload the page to see it, then upload yours again if it is still needed.",
      );
      await progress.fail(wrapped.message);
      throw wrapped;
    }
    await progress.fail(error instanceof AppError ? error.message : "The package could not be stored.");
    throw error;
  }
}

function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}

/** A package for its editors. */
export async function getPackage(db: Db, actor: Actor, packageId: string): Promise<ScormPackage> {
  assertCanManagePackages(actor);
  const found = await repo.getPackageWithScos(db, packageId);
  if (!found) throw notFound("The SCORM package");
  return toScormPackage(found.package, found.scos);
}

/** A package for another domain (authoring shows the package a step runs); null when there is none. */
export async function describePackage(tx: Tx, packageId: string): Promise<ScormPackage | null> {
  const found = await repo.getPackageWithScos(tx, packageId);
  return found ? toScormPackage(found.package, found.scos) : null;
}

/** An import's progress, for the person who started it (anyone else is told it does not exist). */
export async function getImport(db: Db, actor: Actor, importId: string): Promise<ScormImport> {
  assertCanManagePackages(actor);
  const row = await repo.getImport(db, importId);
  if (!row || row.userId !== actor.userId) throw notFound("The import");
  return {
    id: row.id,
    stages: row.stages.filter((s): s is ScormImportStage => isStage(s)),
    packageId: row.packageId,
    error: row.error,
  };
}

function isStage(value: string): value is ScormImportStage {
  return ["received", "unzipped", "manifest_read", "files_checked", "stored"].includes(value);
}

/** A file of a package, with what the content route needs to answer. */
export interface ContentFile {
  contentType: string;
  sizeBytes: number;
  sha256: string;
}

/**
 * A package file's details for someone opening the content: editors and administrators any package; learners a
 * package a step of their course runs, or one they hold an attempt on. 404 for a file not in the package.
 */
export async function getContentFile(
  db: Db,
  actor: Actor,
  packageId: string,
  path: string,
): Promise<ContentFile> {
  if (!canManagePackages(actor) && !(await repo.learnerCanReadPackage(db, actor.userId, packageId))) {
    throw new AppError(
      403,
      "forbidden",
      "You can open this content only from a course you are enrolled on. Go to My learning and open the step there.",
    );
  }
  const meta = await repo.getFileMeta(db, packageId, path);
  if (!meta) throw notFound(`The file "${path}" in this package`);
  return meta;
}

/** A package file's bytes, or a range of them (the caller has checked access with getContentFile). */
export async function readContentFile(
  db: Db,
  packageId: string,
  path: string,
  range?: { start: number; length: number },
): Promise<Buffer> {
  const bytes = await repo.getFileContent(db, packageId, path, range);
  if (!bytes) throw notFound(`The file "${path}" in this package`);
  return bytes;
}

/** Whether a package exists, for other domains (authoring checks the package a step is given). */
export async function packageExists(tx: Tx, packageId: string): Promise<boolean> {
  return (await repo.getPackage(tx, packageId)) !== undefined;
}
