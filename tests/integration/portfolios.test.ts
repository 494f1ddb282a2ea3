import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedAssessmentCriteria } from "../../src/server/modules/portfolios/portfolios.seed.js";
import {
  EVIDENCE_FILE_MAX_BYTES,
  type PortfolioChange,
  type PortfolioSubmitted,
  type PortfolioView,
  SUBMISSION_DECLARATION,
} from "../../src/shared/portfolios.js";
import {
  auditFor,
  buildAdmin,
  buildEnrolment,
  buildUser,
  signIn,
  type TestEnrolment,
  tableCounts,
} from "../support/factories.js";
import { setWindow } from "../support/learning-fixtures.js";
import {
  allocate,
  DOC,
  DOC_WITH_MACROS,
  DOCM,
  DOCX,
  decide,
  ELF,
  EXE,
  MACHO,
  multipartBody,
  overturn,
  PDF,
  PNG,
  SCRIPT,
  submissionsOf,
  XLS,
} from "../support/portfolio-fixtures.js";
import { createTestApp, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
let adminUser: { id: string };
let admin: string;
let assessorUser: { id: string };
let assessor: string;
let otherAssessor: string;
let verifier: string;
let editor: string;

const UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";

beforeAll(async () => {
  ctx = await createTestApp();
  await seedAssessmentCriteria(ctx.database.db);
  adminUser = await buildAdmin(ctx);
  admin = await signIn(ctx, adminUser as { id: string; email: string; password: string });
  const a = await buildUser(ctx, { roles: ["learner", "assessor"] });
  assessorUser = a;
  assessor = await signIn(ctx, a);
  otherAssessor = await signIn(ctx, await buildUser(ctx, { roles: ["learner", "assessor"] }));
  verifier = await signIn(ctx, await buildUser(ctx, { roles: ["learner", "internal_verifier"] }));
  editor = await signIn(ctx, await buildUser(ctx, { roles: ["learner", "content_editor"] }));
});
afterAll(async () => ctx.close());

type Method = "GET" | "POST" | "PUT" | "DELETE";
const call = (method: Method, url: string, cookie?: string, payload?: unknown) =>
  ctx.app.inject({
    method,
    url,
    headers: cookie ? { cookie } : {},
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });

/** A learner enrolled on a portfolio course (the first practitioner course unless told), signed in. */
async function learnerOn(level = "practitioner", options: Parameters<typeof buildEnrolment>[1] = {}) {
  const enrolment = await buildEnrolment(ctx, { level, ...options });
  if (!enrolment.user) throw new Error("the factory made no learner");
  const cookie = await signIn(ctx, enrolment.user);
  return { enrolment, cookie, base: `/api/enrolments/${enrolment.id}/portfolio` };
}
type Learner = Awaited<ReturnType<typeof learnerOn>>;

async function open(learner: Learner): Promise<PortfolioView> {
  const response = await call("GET", learner.base, learner.cookie);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as PortfolioView;
}

const criteriaOf = (view: PortfolioView) => view.units.flatMap((u) => u.outcomes.flatMap((o) => o.criteria));

async function addReflection(
  learner: Learner,
  criterionIds: string[],
  overrides: Record<string, unknown> = {},
) {
  const view = await open(learner);
  const response = await call("POST", `${learner.base}/evidence`, learner.cookie, {
    kind: "reflection",
    revision: view.revision,
    title: "Our well organised ward",
    body: "We **sorted** the stock room.",
    criterionIds,
    ...overrides,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as PortfolioChange;
}

function uploadRequest(
  learner: Learner,
  revision: number,
  file: { filename: string; bytes: Buffer } | null,
  criterionIds: string[],
  title = "Stock audit",
) {
  const body = multipartBody(
    [
      ["revision", String(revision)],
      ["title", title],
      ["body", "Before and after the change."],
      ...criterionIds.map((id): [string, string] => ["criterionIds", id]),
    ],
    file ?? undefined,
  );
  return ctx.app.inject({
    method: "POST",
    url: `${learner.base}/files`,
    headers: { ...body.headers, cookie: learner.cookie },
    payload: body.payload,
  });
}

async function upload(learner: Learner, filename: string, bytes: Buffer, criterionIds: string[]) {
  const view = await open(learner);
  const response = await uploadRequest(learner, view.revision, { filename, bytes }, criterionIds);
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as PortfolioChange;
}

/** Counts of everything a refused request must leave alone. */
async function counts() {
  const [row] = (await ctx.database.rawQuery(
    `select (select count(*)::int from portfolios) as portfolios,
            (select coalesce(sum(revision), 0)::int from portfolios) as revisions,
            (select coalesce(string_agg(status::text, ',' order by id), '') from portfolios) as statuses,
            (select count(*)::int from evidence_items) as evidence,
            (select coalesce(string_agg(title || body || coalesce(url, ''), '|' order by id), '')
               from evidence_items) as evidence_state,
            (select count(*)::int from evidence_criteria) as mappings,
            (select count(*)::int from stored_files) as files,
            (select count(*)::int from portfolio_submissions) as submissions`,
  )) as Array<Record<string, number | string>>;
  const shared: Record<string, number | string> = await tableCounts(ctx);
  return { ...shared, ...row };
}

async function expectRefused(
  request: () => Promise<{ statusCode: number; body: string }>,
  status: number,
  message?: RegExp,
) {
  const before = await counts();
  const response = await request();
  expect(response.statusCode, response.body).toBe(status);
  if (message) expect((JSON.parse(response.body) as { message: string }).message).toMatch(message);
  expect(await counts()).toEqual(before);
  return response;
}

/** Maps one reflection to every criterion, so the portfolio can be submitted. */
async function coverEverything(learner: Learner): Promise<PortfolioView> {
  const view = await open(learner);
  return (
    await addReflection(
      learner,
      criteriaOf(view).map((c) => c.id),
      { title: "Everything I did" },
    )
  ).portfolio;
}

async function submit(learner: Learner): Promise<PortfolioSubmitted> {
  const view = await open(learner);
  const response = await call("POST", `${learner.base}/submit`, learner.cookie, {
    revision: view.revision,
    declaration: true,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as PortfolioSubmitted;
}

describe("opening a portfolio", () => {
  it("makes it on first open, with the course's criteria, nothing covered and nothing submitted", async () => {
    const learner = await learnerOn();
    const before = await counts();
    const view = await open(learner);
    expect((await counts()).portfolios).toBe(Number(before.portfolios) + 1);
    expect(view).toMatchObject({
      enrolmentId: learner.enrolment.id,
      revision: 1,
      status: "draft",
      stage: "not_submitted",
      editable: true,
      lockedReason: null,
      course: { id: learner.enrolment.course.id, level: "practitioner" },
      evidence: [],
      versions: [],
      declaration: SUBMISSION_DECLARATION,
    });
    const criteria = criteriaOf(view);
    expect(criteria.length).toBeGreaterThan(3);
    expect(view.coverage).toEqual({
      criteria: criteria.length,
      covered: 0,
      missing: criteria.map((c) => ({ id: c.id, code: c.code, statement: c.statement })),
    });
    expect(criteria[0]).toMatchObject({ code: "1.1", learnerGuidance: expect.any(String), evidenceIds: [] });
    expect(criteria[0]).not.toHaveProperty("assessorGuidance");
    // A second open finds the same portfolio and writes nothing.
    const after = await counts();
    expect((await open(learner)).id).toBe(view.id);
    expect(await counts()).toEqual(after);
  });

  it("is only for the enrolment's learner: 401, 403 for anyone else, whatever their role", async () => {
    const learner = await learnerOn("facilitator");
    const stranger = await signIn(ctx, await buildUser(ctx));
    await expectRefused(() => call("GET", learner.base), 401);
    for (const cookie of [stranger, admin, assessor, verifier, editor]) {
      await expectRefused(() => call("GET", learner.base, cookie), 403, /belongs to another learner/);
    }
  });

  it("refuses unknown enrolments (404), bad ids (400), and courses not assessed by portfolio (422)", async () => {
    const learner = await learnerOn();
    await expectRefused(() => call("GET", `/api/enrolments/${UNKNOWN_ID}/portfolio`, learner.cookie), 404);
    await expectRefused(() => call("GET", "/api/enrolments/not-an-id/portfolio", learner.cookie), 400);
    const foundation = await learnerOn("foundation");
    const response = await expectRefused(() => call("GET", foundation.base, foundation.cookie), 422);
    expect(JSON.parse(response.body)).toMatchObject({ error: "not_assessed_by_portfolio" });
  });
});

describe("reflections and links", () => {
  it("adds a reflection mapped to criteria, renders it safely and updates coverage", async () => {
    const learner = await learnerOn();
    const view = await open(learner);
    const [first, second] = criteriaOf(view);
    const { evidenceId, portfolio } = await addReflection(
      learner,
      [second?.id ?? "", first?.id ?? "", first?.id ?? ""],
      {
        body: "We **sorted** the stock room. <script>alert(1)</script> [x](javascript:alert(1))",
      },
    );
    expect(portfolio.revision).toBe(view.revision + 1);
    const item = portfolio.evidence.find((e) => e.id === evidenceId);
    expect(item).toMatchObject({
      kind: "reflection",
      title: "Our well organised ward",
      url: null,
      file: null,
      criterionIds: [first?.id, second?.id],
    });
    expect(item?.html).toContain("<strong>sorted</strong>");
    expect(item?.html).not.toContain("<script>");
    expect(item?.html).not.toContain('href="javascript:');
    expect(item?.html).toContain("&lt;script&gt;");
    expect(portfolio.coverage.covered).toBe(2);
    expect(criteriaOf(portfolio)[0]?.evidenceIds).toEqual([evidenceId]);
    expect(portfolio.coverage.missing.map((m) => m.id)).not.toContain(first?.id);
  });

  it("adds a link (http or https only, 2,000 characters at most)", async () => {
    const learner = await learnerOn();
    const view = await open(learner);
    const criterionIds = [criteriaOf(view)[0]?.id ?? ""];
    const body = (url: string, revision = view.revision) => ({
      kind: "link",
      revision,
      title: "Our team's SPC chart",
      url,
      criterionIds,
    });
    const response = await call(
      "POST",
      `${learner.base}/evidence`,
      learner.cookie,
      body("https://example.nhs.uk/our-chart"),
    );
    expect(response.statusCode, response.body).toBe(201);
    const { portfolio, evidenceId } = response.json() as PortfolioChange;
    expect(portfolio.evidence.find((e) => e.id === evidenceId)).toMatchObject({
      kind: "link",
      url: "https://example.nhs.uk/our-chart",
      body: "",
    });
    for (const url of [
      "javascript:alert(1)",
      "ftp://example.org/file",
      "not a url",
      `https://example.org/${"a".repeat(2000)}`,
    ]) {
      await expectRefused(
        () => call("POST", `${learner.base}/evidence`, learner.cookie, body(url, portfolio.revision)),
        400,
        /web address/,
      );
    }
  });

  it("refuses evidence without criteria, with another course's criteria, or with bad fields (400), writing nothing", async () => {
    const learner = await learnerOn();
    const view = await open(learner);
    const other = await learnerOn("programme_manager");
    const otherCriterion = criteriaOf(await open(other))[0]?.id ?? "";
    const base = { kind: "reflection", revision: view.revision, title: "T", body: "B" };
    await expectRefused(
      () => call("POST", `${learner.base}/evidence`, learner.cookie, { ...base, criterionIds: [] }),
      400,
      /Select at least one criterion/,
    );
    await expectRefused(
      () =>
        call("POST", `${learner.base}/evidence`, learner.cookie, { ...base, criterionIds: [otherCriterion] }),
      400,
      /no longer part of this course/,
    );
    await expectRefused(
      () =>
        call("POST", `${learner.base}/evidence`, learner.cookie, {
          ...base,
          body: " ",
          criterionIds: [otherCriterion],
        }),
      400,
      /Enter your reflection/,
    );
    await expectRefused(
      () =>
        call("POST", `${learner.base}/evidence`, learner.cookie, {
          ...base,
          kind: "file",
          criterionIds: [otherCriterion],
        }),
      400,
    );
  });

  it("refuses a stale revision with 409 (changed in another tab), writing nothing", async () => {
    const learner = await learnerOn();
    const view = await open(learner);
    const criterionIds = [criteriaOf(view)[0]?.id ?? ""];
    await addReflection(learner, criterionIds);
    const response = await expectRefused(
      () =>
        call("POST", `${learner.base}/evidence`, learner.cookie, {
          kind: "reflection",
          revision: view.revision,
          title: "From the other tab",
          body: "Text",
          criterionIds,
        }),
      409,
      /changed in another tab — reload/,
    );
    expect(JSON.parse(response.body)).toMatchObject({ error: "stale_revision" });
  });

  it("changes a reflection's text and mapping (autosave), and refuses what does not fit", async () => {
    const learner = await learnerOn();
    const view = await open(learner);
    const [first, second] = criteriaOf(view);
    const { evidenceId, portfolio } = await addReflection(learner, [first?.id ?? ""]);
    const url = `${learner.base}/evidence/${evidenceId}`;
    const response = await call("PUT", url, learner.cookie, {
      revision: portfolio.revision,
      title: "Our well organised ward",
      body: "We sorted the stock room, then the clean utility.",
      criterionIds: [second?.id],
    });
    expect(response.statusCode, response.body).toBe(200);
    const saved = (response.json() as PortfolioChange).portfolio;
    expect(saved.revision).toBe(portfolio.revision + 1);
    expect(saved.evidence[0]).toMatchObject({
      body: "We sorted the stock room, then the clean utility.",
      criterionIds: [second?.id],
    });
    const update = { revision: saved.revision, title: "T", body: "B", criterionIds: [first?.id] };
    await expectRefused(
      () => call("PUT", url, learner.cookie, { ...update, body: "" }),
      400,
      /Enter your reflection/,
    );
    await expectRefused(
      () => call("PUT", url, learner.cookie, { ...update, url: "https://example.org" }),
      400,
      /Only links have a web address/,
    );
    await expectRefused(
      () => call("PUT", url, learner.cookie, { ...update, revision: portfolio.revision }),
      409,
      /another tab/,
    );
    await expectRefused(
      () => call("PUT", `${learner.base}/evidence/${UNKNOWN_ID}`, learner.cookie, update),
      404,
    );
    // Someone else's evidence id through my enrolment is not found; through theirs, forbidden.
    const other = await learnerOn();
    const theirs = await addReflection(other, [criteriaOf(await open(other))[0]?.id ?? ""]);
    await expectRefused(
      () => call("PUT", `${learner.base}/evidence/${theirs.evidenceId}`, learner.cookie, update),
      404,
    );
    await expectRefused(
      () =>
        call("PUT", `${other.base}/evidence/${theirs.evidenceId}`, learner.cookie, {
          ...update,
          revision: theirs.portfolio.revision,
        }),
      403,
    );
    await expectRefused(() => call("PUT", url, admin, update), 403);
    await expectRefused(() => call("PUT", url, undefined, update), 401);
  });

  it("deletes evidence, with the revision in the query", async () => {
    const learner = await learnerOn();
    const view = await open(learner);
    const { evidenceId, portfolio } = await addReflection(learner, [criteriaOf(view)[0]?.id ?? ""]);
    const url = `${learner.base}/evidence/${evidenceId}`;
    await expectRefused(
      () => call("DELETE", `${url}?revision=${view.revision}`, learner.cookie),
      409,
      /another tab/,
    );
    await expectRefused(() => call("DELETE", url, learner.cookie), 400);
    await expectRefused(() => call("DELETE", `${url}?revision=${portfolio.revision}`, assessor), 403);
    const response = await call("DELETE", `${url}?revision=${portfolio.revision}`, learner.cookie);
    expect(response.statusCode, response.body).toBe(200);
    const after = (response.json() as PortfolioChange).portfolio;
    expect(after.evidence).toEqual([]);
    expect(after.coverage.covered).toBe(0);
  });
});

describe("files", () => {
  it("stores PDF, Word (current and 97–2003), Excel 97–2003 and images, typed by their bytes", async () => {
    const learner = await learnerOn();
    const criterionIds = [criteriaOf(await open(learner))[0]?.id ?? ""];
    const cases: Array<[string, Buffer, string]> = [
      ["audit.pdf", PDF, "application/pdf"],
      ["plan.docx", DOCX, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
      ["minutes.doc", DOC, "application/msword"],
      ["measures.xls", XLS, "application/vnd.ms-excel"],
      ["board.PNG", PNG, "image/png"],
    ];
    for (const [filename, bytes, contentType] of cases) {
      const { evidenceId, portfolio } = await upload(learner, filename, bytes, criterionIds);
      const item = portfolio.evidence.find((e) => e.id === evidenceId);
      expect(item, filename).toMatchObject({
        kind: "file",
        title: "Stock audit",
        body: "Before and after the change.",
        file: {
          filename,
          contentType,
          sizeBytes: bytes.length,
          url: `/api/portfolios/${portfolio.id}/files/${item?.file?.id}`,
        },
      });
      const [stored] = (await ctx.database.rawQuery(
        "select sha256, uploaded_by from stored_files where id = $1",
        [item?.file?.id],
      )) as Array<{ sha256: string; uploaded_by: string }>;
      expect(stored).toEqual({
        sha256: createHash("sha256").update(bytes).digest("hex"),
        uploaded_by: learner.enrolment.userId,
      });
    }
  });

  it("refuses programs, scripts, macros and contents that do not match the name (422 naming the file)", async () => {
    const learner = await learnerOn();
    const view = await open(learner);
    const criterionIds = [criteriaOf(view)[0]?.id ?? ""];
    const cases: Array<[string, Buffer, RegExp]> = [
      ["report.pdf", EXE, /"report\.pdf" is a program, not a PDF/],
      ["photo.png", ELF, /"photo\.png" is a program/],
      ["slides.pptx", MACHO, /"slides\.pptx" is a program, not a PowerPoint presentation/],
      ["notes.docx", SCRIPT, /"notes\.docx" is a script/],
      ["setup.exe", EXE, /"setup\.exe" is a program or script/],
      ["tidy.sh", SCRIPT, /"tidy\.sh" is a program or script/],
      [
        "audit.pdf",
        PNG,
        /The contents of "audit\.pdf" are not a PDF, even though its name ends \.pdf: it looks like a \.png file/,
      ],
      ["chart.png", PDF, /The contents of "chart\.png" are not a PNG image/],
      ["plan.docx", DOCM, /"plan\.docx" is a macro-enabled Office file/],
      ["plan.docm", DOCX, /"plan\.docm" is a macro-enabled Office file/],
      ["budget.xlsm", DOCX, /"budget\.xlsm" is a macro-enabled Office file/],
      ["minutes.doc", DOC_WITH_MACROS, /"minutes\.doc" contains macros/],
      ["minutes.doc", XLS, /The contents of "minutes\.doc" are not a Word 97–2003 document/],
      ["page.html", Buffer.from("<html></html>"), /"page\.html" is not a type of file you can upload/],
      ["README", Buffer.from("text"), /"README" has no file type at the end of its name/],
      ["empty.pdf", Buffer.alloc(0), /"empty\.pdf" is empty/],
    ];
    for (const [filename, bytes, message] of cases) {
      const response = await expectRefused(
        () => uploadRequest(learner, view.revision, { filename, bytes }, criterionIds),
        422,
        message,
      );
      expect(JSON.parse(response.body), filename).toMatchObject({
        error: "file_not_accepted",
        details: [{ field: "file" }],
      });
    }
  });

  it("refuses a file over 20 MB with 413 saying the limit", async () => {
    const learner = await learnerOn();
    const view = await open(learner);
    const big = Buffer.concat([PDF, Buffer.alloc(EVIDENCE_FILE_MAX_BYTES + 1 - PDF.length)]);
    await expectRefused(
      () =>
        uploadRequest(learner, view.revision, { filename: "scan.pdf", bytes: big }, [
          criteriaOf(view)[0]?.id ?? "",
        ]),
      413,
      /"scan\.pdf" is larger than 20 MB\. Evidence files must be 20 MB or smaller/,
    );
  });

  it("refuses a missing file, missing fields, a body that is not multipart, and other people, writing nothing", async () => {
    const learner = await learnerOn();
    const view = await open(learner);
    const criterionIds = [criteriaOf(view)[0]?.id ?? ""];
    await expectRefused(
      () => uploadRequest(learner, view.revision, null, criterionIds),
      400,
      /Choose a file/,
    );
    await expectRefused(
      () => uploadRequest(learner, view.revision, { filename: "a.pdf", bytes: PDF }, []),
      400,
      /Select at least one criterion/,
    );
    await expectRefused(
      () => uploadRequest(learner, view.revision, { filename: "a.pdf", bytes: PDF }, criterionIds, ""),
      400,
      /Enter a title/,
    );
    await expectRefused(
      () => uploadRequest(learner, view.revision - 1 || 99, { filename: "a.pdf", bytes: PDF }, criterionIds),
      409,
      /another tab/,
    );
    await expectRefused(
      () => call("POST", `${learner.base}/files`, learner.cookie, { title: "not multipart" }),
      415,
      /multipart\/form-data/,
    );
    const stranger = { ...learner, cookie: await signIn(ctx, await buildUser(ctx)) };
    await expectRefused(
      () => uploadRequest(stranger, view.revision, { filename: "a.pdf", bytes: PDF }, criterionIds),
      403,
    );
    await expectRefused(
      () =>
        uploadRequest(
          { ...learner, cookie: admin },
          view.revision,
          { filename: "a.pdf", bytes: PDF },
          criterionIds,
        ),
      403,
    );
  });
});

describe("serving evidence files", () => {
  let learner: Learner;
  let portfolioId: string;
  let fileUrl: string;

  beforeAll(async () => {
    learner = await learnerOn();
    const criterionIds = [criteriaOf(await open(learner))[0]?.id ?? ""];
    const { evidenceId, portfolio } = await upload(learner, "Ward audit – März.pdf", PDF, criterionIds);
    portfolioId = portfolio.id;
    fileUrl = portfolio.evidence.find((e) => e.id === evidenceId)?.file?.url ?? "";
  });

  it("serves the learner their file as an attachment, not cached, not sniffed, unaudited", async () => {
    const before = (await auditFor(ctx, "portfolios.evidence_file_viewed")).length;
    const response = await call("GET", fileUrl, learner.cookie);
    expect(response.statusCode).toBe(200);
    expect(response.rawPayload.equals(PDF)).toBe(true);
    expect(response.headers).toMatchObject({
      "content-type": "application/pdf",
      "content-disposition": `attachment; filename="Ward audit _ M_rz.pdf"; filename*=UTF-8''${encodeURIComponent("Ward audit – März.pdf")}`,
      "x-content-type-options": "nosniff",
      "cache-control": "private, no-store",
      "content-length": String(PDF.length),
    });
    expect((await auditFor(ctx, "portfolios.evidence_file_viewed")).length).toBe(before);
  });

  it("hides it (404) from other learners, editors and assessors with no version of this portfolio", async () => {
    const stranger = await signIn(ctx, await buildUser(ctx));
    for (const cookie of [stranger, editor, assessor, otherAssessor]) {
      const response = await call("GET", fileUrl, cookie);
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ error: "not_found", message: "The file could not be found." });
    }
    expect((await call("GET", fileUrl)).statusCode).toBe(401);
  });

  it("is never a course file: /api/files/:id refuses it, even to its own learner", async () => {
    const fileId = fileUrl.split("/").pop() ?? "";
    for (const cookie of [learner.cookie, editor]) {
      const response = await call("GET", `/api/files/${fileId}`, cookie);
      expect(response.statusCode).toBe(404);
    }
    const rows = await ctx.database.rawQuery("select purpose from stored_files where id = $1", [fileId]);
    expect(rows).toEqual([{ purpose: "portfolio_evidence" }]);
  });

  it("serves internal verifiers, platform administrators and the allocated assessor, auditing each view", async () => {
    const view = await coverEverything(learner);
    expect(view.coverage.missing).toEqual([]);
    const { portfolio } = await submit(learner);
    const [submission] = await submissionsOf(ctx, portfolio.id);
    await allocate(ctx, submission?.id ?? "", assessorUser.id);
    for (const cookie of [verifier, admin, assessor]) {
      const response = await call("GET", fileUrl, cookie);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.headers["content-disposition"]).toMatch(/^attachment;/);
    }
    const audits = await auditFor(ctx, "portfolios.evidence_file_viewed");
    expect(audits.slice(0, 3).map((a) => a.actorUserId)).toContain(adminUser.id);
    expect(audits[0]).toMatchObject({
      subjectType: "portfolio",
      subjectId: portfolioId,
      details: { filename: "Ward audit – März.pdf", learnerUserId: learner.enrolment.userId },
    });
    expect((await call("GET", fileUrl, otherAssessor)).statusCode).toBe(404);
  });

  it("serves only files of that portfolio: another portfolio's file, unknown ids and bad ids are 404 or 400", async () => {
    const other = await learnerOn();
    const theirs = await upload(other, "theirs.pdf", PDF, [criteriaOf(await open(other))[0]?.id ?? ""]);
    const theirFileId = theirs.portfolio.evidence[0]?.file?.id ?? "";
    expect(
      (await call("GET", `/api/portfolios/${portfolioId}/files/${theirFileId}`, learner.cookie)).statusCode,
    ).toBe(404);
    expect((await call("GET", `/api/portfolios/${portfolioId}/files/${theirFileId}`, admin)).statusCode).toBe(
      404,
    );
    expect((await call("GET", `/api/portfolios/${UNKNOWN_ID}/files/${theirFileId}`, admin)).statusCode).toBe(
      404,
    );
    expect((await call("GET", `/api/portfolios/${portfolioId}/files/nope`, learner.cookie)).statusCode).toBe(
      400,
    );
  });
});

describe("submitting", () => {
  it("needs the declaration (422) and evidence for every criterion (422 naming them), writing nothing", async () => {
    const learner = await learnerOn();
    const view = await open(learner);
    const criteria = criteriaOf(view);
    await addReflection(learner, [criteria[0]?.id ?? ""]);
    const revision = (await open(learner)).revision;
    let response = await expectRefused(
      () => call("POST", `${learner.base}/submit`, learner.cookie, { revision }),
      422,
      /Confirm the declaration/,
    );
    expect(JSON.parse(response.body)).toMatchObject({
      error: "declaration_required",
      details: [{ field: "declaration" }],
    });
    await expectRefused(
      () => call("POST", `${learner.base}/submit`, learner.cookie, { revision, declaration: false }),
      422,
      /Confirm the declaration/,
    );
    response = await expectRefused(
      () => call("POST", `${learner.base}/submit`, learner.cookie, { revision, declaration: true }),
      422,
      new RegExp(
        `Add evidence for these ${criteria.length - 1} criteria before you submit: ${criteria[1]?.code}`,
      ),
    );
    const body = JSON.parse(response.body) as {
      error: string;
      details: Array<{ field: string; message: string }>;
    };
    expect(body.error).toBe("criteria_without_evidence");
    expect(body.details).toHaveLength(criteria.length - 1);
    expect(body.details[0]).toEqual({
      field: `criterion-${criteria[1]?.id}`,
      message: `Add evidence for ${criteria[1]?.code}: ${criteria[1]?.statement}`,
    });
    await expectRefused(
      () => call("POST", `${learner.base}/submit`, assessor, { revision, declaration: true }),
      403,
    );
    await expectRefused(
      () => call("POST", `${learner.base}/submit`, undefined, { revision, declaration: true }),
      401,
    );
  });

  it("makes version 1 with a snapshot and the declaration, waiting for an assessor, and locks the portfolio", async () => {
    const learner = await learnerOn();
    const criteria = criteriaOf(await open(learner));
    await upload(learner, "audit.pdf", PDF, [criteria[0]?.id ?? ""]);
    const covered = await coverEverything(learner);
    const submitted = await submit(learner);
    expect(submitted.version).toBe(1);
    expect(submitted.portfolio).toMatchObject({
      status: "submitted",
      stage: "with_assessor",
      editable: false,
      lockedReason: "Your portfolio is with the assessor; you can change it if it is referred back.",
      versions: [
        {
          version: 1,
          status: "awaiting_assessment",
          stage: "with_assessor",
          declaration: SUBMISSION_DECLARATION,
          evidenceCount: 2,
          criteriaCount: criteria.length,
          decisions: [],
        },
      ],
    });
    const [row] = await submissionsOf(ctx, submitted.portfolio.id);
    expect(row).toMatchObject({
      version: 1,
      status: "awaiting_assessment",
      assessor_id: null,
      declaration: SUBMISSION_DECLARATION,
    });
    expect(row?.snapshot.criteria.map((c) => c.code)).toEqual(criteria.map((c) => c.code));
    expect(row?.snapshot.criteria[0]).toMatchObject({
      unitTitle: expect.any(String),
      outcomeTitle: expect.any(String),
    });
    expect(row?.snapshot.evidence).toHaveLength(2);
    expect(row?.snapshot.evidence[0]).toMatchObject({
      kind: "file",
      filename: "audit.pdf",
      contentType: "application/pdf",
    });
    expect(row?.snapshot.evidence[1]).toMatchObject({
      kind: "reflection",
      criterionIds: criteria.map((c) => c.id),
    });
    const [audit] = await auditFor(ctx, "portfolios.submitted");
    expect(audit).toMatchObject({ subjectId: covered.id, details: { version: 1, evidence: 2 } });

    // Every write is now refused with 409, and nothing changes.
    const view = await open(learner);
    const evidenceId = view.evidence[0]?.id;
    const locked = /Your portfolio is with the assessor; you can change it if it is referred back/;
    await expectRefused(
      () =>
        call("POST", `${learner.base}/evidence`, learner.cookie, {
          kind: "reflection",
          revision: view.revision,
          title: "Late",
          body: "Late",
          criterionIds: [criteria[0]?.id],
        }),
      409,
      locked,
    );
    await expectRefused(
      () =>
        uploadRequest(learner, view.revision, { filename: "late.pdf", bytes: PDF }, [criteria[0]?.id ?? ""]),
      409,
      locked,
    );
    await expectRefused(
      () =>
        call("PUT", `${learner.base}/evidence/${evidenceId}`, learner.cookie, {
          revision: view.revision,
          title: "Changed",
          body: "",
          criterionIds: [criteria[0]?.id],
        }),
      409,
      locked,
    );
    await expectRefused(
      () =>
        call("DELETE", `${learner.base}/evidence/${evidenceId}?revision=${view.revision}`, learner.cookie),
      409,
      locked,
    );
    await expectRefused(
      () =>
        call("POST", `${learner.base}/submit`, learner.cookie, {
          revision: view.revision,
          declaration: true,
        }),
      409,
      locked,
    );
  });

  it("submits once when the same portfolio is submitted twice at the same moment", async () => {
    const learner = await learnerOn();
    await coverEverything(learner);
    const { revision } = await open(learner);
    const responses = await Promise.all(
      [1, 2].map(() =>
        call("POST", `${learner.base}/submit`, learner.cookie, { revision, declaration: true }),
      ),
    );
    expect(responses.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(await submissionsOf(ctx, (await open(learner)).id)).toHaveLength(1);
  });
});

describe("after assessment", () => {
  it("shows a referral with its feedback, opens the portfolio again, and resubmitting makes version 2", async () => {
    const learner = await learnerOn();
    const criteria = criteriaOf(await open(learner));
    const file = await upload(learner, "audit.pdf", PDF, [criteria[0]?.id ?? ""]);
    const fileEvidence = file.portfolio.evidence[0];
    await coverEverything(learner);
    const first = await submit(learner);
    const [submission] = await submissionsOf(ctx, first.portfolio.id);
    await allocate(ctx, submission?.id ?? "", assessorUser.id);
    await decide(ctx, submission?.id ?? "", {
      outcome: "refer",
      assessorId: assessorUser.id,
      feedback: "Good start. Show your own part in 1.2.",
      criteria: criteria.map((c, i) => ({
        criterionId: c.id,
        decision: i === 1 ? "not_yet_met" : "met",
        feedback: i === 1 ? "Say what you did, not only the team." : "",
      })),
    });

    let view = await open(learner);
    expect(view).toMatchObject({ status: "referred", stage: "referred", editable: true, lockedReason: null });
    expect(view.versions[0]?.decisions).toEqual([
      {
        id: expect.any(String),
        decidedAt: expect.any(String),
        state: "standing",
        outcome: "refer",
        feedback: "Good start. Show your own part in 1.2.",
        criteria: expect.arrayContaining([
          {
            criterionId: criteria[1]?.id,
            code: criteria[1]?.code,
            statement: criteria[1]?.statement,
            decision: "not_yet_met",
            feedback: "Say what you did, not only the team.",
          },
        ]),
      },
    ]);

    // Editable again: the learner removes the file (kept for version 1) and adds a new reflection.
    const removed = await call(
      "DELETE",
      `${learner.base}/evidence/${fileEvidence?.id}?revision=${view.revision}`,
      learner.cookie,
    );
    expect(removed.statusCode, removed.body).toBe(200);
    const stillServed = await call("GET", fileEvidence?.file?.url ?? "", learner.cookie);
    expect(stillServed.statusCode).toBe(200);
    expect((await call("GET", fileEvidence?.file?.url ?? "", assessor)).statusCode).toBe(200);
    await addReflection(learner, [criteria[1]?.id ?? ""], {
      title: "My own part",
      body: "I led the huddles.",
    });

    const second = await submit(learner);
    expect(second.version).toBe(2);
    view = second.portfolio;
    expect(view.versions.map((v) => [v.version, v.stage])).toEqual([
      [2, "with_assessor"],
      [1, "referred"],
    ]);
    expect(view.stage).toBe("with_assessor");
    const rows = await submissionsOf(ctx, view.id);
    expect(rows.map((r) => r.version)).toEqual([2, 1]);
    expect(rows[0]?.snapshot.evidence.map((e) => e.fileId)).not.toContain(fileEvidence?.file?.id);
    expect(rows[1]?.snapshot.evidence.map((e) => e.fileId)).toContain(fileEvidence?.file?.id);
  });

  it("says 'being quality checked' without the outcome while a sampled decision awaits verification", async () => {
    const learner = await learnerOn();
    await coverEverything(learner);
    const submitted = await submit(learner);
    const [submission] = await submissionsOf(ctx, submitted.portfolio.id);
    const decisionId = await decide(ctx, submission?.id ?? "", {
      outcome: "pass",
      feedback: "Excellent portfolio.",
      sampled: true,
    });
    let view = await open(learner);
    expect(view.stage).toBe("awaiting_quality_check");
    expect(view.editable).toBe(false);
    expect(view.versions[0]?.decisions).toEqual([
      {
        id: decisionId,
        decidedAt: expect.any(String),
        state: "being_quality_checked",
        outcome: null,
        feedback: null,
        criteria: [],
      },
    ]);
    expect(JSON.stringify(view)).not.toContain("Excellent portfolio.");

    // Overturned by the verifier: labelled so, back with the assessor.
    await overturn(ctx, decisionId);
    view = await open(learner);
    expect(view.stage).toBe("with_assessor");
    expect(view.versions[0]?.decisions[0]).toMatchObject({ state: "overturned", outcome: "pass" });
  });

  it("refuses every change once passed (409)", async () => {
    const learner = await learnerOn();
    await coverEverything(learner);
    const submitted = await submit(learner);
    const [submission] = await submissionsOf(ctx, submitted.portfolio.id);
    await decide(ctx, submission?.id ?? "", { outcome: "pass", feedback: "Well done." });
    const view = await open(learner);
    expect(view).toMatchObject({ status: "passed", stage: "passed", editable: false });
    expect(view.versions[0]?.decisions[0]).toMatchObject({
      state: "standing",
      outcome: "pass",
      feedback: "Well done.",
    });
    await expectRefused(
      () =>
        call("POST", `${learner.base}/evidence`, learner.cookie, {
          kind: "link",
          revision: view.revision,
          title: "Late",
          url: "https://example.org",
          criterionIds: [criteriaOf(view)[0]?.id],
        }),
      409,
      /has passed, so it can no longer be changed/,
    );
  });
});

describe("an enrolment whose access has ended", () => {
  let learner: TestEnrolment;

  it("shows the portfolio read-only and refuses changes with 409", async () => {
    const found = await learnerOn();
    learner = found.enrolment;
    const criterionIds = [criteriaOf(await open(found))[0]?.id ?? ""];
    const { evidenceId } = await addReflection(found, criterionIds);
    const DAY = 86_400_000;
    await setWindow(ctx, learner.id, new Date(Date.now() - 200 * DAY), new Date(Date.now() - DAY));
    const view = await open(found);
    expect(view).toMatchObject({
      editable: false,
      lockedReason: expect.stringMatching(/access to this course has ended/),
    });
    const ended = /access to this course has ended/;
    await expectRefused(
      () =>
        call("POST", `${found.base}/evidence`, found.cookie, {
          kind: "reflection",
          revision: view.revision,
          title: "Late",
          body: "Late",
          criterionIds,
        }),
      409,
      ended,
    );
    await expectRefused(
      () => uploadRequest(found, view.revision, { filename: "a.pdf", bytes: PDF }, criterionIds),
      409,
      ended,
    );
    await expectRefused(
      () => call("DELETE", `${found.base}/evidence/${evidenceId}?revision=${view.revision}`, found.cookie),
      409,
      ended,
    );
    await expectRefused(
      () =>
        call("POST", `${found.base}/submit`, found.cookie, { revision: view.revision, declaration: true }),
      409,
      ended,
    );
  });
});
