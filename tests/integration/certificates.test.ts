import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAchievementIfEarned } from "../../src/server/modules/certificates/accreditation.js";
import { VERIFY_RATE_LIMIT } from "../../src/server/modules/certificates/certificates.service.js";
import type {
  AdminCertificate,
  AdminCertificatePage,
  ClaimsPage,
  MyCertificates,
  Registration,
  VerifyResult,
} from "../../src/shared/certificates.js";
import {
  COURSE_SLUGS,
  credentialsOf,
  enrolledLearner,
  giveCourseSteps,
  setPortfolioStatus,
  workThrough,
} from "../support/certificates-fixtures.js";
import {
  auditFor,
  buildAdmin,
  buildEnrolment,
  buildUser,
  mailTo,
  signIn,
  type TestUser,
  tableCounts,
} from "../support/factories.js";
import { courseIdBySlug } from "../support/learning-fixtures.js";
import { extractPdfText, pdfPlainText } from "../support/pdf-text.js";
import { createTestApp, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
let introductory: string;
let practitioner: string;
let admin: TestUser;
let adminCookie: string;
let otherLearnerCookie: string;
let editorCookie: string;

beforeAll(async () => {
  ctx = await createTestApp();
  introductory = await courseIdBySlug(ctx, COURSE_SLUGS.introductory);
  practitioner = await giveCourseSteps(ctx, COURSE_SLUGS.practitioner, { finalQuiz: false });
  admin = await buildAdmin(ctx, { givenName: "Ada", familyName: "Admin" });
  adminCookie = await signIn(ctx, admin);
  otherLearnerCookie = await signIn(ctx, await buildUser(ctx));
  editorCookie = await signIn(ctx, await buildUser(ctx, { roles: ["learner", "content_editor"] }));
});
afterAll(async () => ctx.close());

type Method = "GET" | "POST" | "PUT" | "DELETE";
let ipCounter = 0;
/** Each call comes from its own address unless told, so the verification limit only bites where a test means it. */
const call = (cookie: string | null, method: Method, url: string, payload?: unknown, ip?: string) =>
  ctx.app.inject({
    method,
    url,
    headers: cookie ? { cookie } : {},
    remoteAddress: ip ?? `10.1.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`,
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });

/** A learner who has achieved the introductory course through the learning API, with their certificate. */
async function achiever(user: { givenName?: string; familyName?: string } = {}) {
  const learner = await enrolledLearner(ctx, introductory, { user });
  await workThrough(ctx, learner);
  const { certificates } = await credentialsOf(ctx, learner.enrolmentId);
  const certificate = certificates[0];
  if (!certificate) throw new Error("no certificate was issued");
  return { ...learner, certificate };
}

/** A certificate achieved straight through the rule (no API), for tests that only need one to exist. */
async function quickCertificate(options: { expiresAt?: Date } = {}) {
  const user = await buildUser(ctx, { givenName: "Quinn", familyName: "Quick" });
  const enrolment = await buildEnrolment(ctx, {
    userId: user.id,
    courseId: introductory,
    completedAt: new Date(),
  });
  const recorded = await recordAchievementIfEarned(ctx.database.db, enrolment.id, new Date());
  if (!recorded) throw new Error("not achieved");
  if (options.expiresAt) {
    await ctx.database.rawQuery("update certificates set expires_at = $2 where id = $1", [
      recorded.certificateId,
      options.expiresAt.toISOString(),
    ]);
  }
  return { user, enrolmentId: enrolment.id, ...recorded };
}

describe("GET /api/certificates/mine", () => {
  it("lists only my certificates, with status, links and what they print", async () => {
    const me = await achiever({ givenName: "Siân", familyName: "O'Neill" });
    await achiever();
    const response = await call(me.cookie, "GET", "/api/certificates/mine");
    expect(response.statusCode).toBe(200);
    const body = response.json<MyCertificates>();
    expect(body.certificates).toHaveLength(1);
    expect(body.certificates[0]).toMatchObject({
      id: me.certificate.id,
      code: me.certificate.code,
      status: "valid",
      certificateName: "Siân O'Neill",
      courseId: introductory,
      levelLabel: "Introductory",
      programmeTitle: "Productive Community Services",
      expiresAt: null,
      verifyUrl: `${ctx.config.publicUrl}/verify/${me.certificate.code}`,
      pdfUrl: `/api/certificates/${me.certificate.id}/pdf`,
    });
  });

  it("shows a valid certificate past its expiry as expired", async () => {
    const quick = await quickCertificate({ expiresAt: new Date(Date.now() - 60_000) });
    const cookie = await signIn(ctx, quick.user);
    const body = (await call(cookie, "GET", "/api/certificates/mine")).json<MyCertificates>();
    expect(body.certificates[0]?.status).toBe("expired");
  });

  it("answers 401 signed out and an empty list for someone with none", async () => {
    expect((await call(null, "GET", "/api/certificates/mine")).statusCode).toBe(401);
    const response = await call(otherLearnerCookie, "GET", "/api/certificates/mine");
    expect(response.json()).toEqual({ certificates: [] });
  });
});

describe("GET /api/certificates/:id/pdf", () => {
  it("sends the holder an A4 PDF attachment holding their name, the course and the code", async () => {
    const me = await achiever({ givenName: "Nguyễn", familyName: "Thị Ánh" });
    const response = await call(me.cookie, "GET", `/api/certificates/${me.certificate.id}/pdf`);
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("application/pdf");
    expect(response.headers["content-disposition"]).toBe(
      `attachment; filename="qi-academy-certificate-${me.certificate.code}.pdf"`,
    );
    const text = await pdfPlainText(response.rawPayload);
    expect(text).toContain("Nguyễn Thị Ánh");
    expect(text).toContain(me.certificate.code);
    expect(text).toContain("Productive Community Services");
    expect(text).toContain(`${ctx.config.publicUrl}/verify/${me.certificate.code}`);
    expect(text).toMatch(/Date of achievement \d{1,2} [A-Z][a-z]+ \d{4}/);
    expect(text).toContain("Does not expire");
    // No audit for reading your own.
    expect(
      (await auditFor(ctx, "certificates.pdf_downloaded")).filter((a) => a.subjectId === me.certificate.id),
    ).toEqual([]);
  });

  it("prints a Chinese name with the CJK fallback font", async () => {
    const me = await achiever({ givenName: "小明", familyName: "王" });
    const response = await call(me.cookie, "GET", `/api/certificates/${me.certificate.id}/pdf`);
    // Each font's run is its own piece of text; glued back together they read as the name.
    const [pieces = []] = await extractPdfText(response.rawPayload);
    expect(pieces.join("")).toContain("小明 王");
  });

  it("lets a platform administrator download anyone's, audited; others get 404 and 401", async () => {
    const me = await achiever();
    const url = `/api/certificates/${me.certificate.id}/pdf`;
    const asAdmin = await call(adminCookie, "GET", url);
    expect(asAdmin.statusCode).toBe(200);
    const [audit] = await auditFor(ctx, "certificates.pdf_downloaded");
    expect(audit).toMatchObject({ actorUserId: admin.id, subjectId: me.certificate.id });

    expect((await call(otherLearnerCookie, "GET", url)).statusCode).toBe(404);
    expect((await call(editorCookie, "GET", url)).statusCode).toBe(404);
    expect((await call(null, "GET", url)).statusCode).toBe(401);
    expect((await call(me.cookie, "GET", "/api/certificates/not-a-uuid/pdf")).statusCode).toBe(400);
    expect(
      (await call(me.cookie, "GET", "/api/certificates/00000000-0000-4000-8000-000000000000/pdf")).statusCode,
    ).toBe(404);
  });
});

describe("GET /api/certificates/:code/verify (public)", () => {
  it("says valid, signed out, with only what the certificate prints", async () => {
    const me = await achiever({ givenName: "Ivan", familyName: "Петров" });
    const response = await call(null, "GET", `/api/certificates/${me.certificate.code}/verify`);
    expect(response.statusCode).toBe(200);
    const body = response.json<VerifyResult>();
    expect(body).toEqual({
      status: "valid",
      code: me.certificate.code,
      certificate: {
        name: "Ivan Петров",
        courseTitle: expect.any(String),
        levelLabel: "Introductory",
        programmeTitle: "Productive Community Services",
        issuedAt: expect.any(String),
        expiresAt: null,
      },
      revokedAt: null,
      revokedNote: null,
    });
    expect(JSON.stringify(body)).not.toContain("@");
  });

  it("reads codes forgivingly: lower case, spaces, no hyphens, O for 0, I or L for 1", async () => {
    const me = await achiever();
    const code = me.certificate.code;
    const typed = [
      code.toLowerCase(),
      code.replaceAll("-", " "),
      code.replaceAll("-", "").slice(3),
      code.replaceAll("0", "O").replaceAll("1", "l"),
    ];
    for (const variant of typed) {
      const body = (
        await call(null, "GET", `/api/certificates/${encodeURIComponent(variant)}/verify`)
      ).json<VerifyResult>();
      expect(body.status, variant).toBe("valid");
      expect(body.code).toBe(code);
    }
  });

  it("says not_found for unknown and impossible codes, and refuses absurd input", async () => {
    const unknown = (
      await call(null, "GET", "/api/certificates/QIA-0000-0000-0000-0000/verify")
    ).json<VerifyResult>();
    expect(unknown).toEqual({
      status: "not_found",
      code: "QIA-0000-0000-0000-0000",
      certificate: null,
      revokedAt: null,
      revokedNote: null,
    });
    const impossible = (await call(null, "GET", "/api/certificates/hello/verify")).json<VerifyResult>();
    expect(impossible).toMatchObject({ status: "not_found", code: null, certificate: null });
    expect((await call(null, "GET", `/api/certificates/${"A".repeat(65)}/verify`)).statusCode).toBe(400);
  });

  it("says expired for a valid certificate past its expiry", async () => {
    const quick = await quickCertificate({ expiresAt: new Date(Date.now() - 1000) });
    const body = (await call(null, "GET", `/api/certificates/${quick.code}/verify`)).json<VerifyResult>();
    expect(body.status).toBe("expired");
    expect(body.certificate?.expiresAt).not.toBeNull();
  });

  it("limits look-ups per address: 429 with Retry-After past the limit, other addresses unaffected", async () => {
    const quick = await quickCertificate();
    const url = `/api/certificates/${quick.code}/verify`;
    for (let i = 0; i < VERIFY_RATE_LIMIT.hardLimit; i++) {
      expect((await call(null, "GET", url, undefined, "192.0.2.77")).statusCode).toBe(200);
    }
    const limited = await call(null, "GET", url, undefined, "192.0.2.77");
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ error: "rate_limited" });
    expect(limited.json().message).toMatch(/Wait \d+ minutes? and try again/);
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    expect((await call(null, "GET", url, undefined, "192.0.2.78")).statusCode).toBe(200);
  });
});

describe("admin: search and detail", () => {
  it("finds by code (forgivingly), by name and by email, audited; not for anyone else", async () => {
    const me = await achiever({ givenName: "Searchable", familyName: "Person" });
    const byCode = await call(
      adminCookie,
      "GET",
      `/api/admin/certificates?q=${encodeURIComponent(me.certificate.code.toLowerCase())}`,
    );
    expect(byCode.statusCode).toBe(200);
    const page = byCode.json<AdminCertificatePage>();
    expect(page).toMatchObject({ total: 1, matchedCode: true });
    expect(page.items[0]).toMatchObject({ id: me.certificate.id, status: "valid" });

    const byName = (
      await call(adminCookie, "GET", "/api/admin/certificates?q=searchable%20per")
    ).json<AdminCertificatePage>();
    expect(byName.items.map((i) => i.id)).toEqual([me.certificate.id]);
    const byEmail = (
      await call(adminCookie, "GET", `/api/admin/certificates?q=${encodeURIComponent(me.user.email)}`)
    ).json<AdminCertificatePage>();
    expect(byEmail.items.map((i) => i.learner.email)).toEqual([me.user.email]);
    const wildcard = (
      await call(adminCookie, "GET", "/api/admin/certificates?q=%25%25")
    ).json<AdminCertificatePage>();
    expect(wildcard.total).toBe(0);

    expect((await auditFor(ctx, "certificates.search")).length).toBeGreaterThanOrEqual(3);
    expect((await call(adminCookie, "GET", "/api/admin/certificates?q=a")).statusCode).toBe(400);
    expect((await call(adminCookie, "GET", "/api/admin/certificates?q=ab&page=0")).statusCode).toBe(400);
    expect((await call(otherLearnerCookie, "GET", "/api/admin/certificates?q=searchable")).statusCode).toBe(
      403,
    );
    expect((await call(editorCookie, "GET", "/api/admin/certificates?q=searchable")).statusCode).toBe(403);
    expect((await call(null, "GET", "/api/admin/certificates?q=searchable")).statusCode).toBe(401);
  });

  it("shows one certificate with its history, audited; 403 and 404 where due", async () => {
    const me = await achiever();
    const response = await call(adminCookie, "GET", `/api/admin/certificates/${me.certificate.id}`);
    expect(response.statusCode).toBe(200);
    const detail = response.json<AdminCertificate>();
    expect(detail).toMatchObject({
      id: me.certificate.id,
      rule: "completion",
      currentCertificateName: "Alex Morgan",
      replacedBy: null,
      history: [{ id: me.certificate.id, status: "valid" }],
    });
    const [audit] = await auditFor(ctx, "certificates.view");
    expect(audit).toMatchObject({ actorUserId: admin.id, subjectId: me.certificate.id });
    expect((await call(me.cookie, "GET", `/api/admin/certificates/${me.certificate.id}`)).statusCode).toBe(
      403,
    );
    expect(
      (await call(adminCookie, "GET", "/api/admin/certificates/00000000-0000-4000-8000-000000000000"))
        .statusCode,
    ).toBe(404);
  });
});

describe("admin: revoke", () => {
  it("revokes with a reason: audited, the learner emailed, verification says revoked without the reason", async () => {
    const me = await achiever();
    const url = `/api/admin/certificates/${me.certificate.id}/revoke`;
    const before = await tableCounts(ctx);
    expect((await call(me.cookie, "POST", url, { reason: "Mine" })).statusCode).toBe(403);
    expect((await call(null, "POST", url, { reason: "x" })).statusCode).toBe(401);
    expect((await call(adminCookie, "POST", url, { reason: "  " })).statusCode).toBe(400);
    expect((await call(adminCookie, "POST", url, { reason: "x".repeat(501) })).statusCode).toBe(400);
    expect((await call(adminCookie, "POST", url, { reason: "ok", extra: 1 })).statusCode).toBe(400);
    expect(await tableCounts(ctx)).toEqual(before);
    expect((await credentialsOf(ctx, me.enrolmentId)).certificates[0]?.state).toBe("valid");

    const reason = "Plagiarism found in the learner's assessment (case 2026/17).";
    const response = await call(adminCookie, "POST", url, { reason });
    expect(response.statusCode).toBe(200);
    expect(response.json<AdminCertificate>()).toMatchObject({
      status: "revoked",
      revokedReason: reason,
      revokedBy: "Ada Admin",
    });
    const [audit] = await auditFor(ctx, "certificates.revoke");
    expect(audit).toMatchObject({ actorUserId: admin.id, subjectId: me.certificate.id });
    const [mail] = await mailTo(ctx, me.user.email);
    expect(mail?.subject).toContain("revoked");
    expect(mail?.text).toContain(reason);

    const verified = (
      await call(null, "GET", `/api/certificates/${me.certificate.code}/verify`)
    ).json<VerifyResult>();
    expect(verified).toMatchObject({ status: "revoked", revokedNote: null });
    expect(verified.revokedAt).not.toBeNull();
    expect(JSON.stringify(verified)).not.toContain("Plagiarism");

    const mine = (await call(me.cookie, "GET", "/api/certificates/mine")).json<MyCertificates>();
    expect(mine.certificates[0]?.status).toBe("revoked");

    const again = await call(adminCookie, "POST", url, { reason: "again" });
    expect(again.statusCode).toBe(409);
    expect(
      (
        await call(
          adminCookie,
          "POST",
          "/api/admin/certificates/00000000-0000-4000-8000-000000000000/revoke",
          {
            reason: "x",
          },
        )
      ).statusCode,
    ).toBe(404);
  });
});

describe("admin: reissue", () => {
  it("reissues under a new code with the corrected name; the old one is replaced and says so publicly", async () => {
    const me = await achiever({ givenName: "Jon", familyName: "Smyth" });
    await ctx.database.rawQuery("update users set certificate_name = 'Jonathan Smythe' where id = $1", [
      me.user.id,
    ]);
    const url = `/api/admin/certificates/${me.certificate.id}/reissue`;
    expect((await call(me.cookie, "POST", url, { reason: "x" })).statusCode).toBe(403);
    expect((await call(adminCookie, "POST", url, {})).statusCode).toBe(400);

    const response = await call(adminCookie, "POST", url, {
      reason: "Name corrected at the learner's request",
    });
    expect(response.statusCode).toBe(201);
    const reissued = response.json<AdminCertificate>();
    expect(reissued.code).not.toBe(me.certificate.code);
    expect(reissued).toMatchObject({ status: "valid", certificateName: "Jonathan Smythe" });
    expect(reissued.history.map((h) => [h.code, h.status])).toEqual([
      [me.certificate.code, "superseded"],
      [reissued.code, "valid"],
    ]);
    const { certificates } = await credentialsOf(ctx, me.enrolmentId);
    expect(certificates[0]).toMatchObject({ state: "superseded", replaced_by_id: reissued.id });

    const old = (
      await call(null, "GET", `/api/certificates/${me.certificate.code}/verify`)
    ).json<VerifyResult>();
    expect(old).toMatchObject({
      status: "revoked",
      revokedNote: "replaced by a reissued certificate",
      certificate: { name: "Jon Smyth" },
    });
    const fresh = (await call(null, "GET", `/api/certificates/${reissued.code}/verify`)).json<VerifyResult>();
    expect(fresh).toMatchObject({ status: "valid", certificate: { name: "Jonathan Smythe" } });

    const pdf = await call(me.cookie, "GET", `/api/certificates/${reissued.id}/pdf`);
    const text = await pdfPlainText(pdf.rawPayload);
    expect(text).toContain("Jonathan Smythe");
    expect(text).toContain("Reissued");

    const [audit] = await auditFor(ctx, "certificates.reissue");
    expect(audit).toMatchObject({ actorUserId: admin.id, subjectId: reissued.id });
    const [mail] = await mailTo(ctx, me.user.email);
    expect(mail?.subject).toContain("reissued");
    expect(mail?.text).toContain(reissued.code);

    expect((await call(adminCookie, "POST", url, { reason: "twice" })).statusCode).toBe(409);
    expect(
      (
        await call(adminCookie, "POST", `/api/admin/certificates/${me.certificate.id}/revoke`, {
          reason: "x",
        })
      ).statusCode,
    ).toBe(409);
  });

  it("two reissues at once make one replacement", async () => {
    const me = await achiever();
    const url = `/api/admin/certificates/${me.certificate.id}/reissue`;
    const results = await Promise.all([
      call(adminCookie, "POST", url, { reason: "one" }),
      call(adminCookie, "POST", url, { reason: "two" }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const { certificates } = await credentialsOf(ctx, me.enrolmentId);
    expect(certificates.map((c) => c.state).sort()).toEqual(["superseded", "valid"]);
  });
});

describe("awarding body claims", () => {
  const today = new Date().toISOString().slice(0, 10);

  it("lists achievements at accredited levels in the period with ESR, organisation, code and registration", async () => {
    const learner = await enrolledLearner(ctx, practitioner, {
      user: { givenName: "Claire", familyName: "Claim" },
    });
    await ctx.database.rawQuery("update users set esr_number = '12345678901' where id = $1", [
      learner.user.id,
    ]);
    await setPortfolioStatus(ctx, learner.enrolmentId, "passed");
    await workThrough(ctx, learner);
    await achiever(); // introductory: not an accredited level, so not claimed

    const url = `/api/admin/awarding-body/claims?from=${today}&to=${today}`;
    const response = await call(adminCookie, "GET", url);
    expect(response.statusCode, response.body).toBe(200);
    const page = response.json<ClaimsPage>();
    expect(page.items.every((i) => i.levelLabel !== "Introductory")).toBe(true);
    const row = page.items.find((i) => i.learner.id === learner.user.id);
    expect(row).toMatchObject({
      esrNumber: "12345678901",
      levelLabel: "Practitioner",
      registrationNumber: null,
      certificateCode: expect.stringMatching(/^QIA-/),
    });
    expect(row?.organisation).toBeTruthy();
    expect((await auditFor(ctx, "awarding_body.claims_viewed"))[0]).toMatchObject({ actorUserId: admin.id });

    // Record a registration number, then see it in the claims and the CSV.
    const regUrl = `/api/admin/awarding-body/registrations/${learner.user.id}`;
    expect((await call(learner.cookie, "PUT", regUrl, { registrationNumber: "AB-1" })).statusCode).toBe(403);
    for (const bad of ["", "x".repeat(41), "AB<script>", "=HYPERLINK(1)", " -1"]) {
      expect((await call(adminCookie, "PUT", regUrl, { registrationNumber: bad })).statusCode, bad).toBe(400);
    }
    const put = await call(adminCookie, "PUT", regUrl, { registrationNumber: " QIA/REG-0042 7 " });
    expect(put.statusCode).toBe(200);
    expect(put.json<Registration>()).toMatchObject({
      registrationNumber: "QIA/REG-0042 7",
      recordedBy: "Ada Admin",
    });
    expect((await auditFor(ctx, "awarding_body.registration_recorded"))[0]).toMatchObject({
      subjectId: learner.user.id,
      details: { before: null, after: "QIA/REG-0042 7" },
    });
    const got = await call(adminCookie, "GET", regUrl);
    expect(got.json<Registration>().registrationNumber).toBe("QIA/REG-0042 7");

    const csv = await call(adminCookie, "GET", `${url}&format=csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(csv.headers["content-disposition"]).toBe(
      `attachment; filename="awarding-body-claims-${today}-to-${today}.csv"`,
    );
    const records = parse(csv.body.replace(/^\uFEFF/, ""), { columns: true }) as Array<
      Record<string, string>
    >;
    const claimed = records.find((r) => r.Email === learner.user.email);
    expect(claimed).toMatchObject({
      "Given name": "Claire",
      "ESR number": "12345678901",
      Level: "Practitioner",
      Achieved: today,
      "Registration number": "QIA/REG-0042 7",
    });
    expect((await auditFor(ctx, "awarding_body.claims_exported"))[0]).toMatchObject({
      actorUserId: admin.id,
    });

    expect((await call(learner.cookie, "DELETE", regUrl)).statusCode).toBe(403);
    expect((await call(null, "DELETE", regUrl)).statusCode).toBe(401);
    expect((await call(adminCookie, "DELETE", regUrl)).statusCode).toBe(204);
    expect((await auditFor(ctx, "awarding_body.registration_removed"))[0]).toMatchObject({
      subjectId: learner.user.id,
      details: { before: "QIA/REG-0042 7" },
    });
    expect((await call(adminCookie, "DELETE", regUrl)).statusCode).toBe(404);
  });

  it("guards the CSV against formula injection", async () => {
    const learner = await enrolledLearner(ctx, practitioner, {
      user: { givenName: "=cmd|' /C calc'!A0", familyName: "+Sum" },
    });
    await setPortfolioStatus(ctx, learner.enrolmentId, "passed");
    await workThrough(ctx, learner);
    const csv = await call(
      adminCookie,
      "GET",
      `/api/admin/awarding-body/claims?from=${today}&to=${today}&format=csv`,
    );
    expect(csv.body).toContain(`'=cmd|' /C calc'!A0`);
    expect(csv.body).toContain("'+Sum");
  });

  it("refuses bad periods and anyone but platform administrators", async () => {
    const before = await tableCounts(ctx);
    expect(
      (await call(adminCookie, "GET", "/api/admin/awarding-body/claims?from=2026-02-30&to=2026-03-01"))
        .statusCode,
    ).toBe(400);
    const reversed = await call(
      adminCookie,
      "GET",
      "/api/admin/awarding-body/claims?from=2026-03-02&to=2026-03-01",
    );
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().details).toEqual([
      { field: "to", message: "The end date must be the same as or after the start date" },
    ]);
    expect(
      (await call(adminCookie, "GET", "/api/admin/awarding-body/claims?from=2026-03-01")).statusCode,
    ).toBe(400);
    expect(await tableCounts(ctx)).toEqual(before);
    const url = `/api/admin/awarding-body/claims?from=${today}&to=${today}`;
    expect((await call(otherLearnerCookie, "GET", url)).statusCode).toBe(403);
    expect((await call(editorCookie, "GET", `${url}&format=csv`)).statusCode).toBe(403);
    expect((await call(null, "GET", url)).statusCode).toBe(401);
    const unknownUser = "/api/admin/awarding-body/registrations/00000000-0000-4000-8000-000000000000";
    expect((await call(adminCookie, "PUT", unknownUser, { registrationNumber: "A1" })).statusCode).toBe(404);
    expect((await call(adminCookie, "GET", unknownUser)).statusCode).toBe(404);
    expect((await call(otherLearnerCookie, "GET", unknownUser)).statusCode).toBe(403);
  });
});

describe("course certificate validity (authoring)", () => {
  it("lets content editors set and clear it, audited; refuses bad values and other roles", async () => {
    const url = `/api/authoring/courses/${practitioner}/certificate-validity`;
    expect((await call(editorCookie, "GET", url)).json()).toEqual({ certificateValidityMonths: null });
    const put = await call(editorCookie, "PUT", url, { certificateValidityMonths: 36 });
    expect(put.statusCode).toBe(200);
    expect((await call(editorCookie, "GET", url)).json()).toEqual({ certificateValidityMonths: 36 });
    const [audit] = await auditFor(ctx, "authoring.course_updated");
    expect(audit).toMatchObject({
      subjectId: practitioner,
      details: {
        changed: ["certificateValidityMonths"],
        certificateValidityMonths: { before: null, after: 36 },
      },
    });

    for (const bad of [0, 121, 1.5, "12", -1]) {
      expect(
        (await call(editorCookie, "PUT", url, { certificateValidityMonths: bad })).statusCode,
        String(bad),
      ).toBe(400);
    }
    expect((await call(editorCookie, "PUT", url, {})).statusCode).toBe(400);
    expect((await call(otherLearnerCookie, "PUT", url, { certificateValidityMonths: 1 })).statusCode).toBe(
      403,
    );
    expect((await call(otherLearnerCookie, "GET", url)).statusCode).toBe(403);
    expect((await call(null, "GET", url)).statusCode).toBe(401);
    expect(
      (
        await call(
          editorCookie,
          "GET",
          "/api/authoring/courses/00000000-0000-4000-8000-000000000000/certificate-validity",
        )
      ).statusCode,
    ).toBe(404);
    expect((await call(editorCookie, "GET", url)).json()).toEqual({ certificateValidityMonths: 36 });

    expect((await call(editorCookie, "PUT", url, { certificateValidityMonths: null })).json()).toEqual({
      certificateValidityMonths: null,
    });
  });
});

describe("reports show certificate codes", () => {
  it("the learner-progress report and the ESR export carry the enrolment's valid certificate code", async () => {
    const me = await achiever({ givenName: "Reported", familyName: "Learner" });
    const [org] = (await ctx.database.rawQuery("select organisation_id from users where id = $1", [
      me.user.id,
    ])) as Array<{ organisation_id: string }>;
    const organisationId = org?.organisation_id ?? "";
    const page = await call(
      adminCookie,
      "GET",
      `/api/reports/learner-progress?organisationId=${organisationId}&pageSize=100&status=completed`,
    );
    expect(page.statusCode, page.body).toBe(200);
    const row = page.json().rows.find((r: { learnerId: string }) => r.learnerId === me.user.id);
    expect(row?.certificate).toBe(me.certificate.code);

    const esr = await call(
      adminCookie,
      "GET",
      `/api/reports/esr-completions?organisationId=${organisationId}`,
    );
    expect(esr.statusCode).toBe(200);
    const records = parse(esr.body.replace(/^\uFEFF/, ""), { columns: true }) as Array<
      Record<string, string>
    >;
    expect(records.find((r) => r.Email === me.user.email)?.["Certificate code"]).toBe(me.certificate.code);

    // Revoked: no valid certificate, so the column is empty again.
    await call(adminCookie, "POST", `/api/admin/certificates/${me.certificate.id}/revoke`, {
      reason: "Test",
    });
    const after = await call(
      adminCookie,
      "GET",
      `/api/reports/learner-progress?organisationId=${organisationId}&pageSize=100&status=completed`,
    );
    expect(
      after.json().rows.find((r: { learnerId: string }) => r.learnerId === me.user.id)?.certificate,
    ).toBeNull();
  });
});
