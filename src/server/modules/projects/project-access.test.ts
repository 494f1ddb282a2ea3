import { describe, expect, it } from "vitest";
import type { Actor } from "../../platform/auth.js";
import { decideProjectAccess, type ProjectStanding } from "./project-access.js";

const actor = (roles: Actor["roles"] = []): Actor =>
  ({ userId: "u1", sessionId: "s", email: "a@example.org", emailVerified: true, roles }) as unknown as Actor;

const standing = (
  over: Partial<ProjectStanding> = {},
  visibility: ProjectStanding["project"]["visibility"] = "team",
) => ({
  project: { id: "p", title: "P", organisationId: "org-a", visibility },
  memberRole: null,
  actorOrganisationId: "org-a",
  ...over,
});

describe("decideProjectAccess", () => {
  it("lets the team read and edit, and only leads manage", () => {
    const member = decideProjectAccess(standing({ memberRole: "member" }), actor());
    expect([member.canRead, member.canEdit, member.canManage]).toEqual([true, true, false]);
    const lead = decideProjectAccess(standing({ memberRole: "lead" }), actor());
    expect([lead.canRead, lead.canEdit, lead.canManage]).toEqual([true, true, true]);
  });

  it("keeps a team-only project from everyone else, even the same organisation", () => {
    expect(decideProjectAccess(standing(), actor()).canRead).toBe(false);
    expect(decideProjectAccess(standing(), null).canRead).toBe(false);
  });

  it("shares with the project's organisation only, read only", () => {
    const same = decideProjectAccess(standing({}, "organisation"), actor());
    expect([same.canRead, same.canEdit]).toEqual([true, false]);
    const other = decideProjectAccess(standing({ actorOrganisationId: "org-b" }, "organisation"), actor());
    expect(other.canRead).toBe(false);
    const none = decideProjectAccess(standing({ actorOrganisationId: null }, "organisation"), actor());
    expect(none.canRead).toBe(false);
  });

  it("shares with anyone signed in, never with the public", () => {
    expect(
      decideProjectAccess(standing({ actorOrganisationId: "org-b" }, "signed_in"), actor()).canRead,
    ).toBe(true);
    expect(decideProjectAccess(standing({}, "signed_in"), null).canRead).toBe(false);
  });

  it("lets platform administrators read but not edit", () => {
    const admin = decideProjectAccess(
      standing({ actorOrganisationId: "org-b" }),
      actor([{ role: "platform_admin", organisationId: null }]),
    );
    expect([admin.canRead, admin.canEdit, admin.canManage]).toEqual([true, false, false]);
  });
});
