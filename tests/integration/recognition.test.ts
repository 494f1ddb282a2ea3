import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseStudies, userRoles } from "../../src/server/db/schema/index.js";
import type { LibraryEntry, LibraryPage } from "../../src/shared/library.js";
import { CASE_STUDY_SECTIONS } from "../../src/shared/projects.js";
import {
  RECOGNITION_CPD_POINTS,
  RECOGNITION_RUBRIC,
  type RecognitionAdminList,
  type RecognitionDecisionResult,
  type RecognitionOverview,
  type RecognitionQueue,
  type RecognitionSubmissionDetail,
} from "../../src/shared/recognition.js";
import { buildStaff, setTeam } from "../support/assessment-fixtures.js";
import { auditFor, buildAdmin, buildUser, mailTo, signIn, type TestUser } from "../support/factories.js";
import { buildMeasure, buildProject } from "../support/projects-fixtures.js";
import { createTestApp, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
const UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";

type Method = "GET" | "POST" | "PUT";
const call = (method: Method, url: string, cookie?: string, payload?: unknown) =>
  ctx.app.inject({
    method,
    url,
    headers: cookie ? { cookie } : {},
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });

const submitUrl = (id: string) => `/api/projects/${id}/recognition/submissions`;
const overviewUrl = (id: string) => `/api/projects/${id}/recognition`;
const pickUpUrl = (id: string) => `/api/assessment/case-studies/${id}/pick-up`;
const viewUrl = (id: string) => `/api/assessment/case-studies/${id}`;
const decisionUrl = (id: string) => `/api/assessment/case-studies/${id}/decision`;
const allocateUrl = (id: string) => `/api/admin/case-studies/${id}/allocate`;

/** A decision body: every criterion 2 for a pass; the first scored 1 with feedback for a referral. */
function decisionBody(outcome: "pass" | "refer") {
  return {
    outcome,
    feedback: outcome === "refer" ? "Show the process measure on a chart over time." : "",
    scores: RECOGNITION_RUBRIC.criteria.map((c, i) => ({
      criterionId: c.id,
      score: outcome === "refer" && i === 0 ? 1 : 2,
      feedback: outcome === "refer" && i === 0 ? "The aim needs a date." : "",
    })),
  };
}

interface Team {
  lead: TestUser;
  leadCookie: string;
  member: TestUser;
  memberCookie: string;
  projectId: string;
}

/** A project led by a new learner with one member, written up and measured, unless told otherwise. */
async function readyProject(
  options: { writeUp?: boolean; data?: boolean; memberName?: string; title?: string } = {},
): Promise<Team> {
  const lead = await buildUser(ctx, { givenName: "Priya", familyName: "Lead" });
  const member = await buildUser(ctx, { givenName: options.memberName ?? "Quentin", familyName: "Hidden" });
  const project = await buildProject(ctx, {
    leadId: lead.id,
    members: [{ userId: member.id }],
    title: options.title ?? "Reducing falls on Ward 7",
  });
  if (options.writeUp !== false) {
    await ctx.database.db.insert(caseStudies).values({
      projectId: project.id,
      sections: Object.fromEntries(
        CASE_STUDY_SECTIONS.map((s) => [
          s,
          `${s} text about night-time rounding. ${options.memberName ?? "Quentin"} Hidden collected the data.`,
        ]),
      ),
    });
  }
  if (options.data !== false)
    await buildMeasure(ctx, project.id, { values: [5, 6, 4, 5, 7, 3, 2, 2, 1, 2, 1, 1] });
  return {
    lead,
    leadCookie: await signIn(ctx, lead),
    member,
    memberCookie: await signIn(ctx, member),
    projectId: project.id,
  };
}

async function submit(team: Team, libraryConsent = true): Promise<string> {
  const response = await call("POST", submitUrl(team.projectId), team.leadCookie, {
    declaration: true,
    libraryConsent,
  });
  expect(response.statusCode, response.body).toBe(200);
  const overview = response.json() as RecognitionOverview;
  const latest = overview.versions.at(-1);
  if (!latest) throw new Error("no version after submitting");
  return latest.id;
}

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const [row] = (await ctx.database.rawQuery(sql, params)) as Array<{ n: number }>;
  return Number(row?.n ?? 0);
}

beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => {
  await ctx.close();
});

describe("submitting for recognition", () => {
  it("lists each missing prerequisite with 422 and writes nothing", async () => {
    const team = await readyProject({ writeUp: false, data: false });
    const response = await call("POST", submitUrl(team.projectId), team.leadCookie, {
      declaration: true,
      libraryConsent: false,
    });
    expect(response.statusCode).toBe(422);
    const body = response.json() as { error: string; details: { field: string }[] };
    expect(body.error).toBe("not_ready_to_submit");
    expect(body.details.map((d) => d.field)).toEqual([
      ...CASE_STUDY_SECTIONS.map((s) => `section-${s}`),
      "measure-with-data",
    ]);
    expect(
      await count("select count(*)::int as n from project_submissions where project_id = $1", [
        team.projectId,
      ]),
    ).toBe(0);
    const overview = (
      await call("GET", overviewUrl(team.projectId), team.leadCookie)
    ).json() as RecognitionOverview;
    expect(overview.canSubmit).toBe(false);
    expect(overview.prerequisites.filter((p) => !p.met)).toHaveLength(CASE_STUDY_SECTIONS.length + 1);
  });

  it("lets only a lead submit: 401 signed out, 403 a member, 404 an outsider, 400 without the declaration", async () => {
    const team = await readyProject();
    const outsider = await signIn(ctx, await buildUser(ctx));
    const body = { declaration: true, libraryConsent: true };
    expect((await call("POST", submitUrl(team.projectId), undefined, body)).statusCode).toBe(401);
    expect((await call("POST", submitUrl(team.projectId), team.memberCookie, body)).statusCode).toBe(403);
    expect((await call("POST", submitUrl(team.projectId), outsider, body)).statusCode).toBe(404);
    expect((await call("GET", overviewUrl(team.projectId), outsider)).statusCode).toBe(404);
    const bad = await call("POST", submitUrl(team.projectId), team.leadCookie, {
      declaration: false,
      libraryConsent: true,
    });
    expect(bad.statusCode).toBe(400);
    expect(
      (await call("POST", submitUrl(team.projectId), team.leadCookie, { ...body, extra: 1 })).statusCode,
    ).toBe(400);
    expect(
      await count("select count(*)::int as n from project_submissions where project_id = $1", [
        team.projectId,
      ]),
    ).toBe(0);
  });

  it("freezes the case study and the rubric version; a second submission while waiting is 409", async () => {
    const team = await readyProject();
    const id = await submit(team);
    const [row] = (await ctx.database.rawQuery(
      "select version, status::text as status, snapshot from project_submissions where id = $1",
      [id],
    )) as Array<{
      version: number;
      status: string;
      snapshot: { rubricVersion: string; document: { project: { title: string } } };
    }>;
    expect(row?.version).toBe(1);
    expect(row?.status).toBe("awaiting_assessment");
    expect(row?.snapshot.rubricVersion).toBe(RECOGNITION_RUBRIC.version);
    expect(row?.snapshot.document.project.title).toBe("Reducing falls on Ward 7");
    const again = await call("POST", submitUrl(team.projectId), team.leadCookie, {
      declaration: true,
      libraryConsent: true,
    });
    expect(again.statusCode).toBe(409);
    expect((await auditFor(ctx, "recognition.submitted")).some((a) => a.subjectId === id)).toBe(true);
  });
});

describe("assessing case studies", () => {
  it("offers a case study to assessors who may take it; of two picking it up, one gets 409", async () => {
    const team = await readyProject();
    const id = await submit(team);
    const a = await buildStaff(ctx, ["assessor"]);
    const b = await buildStaff(ctx, ["assessor"]);
    const queue = (await call("GET", "/api/assessment/case-studies", a.cookie)).json() as RecognitionQueue;
    expect(queue.available.map((i) => i.submissionId)).toContain(id);
    const [first, second] = await Promise.all([
      call("POST", pickUpUrl(id), a.cookie),
      call("POST", pickUpUrl(id), b.cookie),
    ]);
    expect([first.statusCode, second.statusCode].sort()).toEqual([200, 409]);
    expect(
      await count(
        "select count(*)::int as n from project_submissions where id = $1 and assessor_id is not null",
        [id],
      ),
    ).toBe(1);
    expect((await auditFor(ctx, "recognition.queue_viewed")).length).toBeGreaterThan(0);
    expect((await call("GET", "/api/assessment/case-studies")).statusCode).toBe(401);
    expect((await call("GET", "/api/assessment/case-studies", team.leadCookie)).statusCode).toBe(403);
  });

  it("refuses assessors on the project or in the team of someone on it (403), and hides it from their list", async () => {
    const team = await readyProject();
    const id = await submit(team);
    const teamId = (
      (await ctx.database.rawQuery("select id from organisations order by id limit 1")) as Array<{
        id: string;
      }>
    )[0]?.id as string;
    await setTeam(ctx, team.member.id, teamId);
    const sameTeam = await buildStaff(ctx, ["assessor"], { teamId });
    await ctx.database.db.insert(userRoles).values({ userId: team.member.id, role: "assessor" });
    const onProject = await signIn(ctx, team.member);
    for (const cookie of [sameTeam.cookie, onProject]) {
      const queue = (await call("GET", "/api/assessment/case-studies", cookie)).json() as RecognitionQueue;
      expect(queue.available.map((i) => i.submissionId)).not.toContain(id);
      expect((await call("POST", pickUpUrl(id), cookie)).statusCode).toBe(403);
    }
    const admin = await signIn(ctx, await buildAdmin(ctx));
    const list = await call("POST", allocateUrl(id), admin, { assessorId: sameTeam.user.id });
    expect(list.statusCode).toBe(403);
    const learner = await buildUser(ctx);
    const notAssessor = await call("POST", allocateUrl(id), admin, { assessorId: learner.id });
    expect(notAssessor.statusCode).toBe(422);
    expect(
      await count(
        "select count(*)::int as n from project_submissions where id = $1 and assessor_id is null",
        [id],
      ),
    ).toBe(1);
  });

  it("audits the assessor's view, checks the decision rules (422) and refuses a second decision (409)", async () => {
    const team = await readyProject();
    const id = await submit(team);
    const a = await buildStaff(ctx, ["assessor"]);
    const other = await buildStaff(ctx, ["assessor"]);
    expect((await call("POST", pickUpUrl(id), a.cookie)).statusCode).toBe(200);
    expect((await call("GET", viewUrl(id), other.cookie)).statusCode).toBe(403);
    expect((await call("GET", viewUrl(id), team.leadCookie)).statusCode).toBe(403);
    const view = await call("GET", viewUrl(id), a.cookie);
    expect(view.statusCode, view.body).toBe(200);
    const detail = view.json() as RecognitionSubmissionDetail;
    expect(detail.canDecide).toBe(true);
    expect(JSON.stringify(detail.document)).toContain("Quentin Hidden");
    expect((await auditFor(ctx, "recognition.submission_viewed")).some((e) => e.subjectId === id)).toBe(true);
    const pdf = await call("GET", `${viewUrl(id)}/pdf`, a.cookie);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers["content-type"]).toContain("application/pdf");
    expect((await call("GET", `${viewUrl(id)}/pdf`, other.cookie)).statusCode).toBe(403);

    const bad = await call("POST", decisionUrl(id), a.cookie, { ...decisionBody("refer"), outcome: "pass" });
    expect(bad.statusCode).toBe(422);
    expect((bad.json() as { error: string }).error).toBe("decision_refused");
    expect((await call("POST", decisionUrl(id), other.cookie, decisionBody("pass"))).statusCode).toBe(403);
    expect(
      await count("select count(*)::int as n from recognition_decisions where submission_id = $1", [id]),
    ).toBe(0);

    const referred = await call("POST", decisionUrl(id), a.cookie, decisionBody("refer"));
    expect(referred.statusCode, referred.body).toBe(200);
    expect((referred.json() as RecognitionDecisionResult).status).toBe("referred");
    expect((await call("POST", decisionUrl(id), a.cookie, decisionBody("pass"))).statusCode).toBe(409);
    expect((await mailTo(ctx, team.member.email))[0]?.subject).toContain("referred back");

    // The team reads the scores and feedback, and a lead resubmits as version 2.
    const overview = (
      await call("GET", overviewUrl(team.projectId), team.memberCookie)
    ).json() as RecognitionOverview;
    expect(overview.status).toBe("referred");
    expect(overview.versions[0]?.decision?.scores[0]?.feedback).toBe("The aim needs a date.");
    const second = await submit(team);
    expect(second).not.toBe(id);
    const versions = (
      await call("GET", overviewUrl(team.projectId), team.leadCookie)
    ).json() as RecognitionOverview;
    expect(versions.versions.map((v) => [v.version, v.status])).toEqual([
      [1, "referred"],
      [2, "awaiting_assessment"],
    ]);
  });
});

describe("recognition and the public library", () => {
  it("a pass issues certificates and CPD points to each member and publishes with consent, naming only consenting authors", async () => {
    const team = await readyProject({ title: "Safer insulin on Ward 9", memberName: "Zebedee" });
    // The lead agrees to be named; the member does not.
    expect(
      (
        await call("PUT", `/api/projects/${team.projectId}/recognition/name-consent`, team.leadCookie, {
          nameInLibrary: true,
        })
      ).statusCode,
    ).toBe(200);
    const id = await submit(team, true);
    const admin = await buildAdmin(ctx);
    const adminCookie = await signIn(ctx, admin);
    const a = await buildStaff(ctx, ["assessor"]);
    const list = (await call("GET", "/api/admin/case-studies", adminCookie)).json() as RecognitionAdminList;
    expect(list.items.map((i) => i.submissionId)).toContain(id);
    expect((await call("POST", allocateUrl(id), adminCookie, { assessorId: a.user.id })).statusCode).toBe(
      200,
    );
    const passed = await call("POST", decisionUrl(id), a.cookie, decisionBody("pass"));
    expect(passed.statusCode, passed.body).toBe(200);
    const result = passed.json() as RecognitionDecisionResult;
    expect(result).toMatchObject({ status: "passed", certificatesIssued: 2, inLibrary: true });

    const overview = (
      await call("GET", overviewUrl(team.projectId), team.memberCookie)
    ).json() as RecognitionOverview;
    expect(overview.recognised).toMatchObject({ cpdPoints: RECOGNITION_CPD_POINTS, inLibrary: true });
    expect(overview.certificates).toHaveLength(2);
    const code = overview.certificates[0]?.code ?? "";
    const verify = await call("GET", `/api/certificates/${encodeURIComponent(code)}/verify`);
    expect(verify.statusCode, verify.body).toBe(200);
    expect(verify.json()).toMatchObject({
      status: "valid",
      certificate: { courseTitle: "Safer insulin on Ward 9" },
    });

    const page = (await call("GET", "/api/case-studies?q=insulin")).json() as LibraryPage;
    expect(page.items.map((i) => i.id)).toEqual([team.projectId]);
    expect(page.items[0]?.authors).toEqual(["Priya Lead"]);
    const entry = await call("GET", `/api/case-studies/${team.projectId}`);
    expect(entry.statusCode).toBe(200);
    expect(entry.body).not.toContain("Zebedee");
    expect(JSON.stringify(page)).not.toContain("Zebedee");
    expect((entry.json() as LibraryEntry).content).toHaveProperty("sections");

    // Resubmitting a recognised project is refused.
    expect(
      (
        await call("POST", submitUrl(team.projectId), team.leadCookie, {
          declaration: true,
          libraryConsent: true,
        })
      ).statusCode,
    ).toBe(409);

    // Withdrawing consent removes the entry at once; giving it again republishes.
    const withdraw = await call(
      "PUT",
      `/api/projects/${team.projectId}/recognition/library-consent`,
      team.memberCookie,
      {
        consent: false,
      },
    );
    expect(withdraw.statusCode).toBe(403);
    await call("PUT", `/api/projects/${team.projectId}/recognition/library-consent`, team.leadCookie, {
      consent: false,
    });
    expect((await call("GET", `/api/case-studies/${team.projectId}`)).statusCode).toBe(404);
    await call("PUT", `/api/projects/${team.projectId}/recognition/library-consent`, team.leadCookie, {
      consent: true,
    });
    expect((await call("GET", `/api/case-studies/${team.projectId}`)).statusCode).toBe(200);
  });

  it("a pass without consent issues certificates but publishes nothing", async () => {
    const team = await readyProject({ title: "Quieter nights on the stroke unit" });
    const id = await submit(team, false);
    const a = await buildStaff(ctx, ["assessor"]);
    await call("POST", pickUpUrl(id), a.cookie);
    const passed = (
      await call("POST", decisionUrl(id), a.cookie, decisionBody("pass"))
    ).json() as RecognitionDecisionResult;
    expect(passed).toMatchObject({ status: "passed", inLibrary: false, certificatesIssued: 2 });
    expect((await call("GET", `/api/case-studies/${team.projectId}`)).statusCode).toBe(404);
    const record = await call("GET", "/api/me/cpd-record", team.memberCookie);
    expect(record.statusCode, record.body).toBe(200);
    const entry = (
      record.json() as {
        courses: { courseTitle: string; cpdPoints: number; certificate: { id: string } | null }[];
      }
    ).courses.find((c) => c.courseTitle === "Quieter nights on the stroke unit");
    expect(entry?.cpdPoints).toBe(RECOGNITION_CPD_POINTS);
    const pdf = await call("GET", `/api/certificates/${entry?.certificate?.id ?? ""}/pdf`, team.memberCookie);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers["content-type"]).toContain("application/pdf");
    expect(
      (await call("GET", `/api/certificates/${entry?.certificate?.id ?? ""}/pdf`, team.leadCookie))
        .statusCode,
    ).toBe(404);
    const mine = await call("GET", "/api/me/recognition-certificates", team.memberCookie);
    expect((mine.json() as { items: { projectTitle: string }[] }).items.map((c) => c.projectTitle)).toContain(
      "Quieter nights on the stroke unit",
    );
  });

  it("searches and filters the library, 400 on bad filters", async () => {
    const all = (await call("GET", "/api/case-studies")).json() as LibraryPage;
    expect(all.pageSize).toBe(20);
    expect(
      (await call("GET", "/api/case-studies?setting=acute_ward&measureKind=outcome")).json(),
    ).toMatchObject({
      total: all.total,
    });
    expect(((await call("GET", "/api/case-studies?setting=care_home")).json() as LibraryPage).total).toBe(0);
    expect(((await call("GET", "/api/case-studies?measureKind=balancing")).json() as LibraryPage).total).toBe(
      0,
    );
    expect(((await call("GET", "/api/case-studies?q=nonexistentword")).json() as LibraryPage).total).toBe(0);
    expect((await call("GET", "/api/case-studies?setting=moon")).statusCode).toBe(400);
    expect((await call("GET", "/api/case-studies?page=0")).statusCode).toBe(400);
    expect((await call("GET", `/api/case-studies/${UNKNOWN_ID}`)).statusCode).toBe(404);
    expect((await call("GET", "/api/case-studies/not-a-uuid")).statusCode).toBe(400);
  });
});

describe("the API description", () => {
  it("documents the recognition and library routes", async () => {
    const response = await call("GET", "/api/openapi.json");
    expect(response.statusCode).toBe(200);
    const paths = Object.keys((response.json() as { paths: Record<string, unknown> }).paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        "/api/projects/{id}/recognition/submissions",
        "/api/assessment/case-studies/{submissionId}/decision",
        "/api/case-studies",
      ]),
    );
  });
});
