import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImportPreviewResult, ImportResult, MeasureDetail } from "../../src/shared/measures.js";
import { auditFor, buildUser, signIn, tableCounts } from "../support/factories.js";
import { multipartBody } from "../support/portfolio-fixtures.js";
import { buildMeasure, buildProject, weeklyDates } from "../support/projects-fixtures.js";
import { createTestApp, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
let leadCookie = "";
let readerCookie = "";
let outsiderCookie = "";
let projectId = "";

beforeAll(async () => {
  ctx = await createTestApp();
  const lead = await buildUser(ctx);
  const reader = await buildUser(ctx);
  leadCookie = await signIn(ctx, lead);
  readerCookie = await signIn(ctx, reader);
  outsiderCookie = await signIn(ctx, await buildUser(ctx));
  // Shared with everyone signed in: the reader (not on the team) reads but cannot import.
  projectId = (await buildProject(ctx, { leadId: lead.id, visibility: "signed_in" })).id;
});

afterAll(async () => {
  await ctx?.close();
});

function post(url: string, cookie: string | null, payload: unknown) {
  return ctx.app.inject({
    method: "POST",
    url,
    ...(cookie ? { headers: { cookie } } : {}),
    payload: payload as Record<string, unknown>,
  });
}

function postFile(
  url: string,
  cookie: string,
  bytes: Buffer,
  fields: Array<[string, string]> = [],
  filename = "data.csv",
) {
  const body = multipartBody(fields, { filename, bytes });
  return ctx.app.inject({ method: "POST", url, headers: { ...body.headers, cookie }, payload: body.payload });
}

async function counts() {
  const [row] = (await ctx.database.rawQuery(
    `select (select count(*)::int from measure_points) as points,
            (select coalesce(sum(data_version), 0)::int from project_measures) as versions`,
  )) as Array<Record<string, number>>;
  return { ...(await tableCounts(ctx)), ...row };
}

async function pointsOf(measureId: string) {
  const response = await ctx.app.inject({
    method: "GET",
    url: `/api/measures/${measureId}`,
    headers: { cookie: leadCookie },
  });
  return (response.json() as MeasureDetail).points;
}

describe("measure import: preview", () => {
  it("reads pasted tab-separated rows with a header, UK dates, notes, and marks new and replacing rows", async () => {
    const m = await buildMeasure(ctx, projectId, { values: [7] });
    const text = "Date\tValue\tNote\n05/01/2026\t6\tfirst\n12/01/2026\t5.5\t\n19/01/2026\t4\tafter tabards\n";
    const before = await counts();
    const response = await post(`/api/measures/${m.id}/import/preview`, leadCookie, { text });
    expect(response.statusCode, response.body).toBe(200);
    const preview = response.json() as ImportPreviewResult;
    expect(preview.errors).toEqual([]);
    expect(preview.rows).toEqual([
      {
        line: 2,
        date: "2026-01-05",
        value: 6,
        note: "first",
        status: "replaces",
        existingValue: 7,
        message: null,
      },
      {
        line: 3,
        date: "2026-01-12",
        value: 5.5,
        note: "",
        status: "new",
        existingValue: null,
        message: null,
      },
      {
        line: 4,
        date: "2026-01-19",
        value: 4,
        note: "after tabards",
        status: "new",
        existingValue: null,
        message: null,
      },
    ]);
    expect(preview.counts).toMatchObject({ rows: 3, new: 2, replaces: 1, errors: 0, totalAfter: 3 });
    expect(preview.sorted).toBe(false);
    expect(await counts()).toEqual(before);
  });

  it("puts rows in date order and says so", async () => {
    const m = await buildMeasure(ctx, projectId);
    const text = "2026-01-19,3\n2026-01-05,1\n2026-01-12,2\n";
    const preview = (
      await post(`/api/measures/${m.id}/import/preview`, leadCookie, { text })
    ).json() as ImportPreviewResult;
    expect(preview.rows.map((r) => r.date)).toEqual(["2026-01-05", "2026-01-12", "2026-01-19"]);
    expect(preview.sorted).toBe(true);
    expect(preview.notes.join(" ")).toContain("date order");
  });

  it("lists every row error by line: bad dates and values, duplicate dates, dates out of range, wrong columns", async () => {
    const m = await buildMeasure(ctx, projectId);
    const text =
      "2026-01-05,1\nnot a date,2\n2026-01-19,lots\n2026-01-05,4\n1985-01-01,5\n2026-02-02,6,note,extra\n";
    const response = await post(`/api/measures/${m.id}/import/preview`, leadCookie, { text });
    expect(response.statusCode, response.body).toBe(200);
    const preview = response.json() as ImportPreviewResult;
    const lines = preview.errors.map((e) => e.line);
    expect(lines).toEqual(expect.arrayContaining([2, 3, 4, 5, 6]));
    expect(lines).not.toContain(1);
    for (const error of preview.errors) expect(error.message.length).toBeGreaterThan(10);
    const wrongHeader = (
      await post(`/api/measures/${m.id}/import/preview`, leadCookie, { text: "Week,Missed\n2026-01-05,1\n" })
    ).json() as ImportPreviewResult;
    expect(wrongHeader.errors[0]).toMatchObject({ line: 1, message: expect.stringContaining("columns") });
  });

  it("refuses percentages over 100 when the unit is %, naming the row", async () => {
    const created = await post(`/api/projects/${projectId}/measures`, leadCookie, {
      kind: "process",
      title: "% with a second check",
      unit: "%",
      improvementDirection: "increase",
      frequency: "weekly",
    });
    const id = (created.json() as { id: string }).id;
    const preview = (
      await post(`/api/measures/${id}/import/preview`, leadCookie, {
        text: "2026-01-05,95\n2026-01-12,104\n",
      })
    ).json() as ImportPreviewResult;
    expect(preview.errors).toEqual([{ line: 2, message: "Enter a percentage from 0 to 100" }]);
    expect(preview.rows[1]?.status).toBe("error");
  });

  it("reads a CSV file with a BOM, and Windows-1252 bytes from Excel", async () => {
    const m = await buildMeasure(ctx, projectId);
    const bom = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from("Date,Value,Note\r\n05/01/2026,6,ok\r\n12/01/2026,5,\r\n"),
    ]);
    const first = await postFile(`/api/measures/${m.id}/import/preview`, leadCookie, bom);
    expect(first.statusCode, first.body).toBe(200);
    const a = first.json() as ImportPreviewResult;
    expect(a.errors).toEqual([]);
    expect(a.rows.map((r) => [r.date, r.value, r.note])).toEqual([
      ["2026-01-05", 6, "ok"],
      ["2026-01-12", 5, ""],
    ]);
    // "Café rota £" in Windows-1252: é is 0xE9 and £ 0xA3.
    const cp1252 = Buffer.concat([
      Buffer.from("Date,Value,Note\r\n05/01/2026,6,Caf"),
      Buffer.from([0xe9]),
      Buffer.from(" rota "),
      Buffer.from([0xa3]),
      Buffer.from("\r\n"),
    ]);
    const second = await postFile(`/api/measures/${m.id}/import/preview`, leadCookie, cp1252);
    expect(second.statusCode, second.body).toBe(200);
    expect((second.json() as ImportPreviewResult).rows[0]?.note).toBe("Café rota £");
  });

  it("answers 401, 403 to readers, 404 to outsiders, 400 without data, 413 for files over 2 MB", async () => {
    const m = await buildMeasure(ctx, projectId);
    const url = `/api/measures/${m.id}/import/preview`;
    expect((await post(url, null, { text: "2026-01-05,1" })).statusCode).toBe(401);
    expect((await post(url, readerCookie, { text: "2026-01-05,1" })).statusCode).toBe(403);
    expect((await post(url, outsiderCookie, { text: "2026-01-05,1" })).statusCode).toBe(403);
    await ctx.database.rawQuery("update improvement_projects set visibility = 'team' where id = $1", [
      projectId,
    ]);
    expect((await post(url, outsiderCookie, { text: "2026-01-05,1" })).statusCode).toBe(404);
    await ctx.database.rawQuery("update improvement_projects set visibility = 'signed_in' where id = $1", [
      projectId,
    ]);
    expect((await post(url, leadCookie, { text: "" })).statusCode).toBe(400);
    expect((await post(url, leadCookie, {})).statusCode).toBe(400);
    expect((await post(url, leadCookie, { text: "2026-01-05,1", mode: "everything" })).statusCode).toBe(400);
    const big = Buffer.alloc(2 * 1024 * 1024 + 10, "2026-01-05,1\n");
    const tooBig = await postFile(url, leadCookie, big);
    expect(tooBig.statusCode).toBe(413);
    const noFile = multipartBody([["mode", "add"]]);
    const missing = await ctx.app.inject({
      method: "POST",
      url,
      headers: { ...noFile.headers, cookie: leadCookie },
      payload: noFile.payload,
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().details).toEqual([{ field: "file", message: "Choose a CSV file to upload" }]);
  });
});

describe("measure import: apply", () => {
  it("adds pasted rows in one go, bumps the data version and audits the row count", async () => {
    const m = await buildMeasure(ctx, projectId);
    const dates = weeklyDates("2026-01-05", 24);
    const text = dates.map((d, i) => `${d}\t${i < 12 ? 6 : 3}`).join("\n");
    const response = await post(`/api/measures/${m.id}/import`, leadCookie, {
      text,
      mode: "add",
      onExisting: "refuse",
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      added: 24,
      replaced: 0,
      removed: 0,
      pointCount: 24,
    } satisfies Partial<ImportResult>);
    expect(await pointsOf(m.id)).toHaveLength(24);
    const [entry] = await auditFor(ctx, "measures.data_imported");
    expect(entry?.subjectId).toBe(m.id);
    expect(entry?.details).toMatchObject({ rows: 24, mode: "add", source: "pasted" });
  });

  it("overwrites existing dates when told to, and refuses them (422, nothing written) when told to refuse", async () => {
    const m = await buildMeasure(ctx, projectId, { values: [10, 20] });
    const text = "2026-01-05,11\n2026-01-19,30\n";
    const before = await counts();
    const refused = await post(`/api/measures/${m.id}/import`, leadCookie, {
      text,
      mode: "add",
      onExisting: "refuse",
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toBe("import_invalid");
    expect(refused.json().details).toEqual([
      {
        field: "line-1",
        message: expect.stringContaining("Line 1: There is already a value for 5 January 2026"),
      },
    ]);
    expect(await counts()).toEqual(before);
    const overwritten = await post(`/api/measures/${m.id}/import`, leadCookie, {
      text,
      mode: "add",
      onExisting: "overwrite",
    });
    expect(overwritten.statusCode, overwritten.body).toBe(200);
    expect(overwritten.json()).toMatchObject({ added: 1, replaced: 1, pointCount: 3 });
    expect((await pointsOf(m.id)).map((p) => [p.date, p.value])).toEqual([
      ["2026-01-05", 11],
      ["2026-01-12", 20],
      ["2026-01-19", 30],
    ]);
  });

  it("replaces all values when asked", async () => {
    const m = await buildMeasure(ctx, projectId, { values: [1, 2, 3, 4] });
    const response = await post(`/api/measures/${m.id}/import`, leadCookie, {
      text: "2027-01-04,9\n2027-01-11,8\n",
      mode: "replace_all",
      onExisting: "refuse",
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ added: 2, removed: 4, pointCount: 2 });
    expect((await pointsOf(m.id)).map((p) => p.date)).toEqual(["2027-01-04", "2027-01-11"]);
  });

  it("imports an uploaded CSV file with its options as fields", async () => {
    const m = await buildMeasure(ctx, projectId);
    const file = Buffer.from("\uFEFFDate;Value\n05/01/2026;6.5\n12/01/2026;7\n");
    const response = await postFile(`/api/measures/${m.id}/import`, leadCookie, file, [
      ["mode", "add"],
      ["onExisting", "refuse"],
    ]);
    expect(response.statusCode, response.body).toBe(200);
    expect((await pointsOf(m.id)).map((p) => p.value)).toEqual([6.5, 7]);
    const [entry] = await auditFor(ctx, "measures.data_imported");
    expect(entry?.details).toMatchObject({ source: "file", rows: 2 });
  });

  it("writes nothing when any row has an error, listing every error", async () => {
    const m = await buildMeasure(ctx, projectId);
    const before = await counts();
    const response = await post(`/api/measures/${m.id}/import`, leadCookie, {
      text: "Date,Value\n2026-01-05,1\nsoon,2\n2026-01-19,x\n2026-01-05,3\n",
      mode: "add",
      onExisting: "overwrite",
    });
    expect(response.statusCode).toBe(422);
    const details = response.json().details as Array<{ field: string; message: string }>;
    expect(details.map((d) => d.field)).toEqual(["line-3", "line-4", "line-5"]);
    expect(response.json().message).toContain("3 rows have problems");
    expect(await counts()).toEqual(before);
  });

  it("refuses an import that would leave more than 10,000 values, and more than 10,000 rows at once", async () => {
    const m = await buildMeasure(ctx, projectId);
    const start = Date.parse("1995-01-01T00:00:00Z");
    const day = (i: number) => new Date(start + i * 86_400_000).toISOString().slice(0, 10);
    const first = Array.from({ length: 9_995 }, (_, i) => `${day(i)},${i % 10}`).join("\n");
    const ok = await post(`/api/measures/${m.id}/import`, leadCookie, {
      text: first,
      mode: "add",
      onExisting: "refuse",
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const before = await counts();
    const more = Array.from({ length: 10 }, (_, i) => `${day(20_000 + i)},1`).join("\n");
    const tooMany = await post(`/api/measures/${m.id}/import`, leadCookie, {
      text: more,
      mode: "add",
      onExisting: "refuse",
    });
    expect(tooMany.statusCode).toBe(422);
    expect(tooMany.json().error).toBe("too_many_points");
    const rows = Array.from({ length: 10_001 }, (_, i) => `${day(i)},1`).join("\n");
    const tooLong = await post(`/api/measures/${m.id}/import`, leadCookie, {
      text: rows,
      mode: "replace_all",
      onExisting: "overwrite",
    });
    expect(tooLong.statusCode).toBe(422);
    expect(await counts()).toEqual(before);
    const replaced = await post(`/api/measures/${m.id}/import`, leadCookie, {
      text: more,
      mode: "replace_all",
      onExisting: "refuse",
    });
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect(replaced.json()).toMatchObject({ removed: 9_995, pointCount: 10 });
  });

  it("answers 403 to readers and 400 without a mode, writing nothing", async () => {
    const m = await buildMeasure(ctx, projectId);
    const before = await counts();
    expect(
      (
        await post(`/api/measures/${m.id}/import`, readerCookie, {
          text: "2026-01-05,1",
          mode: "add",
          onExisting: "refuse",
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await post(`/api/measures/${m.id}/import`, leadCookie, { text: "2026-01-05,1" })).statusCode,
    ).toBe(400);
    expect(await counts()).toEqual(before);
  });
});
