import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InvitationView, MyProjects, ProjectDetail } from "../../src/shared/project-contracts.js";
import { buildUser, mailTo, signIn, type TestUser, tokenFromMail } from "../support/factories.js";
import { buildProject } from "../support/projects-fixtures.js";
import { createTestApp, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
let lead: TestUser & { cookie: string };
let member: TestUser & { cookie: string };
let stranger: TestUser & { cookie: string };

type Method = "GET" | "POST" | "PATCH" | "DELETE";

function call(method: Method, url: string, cookie: string | null, payload?: unknown) {
  return ctx.app.inject({
    method,
    url,
    ...(cookie ? { headers: { cookie } } : {}),
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
}

async function person(email?: string) {
  const user = await buildUser(ctx, email ? { email } : {});
  return { ...user, cookie: await signIn(ctx, user) };
}

async function teamCounts() {
  const [row] = (await ctx.database.rawQuery(
    `select (select count(*)::int from project_members) as members,
            (select count(*)::int from project_invitations) as invitations,
            (select count(*)::int from project_invitations where revoked_at is not null) as revoked,
            (select count(*)::int from mail_outbox) as mail`,
  )) as Array<Record<string, number>>;
  return row;
}

async function team(projectId: string, cookie = lead.cookie) {
  const response = await call("GET", `/api/projects/${projectId}`, cookie);
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as ProjectDetail).members;
}

beforeAll(async () => {
  ctx = await createTestApp();
  lead = await person();
  member = await person();
  stranger = await person();
});

afterAll(async () => {
  await ctx?.close();
});

describe("inviting by email", () => {
  it("runs end to end: invite, email, look up by token, accept with consent, join the team", async () => {
    const project = await buildProject(ctx, { leadId: lead.id, title: "Safer handovers" });
    const invitee = await person("new.person@example.test");
    const sent = await call("POST", `/api/projects/${project.id}/invitations`, lead.cookie, {
      email: "New.Person@Example.test",
      role: "member",
      responsibility: "Data lead",
    });
    expect(sent.statusCode, sent.body).toBe(202);
    expect(sent.json()).toMatchObject({ email: "New.Person@Example.test" });

    const [mail] = await mailTo(ctx, "New.Person@Example.test");
    expect(mail?.subject).toContain("Safer handovers");
    const token = await tokenFromMail(ctx, "New.Person@Example.test", "/projects/invitation");
    const [stored] = (await ctx.database.rawQuery(
      "select token_hash from project_invitations where project_id = $1",
      [project.id],
    )) as Array<{ token_hash: string }>;
    expect(stored?.token_hash).not.toBe(token);

    const pending = await call("GET", `/api/projects/${project.id}/invitations`, lead.cookie);
    expect(pending.json().invitations).toEqual([
      expect.objectContaining({ email: "New.Person@Example.test", responsibility: "Data lead" }),
    ]);

    // The invitation shows on the invited person's My projects (matched without regard to case).
    const mine = (await call("GET", "/api/projects", invitee.cookie)).json() as MyProjects;
    expect(mine.invitations).toEqual([
      expect.objectContaining({ projectId: project.id, projectTitle: "Safer handovers", role: "member" }),
    ]);

    const looked = await call("POST", "/api/project-invitations/lookup", invitee.cookie, { token });
    expect(looked.statusCode, looked.body).toBe(200);
    const view = looked.json() as InvitationView;
    expect(view).toMatchObject({ projectTitle: "Safer handovers", state: "pending" });

    // Someone else holding the link cannot use it.
    expect(
      (await call("POST", "/api/project-invitations/lookup", stranger.cookie, { token })).statusCode,
    ).toBe(403);
    const wrongPerson = await call("POST", `/api/project-invitations/${view.id}/accept`, stranger.cookie, {
      nameInLibrary: true,
    });
    expect(wrongPerson.statusCode).toBe(403);
    expect(wrongPerson.json().message).toMatch(/different email address/);

    const accepted = await call("POST", `/api/project-invitations/${view.id}/accept`, invitee.cookie, {
      nameInLibrary: true,
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toEqual({ projectId: project.id });
    expect(await team(project.id)).toContainEqual(
      expect.objectContaining({
        userId: invitee.id,
        role: "member",
        responsibility: "Data lead",
        nameInLibrary: true,
      }),
    );
    const again = await call("POST", `/api/project-invitations/${view.id}/accept`, invitee.cookie, {
      nameInLibrary: true,
    });
    expect(again.statusCode).toBe(409);
    expect(((await call("GET", "/api/projects", invitee.cookie)).json() as MyProjects).invitations).toEqual(
      [],
    );
  });

  it("answers the same for an address with no account (no enumeration)", async () => {
    const project = await buildProject(ctx, { leadId: lead.id });
    const known = await call("POST", `/api/projects/${project.id}/invitations`, lead.cookie, {
      email: stranger.email,
      role: "member",
    });
    const unknown = await call("POST", `/api/projects/${project.id}/invitations`, lead.cookie, {
      email: "nobody-here@example.test",
      role: "member",
    });
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(Object.keys(known.json()).sort()).toEqual(Object.keys(unknown.json()).sort());
    expect(await mailTo(ctx, "nobody-here@example.test")).toHaveLength(1);
  });

  it("accepts by invitation id from My projects, and declines", async () => {
    const project = await buildProject(ctx, { leadId: lead.id });
    const invitee = await person();
    await call("POST", `/api/projects/${project.id}/invitations`, lead.cookie, {
      email: invitee.email,
      role: "lead",
    });
    const [invitation] = ((await call("GET", "/api/projects", invitee.cookie)).json() as MyProjects)
      .invitations;
    if (!invitation) throw new Error("no invitation listed");
    const declined = await call("POST", `/api/project-invitations/${invitation.id}/decline`, invitee.cookie);
    expect(declined.statusCode).toBe(204);
    const late = await call("POST", `/api/project-invitations/${invitation.id}/accept`, invitee.cookie, {
      nameInLibrary: false,
    });
    expect(late.statusCode).toBe(409);

    await call("POST", `/api/projects/${project.id}/invitations`, lead.cookie, {
      email: invitee.email,
      role: "lead",
    });
    const [second] = ((await call("GET", "/api/projects", invitee.cookie)).json() as MyProjects).invitations;
    if (!second) throw new Error("no invitation listed");
    const ok = await call("POST", `/api/project-invitations/${second.id}/accept`, invitee.cookie, {
      nameInLibrary: false,
    });
    expect(ok.statusCode).toBe(200);
    expect(await team(project.id)).toContainEqual(
      expect.objectContaining({ userId: invitee.id, role: "lead" }),
    );
  });

  it("refuses expired and withdrawn invitations, and lets leads withdraw", async () => {
    const project = await buildProject(ctx, { leadId: lead.id });
    const invitee = await person();
    await call("POST", `/api/projects/${project.id}/invitations`, lead.cookie, {
      email: invitee.email,
      role: "member",
    });
    const token = await tokenFromMail(ctx, invitee.email, "/projects/invitation");
    await ctx.database.rawQuery(
      "update project_invitations set expires_at = now() - interval '1 minute' where project_id = $1",
      [project.id],
    );
    const view = (await call("POST", "/api/project-invitations/lookup", invitee.cookie, { token })).json();
    expect(view.state).toBe("expired");
    const expired = await call("POST", `/api/project-invitations/${view.id}/accept`, invitee.cookie, {
      nameInLibrary: false,
    });
    expect(expired.statusCode).toBe(409);
    expect(expired.json().message).toMatch(/expired/);

    await call("POST", `/api/projects/${project.id}/invitations`, lead.cookie, {
      email: invitee.email,
      role: "member",
    });
    const [open] = (await call("GET", `/api/projects/${project.id}/invitations`, lead.cookie)).json()
      .invitations;
    expect(
      (await call("DELETE", `/api/projects/${project.id}/invitations/${open.id}`, member.cookie)).statusCode,
    ).toBe(404);
    const revoked = await call("DELETE", `/api/projects/${project.id}/invitations/${open.id}`, lead.cookie);
    expect(revoked.statusCode).toBe(204);
    const accept = await call("POST", `/api/project-invitations/${open.id}/accept`, invitee.cookie, {
      nameInLibrary: false,
    });
    expect(accept.statusCode).toBe(409);
    expect(accept.json().message).toMatch(/withdrawn/);
  });

  it("refuses members, outsiders, the signed-out, bad addresses and people already on the team, writing nothing", async () => {
    const project = await buildProject(ctx, { leadId: lead.id, members: [{ userId: member.id }] });
    const before = await teamCounts();
    const body = { email: "someone@example.test", role: "member" };
    expect(
      (await call("POST", `/api/projects/${project.id}/invitations`, member.cookie, body)).statusCode,
    ).toBe(403);
    expect(
      (await call("POST", `/api/projects/${project.id}/invitations`, stranger.cookie, body)).statusCode,
    ).toBe(404);
    expect((await call("POST", `/api/projects/${project.id}/invitations`, null, body)).statusCode).toBe(401);
    const bad = await call("POST", `/api/projects/${project.id}/invitations`, lead.cookie, {
      email: "not an email",
      role: "member",
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0].field).toBe("email");
    const badRole = await call("POST", `/api/projects/${project.id}/invitations`, lead.cookie, {
      email: "a@example.test",
      role: "owner",
    });
    expect(badRole.statusCode).toBe(400);
    const onTeam = await call("POST", `/api/projects/${project.id}/invitations`, lead.cookie, {
      email: member.email.toUpperCase(),
      role: "member",
    });
    expect(onTeam.statusCode).toBe(409);
    expect(await teamCounts()).toEqual(before);
    expect(
      (await call("POST", "/api/project-invitations/lookup", lead.cookie, { token: "nope" })).statusCode,
    ).toBe(404);
    expect((await call("POST", "/api/project-invitations/lookup", null, { token: "nope" })).statusCode).toBe(
      401,
    );
  });

  it("limits invitations to 30 an hour per person", async () => {
    const sender = await person();
    const project = await buildProject(ctx, { leadId: sender.id });
    for (let i = 0; i < 30; i += 1) {
      const ok = await call("POST", `/api/projects/${project.id}/invitations`, sender.cookie, {
        email: `bulk-${i}@example.test`,
        role: "member",
      });
      expect(ok.statusCode).toBe(202);
    }
    const limited = await call("POST", `/api/projects/${project.id}/invitations`, sender.cookie, {
      email: "bulk-31@example.test",
      role: "member",
    });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers["retry-after"]).toBeDefined();
  });
});

describe("managing the team", () => {
  it("lets leads change roles and responsibilities, but never leave the project without a lead", async () => {
    const project = await buildProject(ctx, { leadId: lead.id, members: [{ userId: member.id }] });
    const demoteLast = await call("PATCH", `/api/projects/${project.id}/members/${lead.id}`, lead.cookie, {
      role: "member",
    });
    expect(demoteLast.statusCode).toBe(409);
    expect(demoteLast.json().message).toMatch(/at least one lead/);
    const promote = await call("PATCH", `/api/projects/${project.id}/members/${member.id}`, lead.cookie, {
      role: "lead",
      responsibility: "Co-lead",
    });
    expect(promote.statusCode).toBe(204);
    const demote = await call("PATCH", `/api/projects/${project.id}/members/${lead.id}`, member.cookie, {
      role: "member",
    });
    expect(demote.statusCode).toBe(204);
    expect(await team(project.id, member.cookie)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ userId: member.id, role: "lead", responsibility: "Co-lead" }),
        expect.objectContaining({ userId: lead.id, role: "member" }),
      ]),
    );
  });

  it("keeps role changes to leads and consent to each person", async () => {
    const project = await buildProject(ctx, { leadId: lead.id, members: [{ userId: member.id }] });
    expect(
      (
        await call("PATCH", `/api/projects/${project.id}/members/${member.id}`, member.cookie, {
          role: "lead",
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await call("PATCH", `/api/projects/${project.id}/members/${member.id}`, lead.cookie, {
          nameInLibrary: true,
        })
      ).statusCode,
    ).toBe(403);
    const own = await call("PATCH", `/api/projects/${project.id}/members/${member.id}`, member.cookie, {
      nameInLibrary: true,
    });
    expect(own.statusCode).toBe(204);
    expect(await team(project.id)).toContainEqual(
      expect.objectContaining({ userId: member.id, nameInLibrary: true }),
    );
    expect(
      (
        await call("PATCH", `/api/projects/${project.id}/members/${member.id}`, stranger.cookie, {
          role: "lead",
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await call("PATCH", `/api/projects/${project.id}/members/${member.id}`, lead.cookie, {})).statusCode,
    ).toBe(400);
    expect(
      (
        await call("PATCH", `/api/projects/${project.id}/members/${stranger.id}`, lead.cookie, {
          role: "lead",
        })
      ).statusCode,
    ).toBe(404);
  });

  it("lets a member leave and a lead remove, but not the last lead", async () => {
    const other = await person();
    const project = await buildProject(ctx, {
      leadId: lead.id,
      members: [{ userId: member.id }, { userId: other.id }],
    });
    expect(
      (await call("DELETE", `/api/projects/${project.id}/members/${other.id}`, member.cookie)).statusCode,
    ).toBe(403);
    expect(
      (await call("DELETE", `/api/projects/${project.id}/members/${member.id}`, member.cookie)).statusCode,
    ).toBe(204);
    expect(
      (await call("DELETE", `/api/projects/${project.id}/members/${other.id}`, lead.cookie)).statusCode,
    ).toBe(204);
    const last = await call("DELETE", `/api/projects/${project.id}/members/${lead.id}`, lead.cookie);
    expect(last.statusCode).toBe(409);
    expect((await team(project.id)).map((m) => m.userId)).toEqual([lead.id]);
    expect((await call("DELETE", `/api/projects/${project.id}/members/${lead.id}`, null)).statusCode).toBe(
      401,
    );
  });
});
