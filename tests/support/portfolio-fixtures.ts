import { randomUUID } from "node:crypto";
import { crc32 } from "node:zlib";
import type { CriterionJudgement } from "../../src/server/db/schema/index.js";
import type { TestContext } from "./test-app.js";

// ---------------------------------------------------------------------------------------------------------------
// Sample files: small, but real enough for their magic bytes.

/** A minimal PDF. */
export const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n",
);

/** A 1×1 transparent PNG. */
export const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000001000000010806000000" +
    "1f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4c20000000049454e44ae426082",
  "hex",
);

/** The start of a Windows program (PE): "MZ", a DOS stub, and padding. */
export const EXE = Buffer.concat([
  Buffer.from("MZ"),
  Buffer.alloc(58),
  Buffer.from([0x80, 0, 0, 0]),
  Buffer.from("This program cannot be run in DOS mode."),
  Buffer.alloc(200),
]);

/** The start of a Linux program (ELF). */
export const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120)]);

/** The start of a macOS program (64-bit Mach-O, x86-64, an executable). */
export const MACHO = Buffer.concat([
  Buffer.from([
    0xcf, 0xfa, 0xed, 0xfe, 0x07, 0x00, 0x00, 0x01, 0x03, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00,
  ]),
  Buffer.alloc(200),
]);

/** A shell script. */
export const SCRIPT = Buffer.from("#!/bin/sh\nrm -rf ~\n");

/** A stored (uncompressed) zip of text entries: enough for Office files to be recognised by their parts. */
export function zip(entries: Array<[string, string]>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of entries) {
    const nameBytes = Buffer.from(name);
    const data = Buffer.from(text);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

function wordPackage(contentType: string, extra: Array<[string, string]> = []): Buffer {
  return zip([
    [
      "[Content_Types].xml",
      `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="${contentType}"/></Types>`,
    ],
    ["word/document.xml", "<w:document/>"],
    ...extra,
  ]);
}

/** A Word document (.docx). */
export const DOCX = wordPackage(
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
);
/** A macro-enabled Word document (.docm), whatever it is called. */
export const DOCM = wordPackage("application/vnd.ms-word.document.macroEnabled.main+xml", [
  ["word/vbaProject.bin", "VBA"],
]);

/** A compound (Office 97–2003) file holding streams with these names. */
export function compoundFile(streams: string[]): Buffer {
  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  const directory = Buffer.concat(
    streams.map((name) => {
      const entry = Buffer.alloc(128);
      Buffer.from(name, "utf16le").copy(entry, 0);
      return entry;
    }),
  );
  return Buffer.concat([header, directory, Buffer.alloc(256)]);
}
/** A Word 97–2003 document (.doc). */
export const DOC = compoundFile(["Root Entry", "WordDocument", "1Table"]);
/** An Excel 97–2003 workbook (.xls). */
export const XLS = compoundFile(["Root Entry", "Workbook"]);
/** A Word 97–2003 document with a VBA project. */
export const DOC_WITH_MACROS = compoundFile(["Root Entry", "WordDocument", "Macros", "VBA", "_VBA_PROJECT"]);

// ---------------------------------------------------------------------------------------------------------------
// Requests

/** A multipart/form-data body: text fields first (as the page sends them), then the file, if any. */
export function multipartBody(
  fields: Array<[string, string]>,
  file?: { filename: string; bytes: Buffer; field?: string },
) {
  const boundary = `----qia${randomUUID()}`;
  const parts: Buffer[] = [];
  for (const [name, value] of fields) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? "file"}"; filename="${file.filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from("\r\n"),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// What the assessment helper's code writes, put straight in the database to simulate an assessor.

/** The submitted versions of a portfolio, newest first. */
export async function submissionsOf(ctx: TestContext, portfolioId: string) {
  return (await ctx.database.rawQuery(
    `select id, version, status::text as status, assessor_id, declaration, snapshot
       from portfolio_submissions where portfolio_id = $1 order by version desc`,
    [portfolioId],
  )) as Array<{
    id: string;
    version: number;
    status: string;
    assessor_id: string | null;
    declaration: string;
    snapshot: {
      criteria: Array<{ id: string; code: string }>;
      evidence: Array<{ id: string; fileId: string | null }>;
    };
  }>;
}

/** Allocates a submitted version to an assessor. */
export async function allocate(ctx: TestContext, submissionId: string, assessorId: string): Promise<void> {
  await ctx.database.rawQuery(
    "update portfolio_submissions set assessor_id = $2, allocated_at = now() where id = $1",
    [submissionId, assessorId],
  );
}

/**
 * Records an assessor's decision on a submitted version and moves the version and portfolio on as the assessment
 * module does: a referral sends the portfolio back to the learner; a pass passes it; `sampled` holds the version for
 * internal verification (and the portfolio stays submitted).
 */
export async function decide(
  ctx: TestContext,
  submissionId: string,
  options: {
    outcome: "pass" | "refer";
    assessorId?: string | null;
    feedback?: string;
    criteria?: CriterionJudgement[];
    sampled?: boolean;
  },
): Promise<string> {
  const [row] = (await ctx.database.rawQuery(
    `insert into assessment_decisions (submission_id, assessor_id, outcome, criteria, feedback, sampled)
     values ($1, $2, $3::assessment_outcome, $4::jsonb, $5, $6) returning id`,
    [
      submissionId,
      options.assessorId ?? null,
      options.outcome,
      JSON.stringify(options.criteria ?? []),
      options.feedback ?? "",
      options.sampled ?? false,
    ],
  )) as Array<{ id: string }>;
  const submissionStatus = options.sampled
    ? "awaiting_verification"
    : options.outcome === "pass"
      ? "passed"
      : "referred";
  const portfolioStatus = options.sampled ? "submitted" : options.outcome === "pass" ? "passed" : "referred";
  await ctx.database.rawQuery(
    "update portfolio_submissions set status = $2::submission_status where id = $1",
    [submissionId, submissionStatus],
  );
  await ctx.database.rawQuery(
    `update portfolios set status = $2::portfolio_status, revision = revision + 1
      where id = (select portfolio_id from portfolio_submissions where id = $1)`,
    [submissionId, portfolioStatus],
  );
  if (!row) throw new Error("decision insert returned no row");
  return row.id;
}

/** Marks a decision overturned by internal verification, sending the version back to its assessor. */
export async function overturn(ctx: TestContext, decisionId: string): Promise<void> {
  await ctx.database.rawQuery("update assessment_decisions set superseded_at = now() where id = $1", [
    decisionId,
  ]);
  await ctx.database.rawQuery(
    `update portfolio_submissions set status = 'overturned'
      where id = (select submission_id from assessment_decisions where id = $1)`,
    [decisionId],
  );
}
