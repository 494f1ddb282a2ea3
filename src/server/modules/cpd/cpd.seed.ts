import type { Db } from "../../platform/db.js";
import { ukDate } from "../enrolments/access-window.rules.js";
import * as repo from "./cpd.repository.js";

const DAY_MS = 86_400_000;

/** The demo learner whose CPD record gets the activities. */
const DEMO_LEARNER_EMAIL = "learner@example.org";

/** Three activities a ward nurse learning QI might record: days before now, hours and points, and a reflection. */
const DEMO_ACTIVITIES = [
  {
    daysAgo: 12,
    title: "Led a PDSA cycle on the morning handover",
    hours: "3.00",
    points: "3.00",
    reflection: [
      "We tested a one-page handover sheet on the early shift for two weeks and timed each handover.",
      "",
      "**What changed:** handover fell from about 40 to 28 minutes, and fewer questions came back later in the shift.",
      "",
      "What I will do next:",
      "",
      "- keep plotting the times on a run chart until we have 12 points",
      "- try the sheet on the late shift",
    ].join("\n"),
  },
  {
    daysAgo: 47,
    title: "Read Making Data Count",
    hours: "1.50",
    points: null,
    reflection:
      "The guide explains why two points are not a trend. I now use SPC charts instead of red-amber-green tables for our falls data.",
  },
  {
    daysAgo: 190,
    title: "Regional quality improvement network day",
    hours: "6.00",
    points: "6.00",
    reflection:
      "Talks from three community teams on Productive Community Services. The stock-room work at one site saved £3,000 a year: worth trying on our ward.",
  },
] as const;

/**
 * Gives the demo learner (learner@example.org) a CPD record to look at: three activities of their own over the last
 * six months, with reflections. Does nothing when the learner is missing or already has activities; returns true when
 * it wrote them. Call after seedDemoAccounts.
 */
export async function seedCpdDemo(db: Db, now = new Date()): Promise<boolean> {
  return db.transaction(async (tx) => {
    const userId = await repo.findUserIdByEmail(tx, DEMO_LEARNER_EMAIL);
    if (!userId) return false;
    if ((await repo.countActivities(tx, userId)) > 0) return false;
    for (const activity of DEMO_ACTIVITIES) {
      await repo.insertActivity(tx, userId, {
        title: activity.title,
        activityDate: ukDate(new Date(now.getTime() - activity.daysAgo * DAY_MS)),
        hours: activity.hours,
        points: activity.points,
        reflection: activity.reflection,
      });
    }
    return true;
  });
}
