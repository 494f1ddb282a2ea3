import yauzl, { type Entry, type ZipFile } from "yauzl";
import { formatBytes } from "../../../shared/authoring.js";

/**
 * Reads an uploaded package zip from a temporary file with yauzl, refusing what could harm the server or other
 * packages: paths outside the package (zip slip: "..", absolute paths, drive letters, symlinks), more than the
 * unzipped limit, and entries that expand suspiciously (zip bombs). Sizes are checked from the central directory
 * before anything is inflated, and yauzl checks each entry really inflates to the size it declared.
 */

/** A zip the platform refuses; the message names the entry and says what to do. */
export class PackageZipError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PackageZipError";
  }
}

/** Limits for one package. */
export interface ZipLimits {
  /** Largest total of the files once unzipped. */
  unzippedLimitBytes: number;
  /** Largest uncompressed ÷ compressed size for an entry over `ratioCheckFromBytes`. */
  maxCompressionRatio: number;
  /** Entries smaller than this are not ratio-checked (a small, repetitive file compresses very well). */
  ratioCheckFromBytes: number;
  /** Most entries a package may have. */
  maxEntries: number;
}

/** A file from the package, by its path inside it. */
export interface PackageEntry {
  path: string;
  content: Buffer;
}

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

function open(filePath: string): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(
      filePath,
      { lazyEntries: true, autoClose: true, validateEntrySizes: true, strictFileNames: false },
      (error, zip) => (error ? reject(error) : resolve(zip)),
    );
  });
}

function readEntry(zip: ZipFile, entry: Entry): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error) return reject(error);
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("error", reject);
      stream.on("end", () => resolve(Buffer.concat(chunks)));
    });
  });
}

/** Turns yauzl's messages into sentences an editor can act on. */
function explain(error: unknown): PackageZipError {
  const message = error instanceof Error ? error.message : String(error);
  const name = message.replace(/^[^:]*:\s*/, "");
  if (/invalid relative path|absolute path|invalid characters in fileName/.test(message)) {
    return new PackageZipError(
      `The zip contains "${name}", a path that points outside the package. Packages may only contain files inside their own folder; export the package again.`,
    );
  }
  if (/end of central directory|not a zip|invalid signature|central directory/i.test(message)) {
    return new PackageZipError(
      "The file is not a zip file. Upload the SCORM package as the .zip your authoring tool exported.",
    );
  }
  if (/too many length|invalid stored block|incorrect header|invalid|unexpected end|stream/i.test(message)) {
    return new PackageZipError(
      `The zip file is damaged (${message}). Export the package again and upload the new zip.`,
    );
  }
  return new PackageZipError(`The zip file could not be read (${message}). Export the package again.`);
}

/** Checks one entry's name and sizes; throws PackageZipError naming it. */
function checkEntry(entry: Entry, limits: ZipLimits): void {
  const name = entry.fileName;
  const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
  if (mode === S_IFLNK) {
    throw new PackageZipError(
      `The zip contains "${name}", a symbolic link. Packages may only contain ordinary files; export the package again without links.`,
    );
  }
  // yauzl refuses "..", absolute paths and backslashes already; these cover what it lets through.
  if (name.split("/").some((s) => s === "..") || name.startsWith("/") || /^[a-z]:/i.test(name)) {
    throw new PackageZipError(
      `The zip contains "${name}", a path that points outside the package. Packages may only contain files inside their own folder; export the package again.`,
    );
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters in names are what is refused.
  if (/[\u0000-\u001f]/.test(name)) {
    throw new PackageZipError(`The zip contains a file whose name has control characters: "${name}".`);
  }
  if (
    entry.uncompressedSize >= limits.ratioCheckFromBytes &&
    entry.uncompressedSize > entry.compressedSize * limits.maxCompressionRatio
  ) {
    throw new PackageZipError(
      `"${name}" expands from ${formatBytes(entry.compressedSize)} to ${formatBytes(entry.uncompressedSize)}, more than ${limits.maxCompressionRatio} times: the zip looks like a zip bomb, so it was not unpacked.`,
    );
  }
}

/** Unzips every file of the package at `filePath` within the limits; directories are skipped. */
export async function readPackageZip(filePath: string, limits: ZipLimits): Promise<PackageEntry[]> {
  let zip: ZipFile;
  try {
    zip = await open(filePath);
  } catch (error) {
    throw explain(error);
  }
  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    throw new PackageZipError(
      `The zip has ${zip.entryCount.toLocaleString("en-GB")} entries; a package may have ${limits.maxEntries.toLocaleString("en-GB")} at most.`,
    );
  }
  const entries: PackageEntry[] = [];
  const seen = new Set<string>();
  let total = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      const fail = (error: unknown) => {
        zip.close();
        reject(error);
      };
      zip.on("error", (error) => fail(explain(error)));
      zip.on("end", () => resolve());
      zip.on("entry", (entry: Entry) => {
        try {
          checkEntry(entry, limits);
        } catch (error) {
          return fail(error);
        }
        if (entry.fileName.endsWith("/") || entry.fileName.startsWith("__MACOSX/")) {
          zip.readEntry();
          return;
        }
        total += entry.uncompressedSize;
        if (total > limits.unzippedLimitBytes) {
          return fail(
            new PackageZipError(
              `The package is larger than ${formatBytes(limits.unzippedLimitBytes)} once unzipped (it passed that at "${entry.fileName}"). Make the package smaller, for example by compressing its videos, and upload it again.`,
            ),
          );
        }
        if (seen.has(entry.fileName)) {
          return fail(
            new PackageZipError(`The zip contains "${entry.fileName}" twice. Export the package again.`),
          );
        }
        seen.add(entry.fileName);
        readEntry(zip, entry).then(
          (content) => {
            entries.push({ path: entry.fileName, content });
            zip.readEntry();
          },
          (error: unknown) => fail(explain(error)),
        );
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
  return entries;
}
