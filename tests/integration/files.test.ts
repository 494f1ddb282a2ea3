import { createHash, randomUUID } from "node:crypto";
import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storedFiles } from "../../src/server/db/schema/index.js";
import type { StoredFile } from "../../src/shared/authoring.js";
import { auditFor, buildEditor, buildUser, signIn, tableCounts } from "../support/factories.js";
import { zip } from "../support/portfolio-fixtures.js";
import { createTestApp, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
let editor: string;
let admin: string;
let learner: string;
beforeAll(async () => {
  ctx = await createTestApp();
  editor = await signIn(ctx, await buildEditor(ctx));
  admin = await signIn(ctx, await buildUser(ctx, { roles: ["learner", "platform_admin"] }));
  learner = await signIn(ctx, await buildUser(ctx));
});
afterAll(async () => ctx.close());

// ---------------------------------------------------------------------------------------------------------------
// Sample files, small but real enough for their magic bytes.

/** A 1×1 transparent PNG. */
const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000001000000010806000000" +
    "1f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4c20000000049454e44ae426082",
  "hex",
);
const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n",
);
const MP4 = Buffer.concat([
  Buffer.from([0, 0, 0, 0x18]),
  Buffer.from("ftypmp42"),
  Buffer.from([0, 0, 0, 0]),
  Buffer.from("mp42isom"),
  Buffer.from(Array.from({ length: 200 }, (_, i) => i % 256)),
]);

const DOCX = zip([
  [
    "[Content_Types].xml",
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  ],
  ["word/document.xml", "<w:document/>"],
]);

/** A multipart/form-data body with one file part. */
function multipart(
  filename: string,
  bytes: Buffer,
  field = "file",
  contentType = "application/octet-stream",
) {
  const boundary = `----qia${randomUUID()}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

async function upload(filename: string, bytes: Buffer, cookie: string | null = editor, field = "file") {
  const body = multipart(filename, bytes, field);
  return ctx.app.inject({
    method: "POST",
    url: "/api/authoring/files",
    headers: { ...body.headers, ...(cookie ? { cookie } : {}) },
    payload: body.payload,
  });
}

async function uploaded(filename: string, bytes: Buffer): Promise<StoredFile> {
  const response = await upload(filename, bytes);
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as StoredFile;
}

async function counts() {
  const [row] = await ctx.database.db.select({ n: count() }).from(storedFiles);
  return { files: row?.n ?? 0, ...(await tableCounts(ctx)) };
}

/** Expects a refusal with `status` whose message matches, and that nothing was stored or audited. */
async function expectRefused(
  request: () => Promise<{ statusCode: number; body: string; json: () => unknown }>,
  status: number,
  message: RegExp,
) {
  const before = await counts();
  const response = await request();
  expect(response.statusCode, response.body).toBe(status);
  expect((response.json() as { message: string }).message).toMatch(message);
  expect(await counts()).toEqual(before);
  return response;
}

// ---------------------------------------------------------------------------------------------------------------

describe("POST /api/authoring/files", () => {
  it("stores a PNG a content editor uploads, with its hash, and audits it", async () => {
    const file = await uploaded("ward-layout.png", PNG);
    expect(file).toMatchObject({
      filename: "ward-layout.png",
      contentType: "image/png",
      sizeBytes: PNG.length,
      sha256: createHash("sha256").update(PNG).digest("hex"),
      url: `/api/files/${file.id}`,
    });
    const [event] = await auditFor(ctx, "files.uploaded");
    expect(event).toMatchObject({ subjectId: file.id, details: { filename: "ward-layout.png" } });
  });

  it("lets platform administrators upload too", async () => {
    const response = await upload("guide.pdf", PDF, admin);
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ contentType: "application/pdf" });
  });

  it("accepts Word documents, MP4 video, and UTF-8 CSV and text (which have no magic bytes)", async () => {
    expect((await uploaded("handout.docx", DOCX)).contentType).toBe(
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    );
    expect((await uploaded("clip.mp4", MP4)).contentType).toBe("video/mp4");
    expect((await uploaded("measures.csv", Buffer.from("week,falls\n1,3\n2,1\n"))).contentType).toBe(
      "text/csv; charset=utf-8",
    );
    expect((await uploaded("notes.txt", Buffer.from("Plan, do, study, act – café"))).contentType).toBe(
      "text/plain; charset=utf-8",
    );
  });

  it("keeps only the file's own name, without folders", async () => {
    const file = await uploaded("../../etc/evil.png", PNG);
    expect(file.filename).toBe("evil.png");
  });

  it("refuses a signed-out upload with 401", async () => {
    await expectRefused(() => upload("a.png", PNG, null), 401, /Sign in/);
  });

  it("refuses a learner with 403", async () => {
    await expectRefused(
      () => upload("a.png", PNG, learner),
      403,
      /Only content editors and platform administrators can upload/,
    );
  });

  it("refuses a PDF named .png with 400, saying what the contents are", async () => {
    const response = await expectRefused(
      () => upload("photo.png", PDF),
      400,
      /^The file's contents are not a PNG image, even though its name ends \.png: they look like a PDF\./,
    );
    expect((response.json() as { details: unknown[] }).details).toEqual([
      expect.objectContaining({ field: "file" }),
    ]);
  });

  it("refuses a PNG named .pdf, a plain zip named .docx, and binary named .csv", async () => {
    await expectRefused(() => upload("report.pdf", PNG), 400, /not a PDF, even though its name ends \.pdf/);
    await expectRefused(
      () => upload("handout.docx", zip([["notes.txt", "hello"]])),
      400,
      /not a Word document, even though its name ends \.docx/,
    );
    await expectRefused(() => upload("data.csv", PNG), 400, /not a CSV file.*look like a PNG image/);
    await expectRefused(
      () => upload("data.csv", Buffer.from([0x77, 0xff, 0xfe, 0x41])),
      400,
      /not plain text saved as UTF-8/,
    );
    await expectRefused(() => upload("notes.txt", Buffer.from("a\u0000b")), 400, /not plain text/);
  });

  it("refuses types that are not allowed, and empty files", async () => {
    await expectRefused(
      () => upload("setup.exe", Buffer.from("MZ......")),
      400,
      /"setup\.exe" is not one of these/,
    );
    await expectRefused(() => upload("no-extension", PDF), 400, /Upload a PDF, Word/);
    await expectRefused(() => upload("empty.png", Buffer.alloc(0)), 400, /"empty\.png" is empty/);
  });

  it("refuses an image over 5 MB with 413 and says the limit", async () => {
    const big = Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]);
    await expectRefused(
      () => upload("huge.png", big),
      413,
      /^The file is 5 MB\. Images must be 5 MB or smaller\./,
    );
  });

  it("refuses a body that is not multipart with 415, and a part not called file with 400", async () => {
    await expectRefused(
      () =>
        ctx.app.inject({
          method: "POST",
          url: "/api/authoring/files",
          headers: { cookie: editor },
          payload: { file: "x" },
        }),
      415,
      /multipart\/form-data/,
    );
    await expectRefused(() => upload("a.png", PNG, editor, "picture"), 400, /Choose a file to upload/);
  });
});

describe("GET /api/files/:id", () => {
  const get = (id: string, cookie: string | null, headers: Record<string, string> = {}) =>
    ctx.app.inject({
      method: "GET",
      url: `/api/files/${id}`,
      headers: { ...headers, ...(cookie ? { cookie } : {}) },
    });

  it("serves the same bytes to any signed-in person, inline for images, with nosniff and private caching", async () => {
    const file = await uploaded("diagram.png", PNG);
    const response = await get(file.id, learner);
    expect(response.statusCode).toBe(200);
    expect(response.rawPayload.equals(PNG)).toBe(true);
    expect(response.headers).toMatchObject({
      "content-type": "image/png",
      "x-content-type-options": "nosniff",
      "cache-control": "private, max-age=3600",
      "accept-ranges": "bytes",
      "content-length": String(PNG.length),
    });
    expect(response.headers["content-disposition"]).toMatch(/^inline; filename="diagram\.png"/);
  });

  it("sends documents as attachments, with the real name for browsers that read it", async () => {
    const file = await uploaded("Café guide.pdf", PDF);
    const response = await get(file.id, learner);
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("application/pdf");
    expect(response.headers["content-disposition"]).toBe(
      `attachment; filename="Caf_ guide.pdf"; filename*=UTF-8''Caf%C3%A9%20guide.pdf`,
    );
  });

  it("serves one byte range of a video with 206, and refuses a range beyond the end with 416", async () => {
    const file = await uploaded("walkthrough.mp4", MP4);
    const first = await get(file.id, learner, { range: "bytes=0-9" });
    expect(first.statusCode).toBe(206);
    expect(first.headers["content-range"]).toBe(`bytes 0-9/${MP4.length}`);
    expect(first.rawPayload.equals(MP4.subarray(0, 10))).toBe(true);
    const open = await get(file.id, learner, { range: `bytes=${MP4.length - 4}-` });
    expect(open.statusCode).toBe(206);
    expect(open.rawPayload.equals(MP4.subarray(MP4.length - 4))).toBe(true);
    const suffix = await get(file.id, learner, { range: "bytes=-3" });
    expect(suffix.rawPayload.equals(MP4.subarray(MP4.length - 3))).toBe(true);
    const beyond = await get(file.id, learner, { range: `bytes=${MP4.length}-` });
    expect(beyond.statusCode).toBe(416);
    expect(beyond.headers["content-range"]).toBe(`bytes */${MP4.length}`);
    const whole = await get(file.id, learner, { range: "bytes=0-1,4-5" });
    expect(whole.statusCode).toBe(200);
    expect(whole.headers["content-disposition"]).toMatch(/^inline/);
  });

  it("answers 304 when the browser's copy is current", async () => {
    const file = await uploaded("again.png", PNG);
    const response = await get(file.id, learner, { "if-none-match": `"${file.sha256}"` });
    expect(response.statusCode).toBe(304);
    expect(response.body).toBe("");
  });

  it("refuses signed-out people with 401, unknown files with 404 and bad ids with 400", async () => {
    const file = await uploaded("secret.png", PNG);
    expect((await get(file.id, null)).statusCode).toBe(401);
    expect((await get(randomUUID(), learner)).statusCode).toBe(404);
    expect((await get("not-a-uuid", learner)).statusCode).toBe(400);
  });
});
