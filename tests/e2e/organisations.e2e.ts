import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { buildAdmin, buildUser, organisationByOds } from "../support/factories.js";
import { expectHeading, expectNoHorizontalScroll, scanPage, signIn } from "./support/browser.js";
import { useInProcessJourney } from "./support/journey.js";

const HEADER = "ODS code,Name,Type,Parent code";
const BROKEN = [
  HEADER,
  "QA1W1,Ward 1,Ward or team,QA1D1",
  "QA1D1,Acute Directorate,directorate,QA1",
  "QA1,Quayside Hospitals NHS Trust,nhs_trust,NOPE",
  "QA1,Quayside Hospitals NHS Trust again,nhs_trust,QWO",
].join("\n");
const FIXED = [
  HEADER,
  "QA1W1,Ward 1,Ward or team,QA1D1",
  "QA1D1,Acute Directorate,directorate,QA1",
  "QA1,Quayside Hospitals NHS Trust,nhs_trust,QWO",
].join("\n");

/** Checks the page at 320 px wide (no sideways scrolling), then goes back to a desktop width. */
async function at320(page: Page): Promise<void> {
  await page.setViewportSize({ width: 320, height: 800 });
  await expectNoHorizontalScroll(page);
  await page.setViewportSize({ width: 1280, height: 900 });
}

// The journey needs the database (to make the learner a member of the imported trust), so it runs in process.
describe("organisation directory: import, browse, teams and the audit log", () => {
  const journey = useInProcessJourney();
  const newPage = async (): Promise<Page> => (await journey.browser().newContext()).newPage();

  it("an administrator imports a directory, a learner picks a team, and the import is in the audit log", async () => {
    const ctx = journey.ctx();
    const base = journey.baseUrl();
    const adminUser = await buildAdmin(ctx, { givenName: "Dana", familyName: "Reid" });
    const admin = await newPage();
    await signIn(admin, base, adminUser.email, adminUser.password);

    // The directory's top level, and the import page.
    await admin.goto(`${base}/admin/organisations`);
    await expectHeading(admin, "Organisations");
    await admin.getByRole("link", { name: "NHS West Yorkshire Integrated Care Board" }).waitFor();
    await scanPage(admin, "organisations-top-level");
    await at320(admin);
    await admin.getByRole("link", { name: "Import the directory from a CSV file" }).click();
    await expectHeading(admin, "Import the organisation directory");
    await scanPage(admin, "organisations-import");
    await at320(admin);

    // Checking without a file, then a file with problems: nothing can be applied.
    await admin.getByRole("button", { name: "Check the file" }).click();
    await admin.getByRole("heading", { name: "There is a problem" }).waitFor();
    await expect.poll(() => admin.title()).toMatch(/^Error: /);
    const file = admin.getByLabel("CSV file");
    await file.setInputFiles({ name: "directory.csv", mimeType: "text/csv", buffer: Buffer.from(BROKEN) });
    await admin.getByRole("button", { name: "Check the file" }).click();
    const problems = admin.getByRole("table", { name: /Rows with problems/ });
    await problems.waitFor();
    await expect
      .poll(() => problems.textContent())
      .toContain("NOPE is neither in the file nor in the directory");
    await expect.poll(() => problems.textContent()).toContain("appears more than once");
    await expect.poll(() => admin.getByRole("button", { name: "Apply these changes" }).count()).toBe(0);
    await scanPage(admin, "organisations-import-problems");
    await at320(admin);

    // The fixed file: three to add, then applied.
    await file.setInputFiles({ name: "directory.csv", mimeType: "text/csv", buffer: Buffer.from(FIXED) });
    await admin.getByRole("button", { name: "Check the file" }).click();
    const toAdd = admin.getByRole("table", { name: "To add (3)" });
    await toAdd.waitFor();
    await expect.poll(() => toAdd.textContent()).toContain("Quayside Hospitals NHS Trust");
    await scanPage(admin, "organisations-import-valid");
    await at320(admin);
    await admin.getByRole("button", { name: "Apply these changes" }).click();
    await admin.getByRole("alert").filter({ hasText: "Directory imported" }).waitFor();
    await expectHeading(admin, "Organisations");

    // Browse to the ward through search, the trust and the directorate.
    await admin.getByLabel("Search by name or ODS code").fill("QA1");
    await admin.getByRole("button", { name: "Search" }).click();
    await admin.getByRole("link", { name: "Quayside Hospitals NHS Trust" }).click();
    await expectHeading(admin, "Quayside Hospitals NHS Trust");
    await admin.getByRole("link", { name: "Acute Directorate" }).click();
    await expectHeading(admin, "Acute Directorate");
    await admin.getByRole("link", { name: "Ward 1" }).click();
    await expectHeading(admin, "Ward 1");
    const breadcrumb = admin.getByRole("navigation", { name: "Breadcrumb" });
    await expect.poll(() => breadcrumb.textContent()).toContain("Quayside Hospitals NHS Trust");
    await scanPage(admin, "organisations-ward");
    await at320(admin);
    const wardUrl = admin.url();

    // The forms: change, move, add below, delete (looked at, not used).
    await admin.getByRole("link", { name: "Change the name, type or ODS code" }).click();
    await expectHeading(admin, /Change the organisation/);
    await admin.getByLabel("Name").fill("");
    await admin.getByRole("button", { name: "Save changes" }).click();
    await admin.getByRole("heading", { name: "There is a problem" }).waitFor();
    await scanPage(admin, "organisations-edit-error");
    await at320(admin);
    await admin.goto(wardUrl);
    await admin.getByRole("link", { name: "Move to another parent organisation" }).click();
    await expectHeading(admin, /Move the organisation/);
    await scanPage(admin, "organisations-move");
    await at320(admin);
    await admin.goto(wardUrl);
    await admin.getByRole("link", { name: "Add an organisation below Ward 1" }).click();
    await expectHeading(admin, "Add an organisation");
    await scanPage(admin, "organisations-new");
    await at320(admin);
    await admin.goto(wardUrl);
    await admin.getByRole("link", { name: "Delete Ward 1" }).click();
    await expectHeading(admin, "Delete Ward 1?");
    await scanPage(admin, "organisations-delete");
    await at320(admin);

    // A learner of the trust picks the ward as their team.
    const trust = await organisationByOds(ctx, "QA1");
    const learnerUser = await buildUser(ctx, {
      organisationId: trust,
      givenName: "Sam",
      familyName: "Okoro",
    });
    const learner = await newPage();
    await signIn(learner, base, learnerUser.email, learnerUser.password);
    await learner.goto(`${base}/account/team`);
    await expectHeading(learner, "Your team");
    await scanPage(learner, "team-choose");
    await at320(learner);
    await learner.getByLabel("Ward 1").check();
    await learner.getByRole("button", { name: "Save team" }).click();
    await learner.getByRole("alert").filter({ hasText: "Your team is now Ward 1" }).waitFor();

    // The administrator sees it on the user's team page.
    await admin.goto(`${base}/admin/users/${learnerUser.id}/team`);
    await expectHeading(admin, "Change their team");
    await expect.poll(() => admin.getByLabel("Ward 1").isChecked()).toBe(true);
    await scanPage(admin, "team-admin");
    await at320(admin);

    // The audit log shows the import.
    await admin.goto(`${base}/admin/audit`);
    await expectHeading(admin, "Audit log");
    const fromGroup = admin.getByRole("group", { name: "From" });
    await fromGroup.getByLabel("Day").fill("30");
    await fromGroup.getByLabel("Month").fill("2");
    await fromGroup.getByLabel("Year").fill("2026");
    await admin.getByRole("button", { name: "Search the audit log" }).click();
    await admin.getByRole("heading", { name: "There is a problem" }).waitFor();
    await expect
      .poll(() => admin.getByRole("main").textContent())
      .toContain("The start date must be a real date");
    await scanPage(admin, "audit-log-error");
    await fromGroup.getByLabel("Day").fill("");
    await fromGroup.getByLabel("Month").fill("");
    await fromGroup.getByLabel("Year").fill("");
    await admin.getByLabel("Action").selectOption({ label: "Imported the organisation directory" });
    await admin.getByRole("button", { name: "Search the audit log" }).click();
    const log = admin.getByRole("table");
    await expect.poll(() => log.textContent()).toContain("Imported the organisation directory");
    await expect.poll(() => log.textContent()).toContain("Dana Reid");
    await expect.poll(() => log.textContent()).toContain("created: 3");
    await scanPage(admin, "audit-log");
    await at320(admin);

    // A learner administrator's own activity page.
    const learnerAdminUser = await buildUser(ctx, {
      organisationId: trust,
      roles: ["learner", { role: "learner_admin", organisationId: trust }],
    });
    const learnerAdmin = await newPage();
    await signIn(learnerAdmin, base, learnerAdminUser.email, learnerAdminUser.password);
    await learnerAdmin.goto(`${base}/reports/activity`);
    await expectHeading(learnerAdmin, "Your activity");
    await learnerAdmin.getByText("Nothing has been recorded yet.").waitFor();
    await scanPage(learnerAdmin, "audit-your-activity");
    await at320(learnerAdmin);
  });
});
