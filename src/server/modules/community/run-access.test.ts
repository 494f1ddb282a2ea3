import { describe, expect, it } from "vitest";
import type { Role } from "../../../shared/accounts.js";
import type { Actor } from "../../platform/auth.js";
import { AppError } from "../../platform/errors.js";
import { assertCanPost, assertCanRead, decideRunAccess } from "./run-access.js";
import type { RunStanding } from "./run-access.repository.js";

const DAY = 86_400_000;
const NOW = new Date("2027-03-10T12:00:00Z");

/** A run in its live week at NOW. */
const run: RunStanding["run"] = {
  id: "run",
  courseId: "course",
  courseTitle: "QI measures",
  title: "March run",
  opensAt: new Date(NOW.getTime() - 8 * DAY),
  liveStartsAt: new Date(NOW.getTime() - 1 * DAY),
  liveEndsAt: new Date(NOW.getTime() + 6 * DAY),
  commentsCloseAt: new Date(NOW.getTime() + 13 * DAY),
  catchUpUntil: new Date(NOW.getTime() + 52 * DAY),
};

// Only userId and roles matter to the access rules; the rest of an Actor is not read.
const actor = (...roles: Role[]) =>
  ({ userId: "me", roles: roles.map((role) => ({ role, organisationId: null })) }) as unknown as Actor;

const standing = (over: Partial<RunStanding>): RunStanding => ({
  run,
  isMember: false,
  suspendedAt: null,
  isFacilitator: false,
  ...over,
});

function refusal(fn: () => void): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return `${error.status} ${error.message}`;
    throw error;
  }
  return "allowed";
}

describe("decideRunAccess: suspension from posting", () => {
  it("lets a member who is not suspended post in the live week", () => {
    const access = decideRunAccess(standing({ isMember: true }), actor("learner"), NOW);
    expect(access).toMatchObject({ phase: "live", canRead: true, canPost: true, canFacilitate: false });
  });

  it("lets a suspended member read but not post, saying why", () => {
    const access = decideRunAccess(
      standing({ isMember: true, suspendedAt: new Date(NOW.getTime() - DAY) }),
      actor("learner"),
      NOW,
    );
    expect(access).toMatchObject({ canRead: true, canPost: false });
    expect(refusal(() => assertCanRead(access))).toBe("allowed");
    expect(refusal(() => assertCanPost(access))).toMatch(/^403 A facilitator has suspended you from posting/);
  });

  it("refuses a non-member both reading and posting", () => {
    const access = decideRunAccess(standing({}), actor("learner"), NOW);
    expect(access).toMatchObject({ canRead: false, canPost: false });
    expect(refusal(() => assertCanPost(access))).toMatch(/^403 You are not in this course run/);
  });

  it("lets the run's facilitator and administrators moderate, but not a facilitator of another run", () => {
    expect(decideRunAccess(standing({ isFacilitator: true }), actor("facilitator"), NOW).canFacilitate).toBe(
      true,
    );
    expect(decideRunAccess(standing({}), actor("platform_admin"), NOW).canFacilitate).toBe(true);
    expect(decideRunAccess(standing({}), actor("facilitator"), NOW).canFacilitate).toBe(false);
  });
});
