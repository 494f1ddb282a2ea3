import { fileTypeFromBuffer } from "file-type";
import { formatBytes } from "../../../shared/authoring.js";
import {
  EVIDENCE_FILE_MAX_BYTES,
  type EvidenceFileType,
  evidenceFileTypeFor,
} from "../../../shared/portfolios.js";
import { AppError, payloadTooLarge } from "../../platform/errors.js";

/** What a learner may upload, as refusals say it. */
const ALLOWED_SENTENCE =
  "You can upload a PDF, a Word, Excel or PowerPoint file, or a PNG, JPEG, GIF or WebP image.";

/** Names that say a file is a program or script, refused whatever the bytes. */
const EXECUTABLE_EXTENSIONS = new Set([
  "exe",
  "dll",
  "com",
  "scr",
  "msi",
  "bat",
  "cmd",
  "ps1",
  "vbs",
  "vbe",
  "js",
  "jse",
  "wsf",
  "hta",
  "sh",
  "bash",
  "py",
  "pl",
  "rb",
  "jar",
  "app",
  "dmg",
  "apk",
  "elf",
  "bin",
  "run",
  "lnk",
]);

/** Office formats that carry macros. */
const MACRO_EXTENSIONS = new Set([
  "docm",
  "dotm",
  "xlsm",
  "xltm",
  "xlam",
  "pptm",
  "potm",
  "ppsm",
  "ppam",
  "sldm",
]);

/** What file-type names programs as. */
const EXECUTABLE_DETECTIONS = new Set([
  "exe",
  "elf",
  "macho",
  "wasm",
  "class",
  "dex",
  "apk",
  "deb",
  "rpm",
  "msi",
]);

/** The 422 refusing an uploaded file, naming it. */
function refused(message: string): AppError {
  return new AppError(422, "file_not_accepted", message, [{ field: "file", message }]);
}

/** The 413 for a file over 20 MB; `sizeBytes` null when the parser stopped counting. */
export function evidenceFileTooLarge(filename: string, sizeBytes: number | null): AppError {
  const size = sizeBytes === null ? "larger than 20 MB" : formatBytes(sizeBytes);
  const name = filename ? `"${filename}"` : "The file";
  return payloadTooLarge(
    `${name} is ${size}. Evidence files must be ${formatBytes(EVIDENCE_FILE_MAX_BYTES)} or smaller. Make the file smaller (for example, save a PDF with smaller images) and try again.`,
  );
}

function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf(".");
  return dot < 0 ? "" : filename.slice(dot + 1).toLowerCase();
}

/** True when the bytes hold this text in UTF-16LE, as names inside an Office 97–2003 (compound) file are kept. */
function holdsUtf16(bytes: Buffer, text: string): boolean {
  return bytes.includes(Buffer.from(text, "utf16le"));
}

/** The streams an Office 97–2003 file of each kind must have. */
const COMPOUND_STREAMS: Record<string, readonly string[]> = {
  doc: ["WordDocument"],
  xls: ["Workbook", "Book"],
  ppt: ["PowerPoint Document"],
};

/**
 * Checks an evidence file by its name and its bytes before anything is stored, and returns its type. Refuses (422,
 * naming the file): names that are not an accepted type, programs and scripts, macro-enabled Office files (by name,
 * by the bytes file-type reads, or by a VBA project inside), and contents that do not match the name.
 */
export async function checkEvidenceFile(filename: string, bytes: Buffer): Promise<EvidenceFileType> {
  const name = `"${filename}"`;
  const extension = extensionOf(filename);
  if (EXECUTABLE_EXTENSIONS.has(extension)) {
    throw refused(
      `${name} is a program or script, which cannot be uploaded as evidence. ${ALLOWED_SENTENCE}`,
    );
  }
  if (MACRO_EXTENSIONS.has(extension)) {
    throw refused(
      `${name} is a macro-enabled Office file, which cannot be uploaded because macros can run code. Save it without macros (as .docx, .xlsx or .pptx) and upload that.`,
    );
  }
  const type = evidenceFileTypeFor(filename);
  if (!type) {
    throw refused(
      extension
        ? `${name} is not a type of file you can upload. ${ALLOWED_SENTENCE}`
        : `${name} has no file type at the end of its name (like .pdf or .docx). ${ALLOWED_SENTENCE}`,
    );
  }
  if (bytes.length === 0) throw refused(`${name} is empty. Choose a file with something in it.`);
  if (bytes.length > EVIDENCE_FILE_MAX_BYTES) throw evidenceFileTooLarge(filename, bytes.length);

  if (bytes.subarray(0, 2).toString("latin1") === "#!") {
    throw refused(
      `${name} is a script, not ${type.name}. Scripts and programs cannot be uploaded as evidence.`,
    );
  }
  const detected = await fileTypeFromBuffer(bytes);
  if (detected && EXECUTABLE_DETECTIONS.has(detected.ext)) {
    throw refused(
      `${name} is a program, not ${type.name}, even though its name ends .${extension}. Programs cannot be uploaded as evidence.`,
    );
  }
  if (detected && MACRO_EXTENSIONS.has(detected.ext)) {
    throw refused(
      `${name} is a macro-enabled Office file, which cannot be uploaded because macros can run code. Save it without macros and upload that.`,
    );
  }
  const mismatch = (what: string) =>
    refused(
      `The contents of ${name} are not ${type.name}, even though its name ends .${extension}${what}. Check you chose the right file, or save it again as ${type.name} and upload that.`,
    );

  const compoundStreams = COMPOUND_STREAMS[type.extensions[0] ?? ""];
  if (compoundStreams) {
    if (detected?.ext !== "cfb") throw mismatch(detected ? `: it looks like a .${detected.ext} file` : "");
    if (holdsUtf16(bytes, "_VBA_PROJECT") || holdsUtf16(bytes, "Macros")) {
      throw refused(
        `${name} contains macros, which cannot be uploaded because they can run code. Save it without macros (as .docx, .xlsx or .pptx) and upload that.`,
      );
    }
    if (!compoundStreams.some((stream) => holdsUtf16(bytes, stream))) throw mismatch("");
    return type;
  }
  if (!detected) throw mismatch("");
  if (!type.extensions.includes(detected.ext) && detected.mime !== type.contentType) {
    throw mismatch(`: it looks like a .${detected.ext} file`);
  }
  if (["docx", "xlsx", "pptx"].includes(detected.ext) && bytes.includes(Buffer.from("vbaProject.bin"))) {
    throw refused(
      `${name} contains macros, which cannot be uploaded because they can run code. Save it without macros and upload that.`,
    );
  }
  return type;
}
