import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BenefitDetail } from "../../src/shared/implementation-benefits.js";
import { signIn, tableCounts } from "../support/factories.js";
import { buildImplementationCast, type ImplementationCast } from "../support/implementation-fixtures.js";
import { createTestApp, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
let cast: ImplementationCast;
const cookies: Record<string, string> = {};

/** A 1×1 transparent PNG. */
const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000001000000010806000000" +
    "1f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4c20000000049454e44ae426082",
  "hex",
);
const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n",
);

function multipart(filename: string, bytes: Buffer, field = "file") {
  const boundary = `----qia${randomUUID()}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

function upload(benefitId: string, who: string | null, filename: string, bytes: Buffer, field = "file") {
  const body = multipart(filename, bytes, field);
  return ctx.app.inject({
    method: "POST",
    url: `/api/benefits/${benefitId}/evidence`,
    headers: { ...body.headers, ...(who ? { cookie: cookies[who] ?? "" } : {}) },
    payload: body.payload,
  });
}

function call(method: "GET" | "POST" | "DELETE", url: string, who: string | null, payload?: unknown) {
  return ctx.app.inject({
    method,
    url,
    ...(who ? { headers: { cookie: cookies[who] ?? "" } } : {}),
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
}

async function counts() {
  const [row] = (await ctx.database.rawQuery(
    `select (select count(*)::int from benefit_evidence) as evidence,
            (select count(*)::int from stored_files where purpose = 'benefit_evidence') as files,
            (select count(*)::int from benefit_events) as events`,
  )) as Array<{ evidence: number; files: number; events: number }>;
  return {
    ...(await tableCounts(ctx)),
    evidence: row?.evidence ?? 0,
    files: row?.files ?? 0,
    events: row?.events ?? 0,
  };
}

async function record(): Promise<string> {
  const response = await call("POST", "/api/benefits", "teamLeaderA", {
    teamId: cast.teamA.id,
    areaId: cast.registration.areaIds[3],
    title: "Stock reduction at the team base",
    cashable: true,
    cashCategory: "stock",
    method: "Stock count before and after",
    forecastPence: 300000,
    forecastOn: "2026-12-31",
  });
  expect(response.statusCode, response.body).toBe(201);
  return (response.json() as BenefitDetail).benefit.id;
}

beforeAll(async () => {
  ctx = await createTestApp();
  cast = await buildImplementationCast(ctx);
  for (const who of [
    "programmeLead",
    "executive",
    "financeLead",
    "teamLeaderA",
    "teamLeaderB",
    "colleague",
    "otherLead",
    "admin",
  ] as const) {
    cookies[who] = await signIn(ctx, cast[who]);
  }
});

afterAll(async () => {
  await ctx?.close();
});

describe("benefit evidence", () => {
  it("adds a file, lists it on the benefit, records it in the history and serves it as a download", async () => {
    const id = await record();
    const response = await upload(id, "teamLeaderA", "stock count.pdf", PDF);
    expect(response.statusCode, response.body).toBe(201);
    const detail = response.json() as BenefitDetail;
    expect(detail.evidence).toHaveLength(1);
    const file = detail.evidence[0];
    expect(file).toMatchObject({
      filename: "stock count.pdf",
      contentType: "application/pdf",
      sizeBytes: PDF.length,
      addedBy: { id: cast.teamLeaderA.id },
    });
    expect(detail.events.at(-1)).toMatchObject({
      kind: "evidence_added",
      changes: [{ field: "file", before: null, after: "stock count.pdf" }],
    });
    for (const who of ["teamLeaderA", "programmeLead", "executive", "financeLead", "admin"]) {
      const download = await call("GET", file?.url ?? "", who);
      expect(download.statusCode, who).toBe(200);
      expect(download.headers["content-type"]).toBe("application/pdf");
      expect(download.headers["content-disposition"]).toBe(
        `attachment; filename="stock count.pdf"; filename*=UTF-8''stock%20count.pdf`,
      );
      expect(download.rawPayload.equals(PDF)).toBe(true);
    }
    expect((await call("GET", file?.url ?? "", "teamLeaderB")).statusCode).toBe(403);
    expect((await call("GET", file?.url ?? "", "otherLead")).statusCode).toBe(404);
    expect((await call("GET", file?.url ?? "", "colleague")).statusCode).toBe(404);
    expect((await call("GET", file?.url ?? "", null)).statusCode).toBe(401);
    expect(
      (await call("GET", `/api/benefits/${id}/evidence/${randomUUID()}`, "teamLeaderA")).statusCode,
    ).toBe(404);
  });

  it("lets a finance lead and programme lead add evidence; refuses others without storing anything", async () => {
    const id = await record();
    expect((await upload(id, "financeLead", "ledger.png", PNG)).statusCode).toBe(201);
    expect((await upload(id, "programmeLead", "photo.png", PNG)).statusCode).toBe(201);
    const before = await counts();
    for (const who of ["teamLeaderB", "executive", "admin"]) {
      expect((await upload(id, who, "x.png", PNG)).statusCode, who).toBe(403);
    }
    expect((await upload(id, "otherLead", "x.png", PNG)).statusCode).toBe(404);
    expect((await upload(id, "colleague", "x.png", PNG)).statusCode).toBe(404);
    expect((await upload(id, null, "x.png", PNG)).statusCode).toBe(401);
    expect(await counts()).toEqual(before);
  });

  it("refuses files whose contents are not what their names say, unknown types, videos and empty files", async () => {
    const id = await record();
    const before = await counts();
    const disguised = await upload(id, "teamLeaderA", "invoice.pdf", PNG);
    expect(disguised.statusCode).toBe(400);
    expect(disguised.json().message).toContain("are not a PDF");
    expect((await upload(id, "teamLeaderA", "tool.exe", PDF)).statusCode).toBe(400);
    expect((await upload(id, "teamLeaderA", "clip.mp4", PDF)).statusCode).toBe(400);
    expect((await upload(id, "teamLeaderA", "empty.pdf", Buffer.alloc(0))).statusCode).toBe(400);
    expect((await upload(id, "teamLeaderA", "notes.csv", PDF)).statusCode).toBe(400);
    expect((await upload(id, "teamLeaderA", "stock.pdf", PDF, "other")).statusCode).toBe(400);
    const json = await call("POST", `/api/benefits/${id}/evidence`, "teamLeaderA", { file: "x" });
    expect(json.statusCode).toBe(415);
    expect(await counts()).toEqual(before);
  });

  it("refuses an image over 5 MB with 413", async () => {
    const id = await record();
    const big = Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]);
    const before = await counts();
    const response = await upload(id, "teamLeaderA", "big.png", big);
    expect(response.statusCode).toBe(413);
    expect(await counts()).toEqual(before);
  });

  it("removes evidence (editors), recording it; not once the benefit is signed off (409)", async () => {
    const id = await record();
    const added = (await upload(id, "teamLeaderA", "count.pdf", PDF)).json() as BenefitDetail;
    const evidenceId = added.evidence[0]?.id ?? "";
    const url = `/api/benefits/${id}/evidence/${evidenceId}`;
    const before = await counts();
    for (const who of ["teamLeaderB", "executive", "admin"]) {
      expect((await call("DELETE", url, who)).statusCode, who).toBe(403);
    }
    expect((await call("DELETE", url, "otherLead")).statusCode).toBe(404);
    expect((await call("DELETE", url, null)).statusCode).toBe(401);
    expect(await counts()).toEqual(before);
    expect((await call("DELETE", url, "teamLeaderA")).statusCode).toBe(204);
    const after = (await call("GET", `/api/benefits/${id}`, "teamLeaderA")).json() as BenefitDetail;
    expect(after.evidence).toEqual([]);
    expect(after.events.at(-1)).toMatchObject({
      kind: "evidence_removed",
      changes: [{ field: "file", before: "count.pdf", after: null }],
    });
    expect((await counts()).files).toBe(before.files - 1);
    expect((await call("DELETE", url, "teamLeaderA")).statusCode).toBe(404);

    const kept = (await upload(id, "teamLeaderA", "final.pdf", PDF)).json() as BenefitDetail;
    const decision = await call("POST", `/api/benefits/${id}/decision`, "financeLead", {
      decision: "signed_off",
    });
    expect(decision.statusCode, decision.body).toBe(200);
    const signed = (await call("GET", `/api/benefits/${id}`, "teamLeaderA")).json() as BenefitDetail;
    expect(signed.myAccess.canRemoveEvidence).toBe(false);
    const refused = await call(
      "DELETE",
      `/api/benefits/${id}/evidence/${kept.evidence[0]?.id}`,
      "teamLeaderA",
    );
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toContain("signed off");
  });
});
