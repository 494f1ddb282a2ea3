import { describe, expect, it } from "vitest";
import type { RegistrationRole } from "../../../shared/implementation.js";
import type { Actor } from "../../platform/auth.js";
import { decideImplementationAccess, type RegistrationStanding } from "./implementation-access.js";

const actor = (roles: Actor["roles"] = []): Actor =>
  // A partial actor: the policy reads only roles.
  ({ userId: "u1", sessionId: "s", email: "a@example.org", emailVerified: true, roles }) as unknown as Actor;

const standing = (roles: RegistrationRole[] = [], ledTeamIds: string[] = []): RegistrationStanding => ({
  registration: { id: "r", programmeId: "p", organisationId: "org" },
  roles,
  ledTeamIds,
});

describe("decideImplementationAccess", () => {
  it("lets programme leads read, manage and change every team, but not sign off", () => {
    const lead = decideImplementationAccess(standing(["programme_lead"]), actor());
    expect([lead.canRead, lead.canReadAll, lead.canManage, lead.canSignOff]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect([lead.canEditTeam("t1"), lead.canRecordBenefit("t1")]).toEqual([true, true]);
  });

  it("lets executives read every team and change none", () => {
    const exec = decideImplementationAccess(standing(["executive_sponsor"]), actor());
    expect([exec.canReadAll, exec.canReadTeam("t1"), exec.canEditTeam("t1"), exec.canManage]).toEqual([
      true,
      true,
      false,
      false,
    ]);
    expect(exec.canRecordBenefit("t1")).toBe(false);
  });

  it("lets finance leads read all, record benefits and sign off, but not change teams", () => {
    const finance = decideImplementationAccess(standing(["finance_lead"]), actor());
    expect([finance.canReadAll, finance.canSignOff, finance.canRecordBenefit("t1")]).toEqual([
      true,
      true,
      true,
    ]);
    expect([finance.canEditTeam("t1"), finance.canManage]).toEqual([false, false]);
  });

  it("keeps team leaders to their own team", () => {
    const leader = decideImplementationAccess(standing([], ["t1"]), actor());
    expect([leader.canRead, leader.canReadAll]).toEqual([true, false]);
    expect([leader.canReadTeam("t1"), leader.canEditTeam("t1"), leader.canRecordBenefit("t1")]).toEqual([
      true,
      true,
      true,
    ]);
    expect([leader.canReadTeam("t2"), leader.canEditTeam("t2"), leader.canRecordBenefit("t2")]).toEqual([
      false,
      false,
      false,
    ]);
  });

  it("lets platform administrators read everything and change nothing", () => {
    const admin = decideImplementationAccess(
      standing(),
      actor([{ role: "platform_admin", organisationId: null }]),
    );
    expect([admin.canRead, admin.canReadAll, admin.canReadTeam("t9")]).toEqual([true, true, true]);
    expect([
      admin.canManage,
      admin.canSignOff,
      admin.canEditTeam("t9"),
      admin.canRecordBenefit("t9"),
    ]).toEqual([false, false, false, false]);
  });

  it("shows nothing to anyone else, signed in or not", () => {
    for (const who of [actor(), actor([{ role: "learner_admin", organisationId: "org" }]), null]) {
      const access = decideImplementationAccess(standing(), who);
      expect([access.canRead, access.canReadTeam("t1")]).toEqual([false, false]);
    }
  });
});
