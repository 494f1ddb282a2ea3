import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { asc, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  courseModules,
  courseSteps,
  scormAttempts,
  scormImports,
  scormPackageFiles,
  scormPackages,
  scormScos,
} from "../../src/server/db/schema/index.js";
import { contentPathFrom } from "../../src/server/modules/scorm/content.routes.js";
import { DEFAULT_IMPORT_LIMITS, importPackage } from "../../src/server/modules/scorm/packages.service.js";
import type { Actor } from "../../src/server/platform/auth.js";
import { SCORM_UPLOAD_LIMIT_BYTES, type ScormPackage } from "../../src/shared/scorm.js";
import { auditFor, buildEditor, buildEnrolment, buildUser, signIn } from "../support/factories.js";
import { manifest12, scorm12Package, scorm2004Package, zipOf } from "../support/scorm-packages.js";
import { createTestApp, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
let editorUser: { id: string; email: string; password: string };
let editor: string;
let admin: string;
let learner: string;
let facilitator: string;
beforeAll(async () => {
  ctx = await createTestApp();
  editorUser = await buildEditor(ctx);
  editor = await signIn(ctx, editorUser);
  admin = await signIn(ctx, await buildUser(ctx, { roles: ["learner", "platform_admin"] }));
  learner = await signIn(ctx, await buildUser(ctx));
  facilitator = await signIn(ctx, await buildUser(ctx, { roles: ["learner", "facilitator"] }));
});
afterAll(async () => ctx.close());

/** A multipart body: the fields first (as the page sends them), then the file. */
function multipart(bytes: Buffer, fields: Record<string, string> = {}, filename = "package.zip") {
  const boundary = `----qia${randomUUID()}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/zip\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return {
    payload: Buffer.concat(parts),
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  };
}

async function upload(bytes: Buffer, fields: Record<string, string> = {}, cookie: string | null = editor) {
  const body = multipart(bytes, fields);
  return ctx.app.inject({
    method: "POST",
    url: "/api/scorm-packages",
    payload: body.payload,
    headers: { ...body.headers, ...(cookie ? { cookie } : {}) },
  });
}

async function counts() {
  const [packages] = await ctx.database.db.select({ n: count() }).from(scormPackages);
  const [files] = await ctx.database.db.select({ n: count() }).from(scormPackageFiles);
  const [scos] = await ctx.database.db.select({ n: count() }).from(scormScos);
  return { packages: packages?.n, files: files?.n, scos: scos?.n };
}

async function expectRefused(bytes: Buffer, message: RegExp) {
  const before = await counts();
  const response = await upload(bytes);
  expect(response.statusCode, response.body).toBe(422);
  expect(response.json()).toMatchObject({ error: "invalid_package" });
  expect(response.json().message).toMatch(message);
  expect(await counts()).toEqual(before);
}

describe("POST /api/scorm-packages", () => {
  it("imports a SCORM 1.2 package: version 1, its SCOs, launch files and mastery score", async () => {
    const response = await upload(scorm12Package({ scos: 2, masteryScore: 80, title: "Huddles" }));
    expect(response.statusCode, response.body).toBe(201);
    const pkg: ScormPackage = response.json();
    expect(pkg).toMatchObject({
      version: 1,
      scormVersion: "1.2",
      organisationTitle: "Huddles",
      warnings: [],
      launchFiles: ["sco-1/index.html", "sco-2/index.html"],
    });
    expect(pkg.scos.map((s) => [s.identifier, s.kind, s.masteryScore])).toEqual([
      ["item-1", "sco", 80],
      ["item-2", "sco", 80],
    ]);
    expect(pkg.scos.every((s) => typeof s.id === "string")).toBe(true);
    const files = await ctx.database.db
      .select({ path: scormPackageFiles.path, type: scormPackageFiles.contentType })
      .from(scormPackageFiles)
      .where(eq(scormPackageFiles.packageId, pkg.id));
    expect(files).toContainEqual({ path: "imsmanifest.xml", type: "application/xml" });
    expect(files).toContainEqual({ path: "sco-1/index.html", type: "text/html; charset=utf-8" });
    const [audit] = await auditFor(ctx, "scorm.package_imported");
    expect(audit?.subjectId).toBe(pkg.id);

    const read = await ctx.app.inject({ url: `/api/scorm-packages/${pkg.id}`, headers: { cookie: admin } });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(pkg);
  });

  it.each([
    ["2nd", "2004-2nd"],
    ["3rd", "2004-3rd"],
    ["4th", "2004-4th"],
  ] as const)("imports a SCORM 2004 %s Edition package", async (edition, expected) => {
    const response = await upload(scorm2004Package({ edition, completionThreshold: 0.8 }));
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ scormVersion: expected, warnings: [] });
    expect(response.json().scos[0].completionThreshold).toBe(0.8);
  });

  it("warns when a 2004 package relies on sequencing", async () => {
    const response = await upload(scorm2004Package({ sequencing: true }));
    expect(response.statusCode).toBe(201);
    expect(response.json().warnings.join(" ")).toMatch(/IMS Simple Sequencing/);
  });

  it("warns, and still imports, when files the manifest lists are missing", async () => {
    const response = await upload(scorm12Package({ omitFiles: ["shared/scorm.js"] }));
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().warnings.join(" ")).toMatch(/"shared\/scorm.js"/);
  });

  it("refuses a package whose item launches a file the zip does not hold, storing nothing", async () => {
    await expectRefused(
      scorm12Package({ scos: 2, omitFiles: ["sco-2/index.html"] }),
      /Item "item-2" launches "sco-2\/index.html", which is not in the zip/,
    );
  });

  it("stores a replacement as the next version of the same lineage, keeping the first", async () => {
    const first: ScormPackage = (await upload(scorm12Package({ title: "First" }))).json();
    const second = await upload(scorm12Package({ title: "Second" }), { replaces: first.id });
    expect(second.statusCode, second.body).toBe(201);
    expect(second.json()).toMatchObject({
      version: 2,
      lineageId: first.lineageId,
      organisationTitle: "Second",
    });
    const third = await upload(scorm12Package({ title: "Third" }), { replaces: first.id });
    expect(third.json()).toMatchObject({ version: 3, lineageId: first.lineageId });
    const stillThere = await ctx.app.inject({
      url: `/api/scorm-packages/${first.id}`,
      headers: { cookie: editor },
    });
    expect(stillThere.json().organisationTitle).toBe("First");
  });

  it("refuses a replacement of a package that does not exist", async () => {
    const before = await counts();
    const response = await upload(scorm12Package(), { replaces: randomUUID() });
    expect(response.statusCode).toBe(422);
    expect(response.json().details[0].field).toBe("replaces");
    expect(await counts()).toEqual(before);
  });

  it("records the import's stages under the page's import id, for its uploader only", async () => {
    const importId = randomUUID();
    const response = await upload(scorm12Package(), { importId });
    expect(response.statusCode).toBe(201);
    const poll = await ctx.app.inject({
      url: `/api/scorm-packages/imports/${importId}`,
      headers: { cookie: editor },
    });
    expect(poll.json()).toEqual({
      id: importId,
      stages: ["received", "unzipped", "manifest_read", "files_checked", "stored"],
      packageId: response.json().id,
      error: null,
    });
    const other = await ctx.app.inject({
      url: `/api/scorm-packages/imports/${importId}`,
      headers: { cookie: admin },
    });
    expect(other.statusCode).toBe(404);
    const reused = await upload(scorm12Package(), { importId });
    expect(reused.statusCode).toBe(409);
  });

  it("records where a failed import stopped and why", async () => {
    const importId = randomUUID();
    const response = await upload(Buffer.from("not a zip"), { importId });
    expect(response.statusCode).toBe(422);
    const poll = await ctx.app.inject({
      url: `/api/scorm-packages/imports/${importId}`,
      headers: { cookie: editor },
    });
    expect(poll.json()).toMatchObject({ stages: ["received"], packageId: null });
    expect(poll.json().error).toMatch(/not a zip file/);
  });

  describe("refuses bad packages with a message naming the problem, storing nothing", () => {
    it("not a zip", () => expectRefused(Buffer.from("%PDF-1.4 hello"), /not a zip file/));

    it("no imsmanifest.xml", () =>
      expectRefused(zipOf([{ name: "index.html", content: "<p>hi</p>" }]), /no imsmanifest.xml at its top/));

    it("imsmanifest.xml in a sub-folder", () =>
      expectRefused(
        zipOf([{ name: "course/imsmanifest.xml", content: manifest12() }]),
        /in the folder "course\/"/,
      ));

    it("malformed XML", () =>
      expectRefused(scorm12Package({ manifest: "<manifest><organizations>" }), /not well-formed XML/));

    it("no organisations", () =>
      expectRefused(
        scorm12Package({
          manifest: manifest12().replace(/<organizations[\s\S]*<\/organizations>/, "<organizations/>"),
        }),
        /no <organization>/,
      ));

    it("a default organisation that does not exist", () =>
      expectRefused(
        scorm12Package({ manifest: manifest12().replace('default="org-1"', 'default="elsewhere"') }),
        /"elsewhere" as the default organization/,
      ));

    it("an item whose resource has no launch href", () =>
      expectRefused(
        scorm12Package({ manifest: manifest12().replace(' href="sco-1/index.html"', "") }),
        /Item "item-1" launches resource "res-1", which has no href/,
      ));

    it.each([
      ["../evil.html", /"\.\.\/evil.html", a path that points outside/],
      ["/etc/evil.html", /"\/etc\/evil.html"|points outside/],
      ["..\\evil.html", /points outside/],
    ])("a zip-slip entry %s", (name, message) =>
      expectRefused(scorm12Package({ extraFiles: [{ name, content: "x" }] }), message),
    );

    it("a symlink", () =>
      expectRefused(
        scorm12Package({ extraFiles: [{ name: "sco-1/link", content: "/etc/passwd", symlink: true }] }),
        /"sco-1\/link", a symbolic link/,
      ));

    it("a zip bomb (suspicious compression ratio)", () =>
      expectRefused(
        scorm12Package({
          extraFiles: [{ name: "padding.bin", content: Buffer.alloc(20 * 1024 * 1024), deflate: true }],
        }),
        /"padding.bin" expands from .* looks like a zip bomb/,
      ));
  });

  it("refuses a package over the unzipped limit (service limits, as the route passes them)", async () => {
    const file = path.join(ctx.config.dataDir, "limit.zip");
    writeFileSync(
      file,
      scorm12Package({ extraFiles: [{ name: "big.bin", content: Buffer.alloc(64 * 1024, 7) }] }),
    );
    const before = await counts();
    const actor = {
      userId: editorUser.id,
      roles: [{ role: "content_editor", organisationId: null }],
    } as Actor; // only userId and roles are read
    await expect(
      importPackage(
        ctx.database.db,
        actor,
        { filePath: file, filename: "limit.zip" },
        { requestId: "test", ipAddress: "127.0.0.1", userAgent: null },
        { ...DEFAULT_IMPORT_LIMITS, unzippedLimitBytes: 32 * 1024 },
      ),
    ).rejects.toMatchObject({
      status: 422,
      message: expect.stringMatching(/larger than 32 KB once unzipped.*"big.bin"/),
    });
    expect(await counts()).toEqual(before);
  });

  it("answers 413 for an upload over the limit", { timeout: 60_000 }, async () => {
    const before = await counts();
    const response = await upload(Buffer.alloc(SCORM_UPLOAD_LIMIT_BYTES + 1024));
    expect(response.statusCode).toBe(413);
    expect(response.json().message).toMatch(/larger than 200 MB/);
    expect(await counts()).toEqual(before);
  });

  it("asks for a file when none is sent", async () => {
    const boundary = "----qiaempty";
    const response = await ctx.app.inject({
      method: "POST",
      url: "/api/scorm-packages",
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="importId"\r\n\r\n${randomUUID()}\r\n--${boundary}--\r\n`,
      headers: { "content-type": `multipart/form-data; boundary=${boundary}`, cookie: editor },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().details[0]).toMatchObject({ field: "file" });
  });

  it("401 signed out; 403 for learners and facilitators; nothing stored", async () => {
    const before = await counts();
    expect((await upload(scorm12Package(), {}, null)).statusCode).toBe(401);
    expect((await upload(scorm12Package(), {}, learner)).statusCode).toBe(403);
    expect((await upload(scorm12Package(), {}, facilitator)).statusCode).toBe(403);
    expect(await counts()).toEqual(before);
    const [imports] = await ctx.database.db.select({ n: count() }).from(scormImports);
    expect(imports?.n).toBeGreaterThan(0);
  });

  it("GET a package: 401 signed out, 403 for a learner, 404 when it does not exist", async () => {
    const pkg: ScormPackage = (await upload(scorm12Package())).json();
    expect((await ctx.app.inject({ url: `/api/scorm-packages/${pkg.id}` })).statusCode).toBe(401);
    expect(
      (await ctx.app.inject({ url: `/api/scorm-packages/${pkg.id}`, headers: { cookie: learner } }))
        .statusCode,
    ).toBe(403);
    expect(
      (await ctx.app.inject({ url: `/api/scorm-packages/${randomUUID()}`, headers: { cookie: editor } }))
        .statusCode,
    ).toBe(404);
  });
});

describe("GET /scorm-content/:packageId/*", () => {
  let pkg: ScormPackage;
  let enrolledLearner: string;
  beforeAll(async () => {
    pkg = (await upload(scorm12Package({ extraFiles: [{ name: "sco-1/a b.css", content: "p{}" }] }))).json();
    const enrolment = await buildEnrolment(ctx);
    const [module] = await ctx.database.db
      .select({ id: courseModules.id })
      .from(courseModules)
      .where(eq(courseModules.courseId, enrolment.course.id))
      .orderBy(asc(courseModules.position))
      .limit(1);
    if (!module) throw new Error("the course has no module");
    await ctx.database.db
      .insert(courseSteps)
      .values({ moduleId: module.id, position: 99, kind: "scorm", title: "Package", scormPackageId: pkg.id });
    if (!enrolment.user) throw new Error("the factory made no learner");
    enrolledLearner = await signIn(ctx, enrolment.user);
  });

  /** Refused (400/404), or answered by something other than the content route (the web app's index page). */
  function expectNoPackageFile(response: {
    statusCode: number;
    body: string;
    headers: Record<string, unknown>;
  }) {
    if (response.statusCode === 200) {
      expect(String(response.headers["content-security-policy"])).not.toContain(
        "unsafe-inline' 'unsafe-eval",
      );
      expect(response.body).toMatch(/^<!doctype html>/i);
    } else {
      expect([400, 404]).toContain(response.statusCode);
    }
    expect(response.body).not.toContain("<manifest");
  }

  const get = (url: string, cookie?: string) => ctx.app.inject({ url, headers: cookie ? { cookie } : {} });

  it("serves an enrolled learner and an editor the file with its MIME type, caching and the content CSP", async () => {
    for (const cookie of [enrolledLearner, editor]) {
      const response = await get(`/scorm-content/${pkg.id}/sco-1/index.html`, cookie);
      expect(response.statusCode).toBe(200);
      expect(response.headers["content-type"]).toBe("text/html; charset=utf-8");
      expect(response.headers["cache-control"]).toBe("private, max-age=86400");
      expect(response.headers["x-content-type-options"]).toBe("nosniff");
      expect(String(response.headers["content-security-policy"])).toContain(
        "script-src 'self' 'unsafe-inline'",
      );
      expect(String(response.headers["content-security-policy"])).toContain("frame-ancestors 'self'");
      expect(response.body).toContain("scorm-status");
    }
    const js = await get(`/scorm-content/${pkg.id}/shared/scorm.js`, editor);
    expect(js.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    const spaced = await get(`/scorm-content/${pkg.id}/sco-1/a%20b.css`, editor);
    expect(spaced.statusCode).toBe(200);
    expect(spaced.headers["content-type"]).toBe("text/css; charset=utf-8");
  });

  it("answers 304 to a browser holding the current copy", async () => {
    const first = await get(`/scorm-content/${pkg.id}/sco-1/index.html`, editor);
    const again = await ctx.app.inject({
      url: `/scorm-content/${pkg.id}/sco-1/index.html`,
      headers: { cookie: editor, "if-none-match": String(first.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
  });

  it("serves one byte range, as audio and video players ask, and 416 beyond the end", async () => {
    const whole = await get(`/scorm-content/${pkg.id}/sco-1/index.html`, editor);
    expect(whole.headers["accept-ranges"]).toBe("bytes");
    const size = whole.rawPayload.length;
    const part = await ctx.app.inject({
      url: `/scorm-content/${pkg.id}/sco-1/index.html`,
      headers: { cookie: editor, range: "bytes=5-14" },
    });
    expect(part.statusCode).toBe(206);
    expect(part.headers["content-range"]).toBe(`bytes 5-14/${size}`);
    expect(part.rawPayload.equals(whole.rawPayload.subarray(5, 15))).toBe(true);
    const tail = await ctx.app.inject({
      url: `/scorm-content/${pkg.id}/sco-1/index.html`,
      headers: { cookie: editor, range: "bytes=-4" },
    });
    expect(tail.rawPayload.equals(whole.rawPayload.subarray(size - 4))).toBe(true);
    const stale = await ctx.app.inject({
      url: `/scorm-content/${pkg.id}/sco-1/index.html`,
      headers: { cookie: editor, range: "bytes=5-14", "if-range": '"an-older-copy"' },
    });
    expect(stale.statusCode).toBe(200);
    const beyond = await ctx.app.inject({
      url: `/scorm-content/${pkg.id}/sco-1/index.html`,
      headers: { cookie: editor, range: `bytes=${size}-` },
    });
    expect(beyond.statusCode).toBe(416);
    expect(beyond.headers["content-range"]).toBe(`bytes */${size}`);
  });

  it("keeps the app's own CSP on its pages", async () => {
    const response = await get("/api/me", editor);
    expect(String(response.headers["content-security-policy"])).toContain("script-src 'self';");
  });

  it("404 for missing files and folders (no listings)", async () => {
    expect((await get(`/scorm-content/${pkg.id}/sco-1/missing.html`, editor)).statusCode).toBe(404);
    expect((await get(`/scorm-content/${pkg.id}/sco-1/`, editor)).statusCode).toBe(404);
    expect((await get(`/scorm-content/${randomUUID()}/sco-1/index.html`, editor)).statusCode).toBe(404);
  });

  it.each([
    "sco-1/%2e%2e/%2e%2e/etc/passwd",
    "sco-1/..%2f..%2fimsmanifest.xml",
    "%2e%2e%5cimsmanifest.xml",
    "..\\..\\..\\etc\\passwd",
    "sco-1//index.html",
    "sco-1/%00.html",
  ])("refuses the traversal attempt %s", async (rest) => {
    const response = await get(`/scorm-content/${pkg.id}/${rest}`, editor);
    expectNoPackageFile(response);
  });

  it("refuses plain ../ paths that reach outside the package", async () => {
    // The URL parser resolves these before routing; what is left is not a package path (the web app's page or 404).
    expectNoPackageFile(await get(`/scorm-content/${pkg.id}/../../etc/passwd`, editor));
    expectNoPackageFile(await get(`/scorm-content/${pkg.id}/..\\..\\imsmanifest.xml`, editor));
  });

  it("refuses un-normalised traversal in the raw path, whatever the URL parser in front did", () => {
    for (const raw of ["a/../b", "./a", "a\\b", "a%5c..%5cb", "a/%2e%2e/b", "a%2fb", "%zz"]) {
      expect(() => contentPathFrom(`/scorm-content/${pkg.id}/${raw}`, pkg.id)).toThrow(/outside the package/);
    }
    expect(contentPathFrom(`/scorm-content/${pkg.id}/sco-1/a%20b.css?x=1`, pkg.id)).toBe("sco-1/a b.css");
    expect(contentPathFrom(`/scorm-content/${pkg.id}/sco-1/`, pkg.id)).toBeNull();
  });

  it("401 signed out; 403 for a learner not enrolled", async () => {
    expect((await get(`/scorm-content/${pkg.id}/sco-1/index.html`)).statusCode).toBe(401);
    const other = await get(`/scorm-content/${pkg.id}/sco-1/index.html`, learner);
    expect(other.statusCode).toBe(403);
    expect(other.json().message).toMatch(/enrolled/);
  });
});

describe("a SCORM step's package (authoring)", () => {
  let stepId: string;
  let moduleId: string;
  let enrolment: Awaited<ReturnType<typeof buildEnrolment>>;
  beforeAll(async () => {
    enrolment = await buildEnrolment(ctx);
    const [module] = await ctx.database.db
      .select({ id: courseModules.id })
      .from(courseModules)
      .where(eq(courseModules.courseId, enrolment.course.id))
      .orderBy(asc(courseModules.position))
      .limit(1);
    if (!module) throw new Error("the course has no module");
    moduleId = module.id;
    const created = await ctx.app.inject({
      method: "POST",
      url: `/api/authoring/modules/${moduleId}/steps`,
      payload: { kind: "scorm", title: "Run chart practice" },
      headers: { cookie: editor },
    });
    expect(created.statusCode, created.body).toBe(201);
    stepId = created.json().id;
    expect(created.json().scormPackage).toBeNull();
  });

  const save = (scormPackageId: string | null | undefined, cookie = editor) =>
    ctx.app.inject({
      method: "PUT",
      url: `/api/authoring/steps/${stepId}`,
      payload: {
        title: "Run chart practice",
        body: "",
        minutes: 20,
        required: true,
        videoUrl: null,
        fileId: null,
        passMarkPercent: null,
        maxAttempts: null,
        isFinal: false,
        ...(scormPackageId === undefined ? {} : { scormPackageId }),
      },
      headers: { cookie },
    });

  it("stores the package on the step and shows it in the step editor", async () => {
    const pkg: ScormPackage = (await upload(scorm12Package({ masteryScore: 70 }))).json();
    const saved = await save(pkg.id);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().scormPackage).toMatchObject({ id: pkg.id, version: 1, scormVersion: "1.2" });
    // Left out: the package stays.
    const again = await save(undefined);
    expect(again.json().scormPackage?.id).toBe(pkg.id);
    const [unchanged, first] = await auditFor(ctx, "authoring.step_updated");
    expect(first?.details).toMatchObject({ changed: ["minutes", "scormPackageId"] });
    expect(unchanged?.details).toMatchObject({ changed: [] });
  });

  it("refuses a package that does not exist, and a package on another kind of step", async () => {
    const missing = await save(randomUUID());
    expect(missing.statusCode).toBe(400);
    expect(missing.json().details[0].field).toBe("scormPackageId");
    const pkg: ScormPackage = (await upload(scorm12Package())).json();
    const [article] = await ctx.database.db
      .insert(courseSteps)
      .values({ moduleId, position: 98, kind: "article", title: "Words", body: "Hello" })
      .returning({ id: courseSteps.id });
    const response = await ctx.app.inject({
      method: "PUT",
      url: `/api/authoring/steps/${article?.id}`,
      payload: {
        title: "Words",
        body: "Hello",
        minutes: 5,
        required: true,
        videoUrl: null,
        fileId: null,
        passMarkPercent: null,
        maxAttempts: null,
        isFinal: false,
        scormPackageId: pkg.id,
      },
      headers: { cookie: editor },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().details[0]).toMatchObject({ field: "scormPackageId" });
  });

  it("403 for a learner saving a step's package", async () => {
    const pkg: ScormPackage = (await upload(scorm12Package())).json();
    expect((await save(pkg.id, learner)).statusCode).toBe(403);
  });

  it("a new version on the step keeps learners' attempts on the old one, and its files readable to them", async () => {
    const first: ScormPackage = (await upload(scorm12Package({ title: "First" }))).json();
    expect((await save(first.id)).statusCode).toBe(200);
    const firstSco = first.scos[0]?.id;
    if (!firstSco) throw new Error("no SCO");
    await ctx.database.db.insert(scormAttempts).values({
      attemptId: randomUUID(),
      attemptNumber: 1,
      enrolmentId: enrolment.id,
      stepId,
      packageId: first.id,
      scoId: firstSco,
      cmi: { "cmi.core.lesson_location": "page-2" },
    });
    const second: ScormPackage = (
      await upload(scorm12Package({ title: "Second" }), { replaces: first.id })
    ).json();
    const saved = await save(second.id);
    expect(saved.json().scormPackage).toMatchObject({
      id: second.id,
      version: 2,
      lineageId: first.lineageId,
    });

    const [attempt] = await ctx.database.db
      .select({ packageId: scormAttempts.packageId, cmi: scormAttempts.cmi })
      .from(scormAttempts)
      .where(eq(scormAttempts.stepId, stepId));
    expect(attempt).toEqual({ packageId: first.id, cmi: { "cmi.core.lesson_location": "page-2" } });
    if (!enrolment.user) throw new Error("no learner");
    const cookie = await signIn(ctx, enrolment.user);
    const oldFile = await ctx.app.inject({
      url: `/scorm-content/${first.id}/sco-1/index.html`,
      headers: { cookie },
    });
    expect(oldFile.statusCode).toBe(200);
    const newFile = await ctx.app.inject({
      url: `/scorm-content/${second.id}/sco-1/index.html`,
      headers: { cookie },
    });
    expect(newFile.statusCode).toBe(200);
  });
});
