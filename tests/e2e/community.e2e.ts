import type { Browser, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { runDigestPass } from "../../src/server/modules/notifications/digest.job.js";
import { seedSurveys } from "../../src/server/modules/surveys/surveys.seed.js";
import { createMailer } from "../../src/server/platform/mailer.js";
import { buildRun, buildRunMember, runSteps } from "../support/community-fixtures.js";
import { buildUser, TEST_PASSWORD } from "../support/factories.js";
import { expectHeading, scanPage, signIn } from "./support/browser.js";
import { useInProcessJourney } from "./support/journey.js";

/** A signed-in page of its own (its own cookies), for one person of the journey. */
async function personPage(
  browser: Browser,
  base: string,
  email: string,
  landing = "/account",
): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, base, email, TEST_PASSWORD, landing);
  return page;
}

/** Answers every Likert statement on a survey page with the same answer, then sends it. */
async function answerSurvey(page: Page, answer: string, name: string) {
  await page.getByRole("button", { name: "Send answers" }).waitFor();
  const groups = page.getByRole("group");
  const count = await groups.count();
  expect(count).toBeGreaterThan(2);
  for (let i = 0; i < count; i += 1) {
    const option = groups.nth(i).getByLabel(answer, { exact: true });
    if ((await option.count()) > 0) await option.check();
  }
  await scanPage(page, name);
  await page.getByRole("button", { name: "Send answers" }).click();
  await expectHeading(page, "Thank you for your answers");
}

/** The comment article of one author containing some text. */
function commentBy(page: Page, author: string, text: string) {
  return page
    .getByRole("article", { name: `Comment by ${author}` })
    .filter({ hasText: text })
    .first();
}

/*
 * A facilitated run of a mini-course, through the pages each person uses: two learners answer the pre-course survey,
 * comment on a step and reply to each other; one mentions the facilitator, who highlights a comment and sends an
 * announcement; a learner reports a comment and the facilitator hides it; the learner sees their notifications and
 * the daily digest arrives in the outbox (and its unsubscribe link works without signing in); the learner answers
 * the post-course survey; the facilitator sees the results table and the engagement funnel.
 */
describe("community: a facilitated run of a mini-course", () => {
  const journey = useInProcessJourney();

  it("takes two learners and their facilitator through discussion, moderation, notifications, surveys and engagement", async () => {
    const ctx = journey.ctx();
    const base = journey.baseUrl();
    const browser = journey.browser();
    await seedSurveys(ctx.database.db);
    const facilitatorUser = await buildUser(ctx, {
      givenName: "Femi",
      familyName: "Adeyemi",
      roles: ["learner", "facilitator"],
    });
    const run = await buildRun(ctx, {
      phase: "live",
      title: "Spring run",
      facilitatorIds: [facilitatorUser.id],
    });
    const aisha = await buildRunMember(ctx, run, { givenName: "Aisha", familyName: "Khan" });
    const ben = await buildRunMember(ctx, run, { givenName: "Ben", familyName: "Okafor" });
    const steps = await runSteps(ctx, run);
    const step = steps[1];
    const lastStep = steps[steps.length - 1];
    if (!step || !lastStep) throw new Error("the mini-course has too few steps");

    // Aisha: the outline shows her run and the pre-course survey; she answers it.
    const a = await personPage(browser, base, aisha.email);
    await a.goto(`${base}/learning/${aisha.enrolmentId}`);
    await a.getByRole("heading", { name: "Your course run" }).waitFor();
    await scanPage(a, "community-outline");
    await a.getByRole("link", { name: /Before you start: tell us about yourself/ }).click();
    await answerSurvey(a, "Disagree", "community-pre-survey");

    // Aisha comments on a step.
    await a.goto(`${base}/learning/${aisha.enrolmentId}/steps/${step.id}`);
    await a
      .getByRole("textbox", { name: "Add a comment" })
      .fill("Our **run chart** showed a shift after we changed the handover.");
    await a.getByRole("button", { name: "Post comment" }).click();
    await commentBy(a, "Aisha Khan", "showed a shift").waitFor();
    await scanPage(a, "community-step-discussion");

    // Ben replies to her, and mentions the facilitator in a comment of his own.
    const b = await personPage(browser, base, ben.email);
    await b.goto(`${base}/learning/${ben.enrolmentId}/steps/${step.id}`);
    const aishas = commentBy(b, "Aisha Khan", "showed a shift");
    await aishas.getByRole("button", { name: "Reply to Aisha Khan" }).click();
    await b
      .getByRole("textbox", { name: "Reply to Aisha Khan" })
      .fill("How many data points did you have before the change?");
    await b.getByRole("button", { name: "Post reply" }).click();
    await b.getByRole("list", { name: "Replies to Aisha Khan" }).getByText("How many data points").waitFor();
    await b.getByRole("textbox", { name: "Add a comment" }).fill("Does a shift need six points in a row? ");
    await b.getByLabel("Mention a facilitator").selectOption({ label: "Femi Adeyemi" });
    await expect(b.getByRole("textbox", { name: "Add a comment" }).inputValue()).resolves.toContain(
      "@Femi Adeyemi",
    );
    await b.getByRole("button", { name: "Post comment" }).click();
    await commentBy(b, "Ben Okafor", "six points").waitFor();

    // Aisha replies back; Ben reports a comment of hers.
    await a.reload();
    await a.getByRole("list", { name: "Replies to Aisha Khan" }).getByText("How many data points").waitFor();
    await a.getByRole("textbox", { name: "Add a comment" }).fill("Buy cheap watches at example.com!!!");
    await a.getByRole("button", { name: "Post comment" }).click();
    await commentBy(a, "Aisha Khan", "cheap watches").waitFor();
    await b.reload();
    const spam = commentBy(b, "Aisha Khan", "cheap watches");
    await spam.getByRole("button", { name: "Report comment by Aisha Khan" }).click();
    await b.getByLabel("Spam or advertising").check();
    await scanPage(b, "community-report");
    await b.getByRole("button", { name: "Send report" }).click();
    await b
      .getByText(/reported|facilitator will look/i)
      .first()
      .waitFor();

    // The facilitator: the mention is in their notifications; they highlight Aisha's comment.
    const f = await personPage(browser, base, facilitatorUser.email);
    await f.goto(`${base}/notifications`);
    await expectHeading(f, "Notifications");
    await f.getByRole("link", { name: /Ben Okafor mentioned you/ }).click();
    await f.waitForURL(new RegExp(`/runs/${run.id}/steps/${step.id}`));
    const toHighlight = commentBy(f, "Aisha Khan", "showed a shift");
    await toHighlight.getByRole("button", { name: "Highlight" }).click();
    await toHighlight.getByRole("button", { name: "Remove highlight" }).waitFor();
    await scanPage(f, "community-facilitator-thread");

    // …sends an announcement to the run…
    await f.goto(`${base}/facilitate/runs/${run.id}/announcements`);
    await f.getByLabel("Subject").fill("Live Q&A on Thursday");
    await f.getByLabel("Announcement").fill("Join us on Thursday at 12:30 to talk about run charts.");
    await f.getByRole("button", { name: "Send announcement" }).click();
    await f.getByText("Live Q&A on Thursday").first().waitFor();
    await scanPage(f, "community-announcements");

    // …and hides the reported comment from the moderation queue.
    await f.goto(`${base}/facilitate/runs/${run.id}/moderation`);
    await expectHeading(f, "Moderation");
    await f.getByText("cheap watches").first().waitFor();
    await scanPage(f, "community-moderation");
    await f.getByRole("button", { name: /^Hide/ }).first().click();
    await f
      .getByRole("heading", { name: /hidden/i })
      .first()
      .waitFor();
    const [hidden] = (await ctx.database.rawQuery(
      "select state from comments where body like '%cheap watches%'",
    )) as Array<{ state: string }>;
    expect(hidden?.state).toBe("hidden");
    await b.reload();
    await b.getByText("This comment has been hidden by a facilitator").waitFor();

    // Aisha: her notifications (Ben's reply, the highlight, the announcement).
    await a.goto(`${base}/notifications`);
    await a.getByRole("link", { name: /Ben Okafor replied to your comment/ }).waitFor();
    await a.getByRole("link", { name: /highlighted your comment/ }).waitFor();
    await a
      .getByRole("link", { name: /Live Q&A on Thursday|announcement/ })
      .first()
      .waitFor();
    await scanPage(a, "community-notifications");

    // She chooses the daily digest; the next morning's digest arrives in the outbox, and its unsubscribe link works
    // without signing in.
    await a.goto(`${base}/notifications/settings`);
    await a.getByLabel("Replies to my comments").check();
    await a.getByLabel("Facilitators' announcements").check();
    await a.getByRole("button", { name: "Save settings" }).click();
    await a.getByText(/saved/i).first().waitFor();
    const tomorrow = new Date(Date.now() + 86_400_000);
    tomorrow.setUTCHours(9, 0, 0, 0);
    const mailer = createMailer({ smtp: false, logger: ctx.app.log });
    const pass = await runDigestPass({ db: ctx.database.db, mailer, config: ctx.config, now: tomorrow });
    expect(pass.sent).toBeGreaterThanOrEqual(1);
    const mails = (await ctx.database.rawQuery(
      "select subject, body_text as text from mail_outbox where to_address = $1 and subject like 'QI Academy: % new notification%'",
      [aisha.email],
    )) as Array<{ subject: string; text: string }>;
    expect(mails).toHaveLength(1);
    expect(mails[0]?.text).toContain("Live Q&A on Thursday");
    const token = /\/unsubscribe\?token=([A-Za-z0-9_-]+)/.exec(mails[0]?.text ?? "")?.[1];
    if (!token) throw new Error("the digest has no unsubscribe link");
    const anonymous = await (await browser.newContext()).newPage();
    await anonymous.goto(`${base}/unsubscribe?token=${token}`);
    await anonymous.getByRole("heading", { level: 1, name: /unsubscribed/i }).waitFor();
    await scanPage(anonymous, "community-unsubscribe");

    // Aisha reaches the last module and answers the post-course survey.
    await a.goto(`${base}/learning/${aisha.enrolmentId}/steps/${lastStep.id}`);
    await expectHeading(a, lastStep.title);
    await a.goto(`${base}/learning/${aisha.enrolmentId}`);
    await a.getByRole("link", { name: "Tell us what you thought" }).click();
    await answerSurvey(a, "Strongly agree", "community-post-survey");

    // The facilitator reads the survey results and the engagement funnel.
    await f.goto(`${base}/facilitate/runs/${run.id}/surveys`);
    await expectHeading(f, "Survey results");
    await f.getByRole("cell", { name: "I learnt a lot from taking part in the course" }).waitFor();
    await f.getByRole("cell", { name: "1 (100%)" }).first().waitFor();
    await scanPage(f, "community-survey-results");
    await f.goto(`${base}/facilitate/runs/${run.id}/engagement`);
    await f.getByRole("heading", { level: 1 }).waitFor();
    await f
      .getByText(/Learners who started the course/)
      .first()
      .waitFor();
    await f.getByRole("img").first().waitFor();
    await scanPage(f, "community-engagement");
  });
});
