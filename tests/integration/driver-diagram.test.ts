import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DriverDiagram } from "../../src/shared/project-contracts.js";
import { buildUser, signIn, type TestUser } from "../support/factories.js";
import { buildProject } from "../support/projects-fixtures.js";
import { createTestApp, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
let lead: TestUser & { cookie: string };
let reader: TestUser & { cookie: string };
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

async function person() {
  const user = await buildUser(ctx);
  return { ...user, cookie: await signIn(ctx, user) };
}

async function nodeCount(): Promise<number> {
  const [row] = (await ctx.database.rawQuery("select count(*)::int as n from driver_nodes")) as Array<{
    n: number;
  }>;
  return row?.n ?? 0;
}

async function add(
  projectId: string,
  parentId: string | null,
  kind: string,
  text: string,
): Promise<DriverDiagram> {
  const response = await call("POST", `/api/projects/${projectId}/driver-nodes`, lead.cookie, {
    parentId,
    kind,
    text,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as DriverDiagram;
}

beforeAll(async () => {
  ctx = await createTestApp();
  lead = await person();
  reader = await person();
  stranger = await person();
});

afterAll(async () => {
  await ctx?.close();
});

describe("driver diagram", () => {
  it("builds the tree level by level and shows the aim above it", async () => {
    const project = await buildProject(ctx, { leadId: lead.id });
    let diagram = await add(project.id, null, "primary_driver", "Reliable drug rounds");
    const primary = diagram.nodes[0];
    if (!primary) throw new Error("no primary driver");
    diagram = await add(project.id, primary.id, "secondary_driver", "Fewer interruptions");
    const secondary = diagram.nodes[0]?.children[0];
    if (!secondary) throw new Error("no secondary driver");
    diagram = await add(project.id, secondary.id, "change_idea", "Do-not-disturb tabards");
    expect(diagram.aim).toEqual({ what: "Reduce falls on Ward 7", howMuch: "by 30%", byWhen: "2027-03-31" });
    expect(diagram.nodes).toEqual([
      expect.objectContaining({
        text: "Reliable drug rounds",
        kind: "primary_driver",
        children: [
          expect.objectContaining({
            text: "Fewer interruptions",
            children: [
              expect.objectContaining({ text: "Do-not-disturb tabards", kind: "change_idea", children: [] }),
            ],
          }),
        ],
      }),
    ]);
    expect(diagram.canEdit).toBe(true);
  });

  it("refuses a kind that does not follow the parent's level (422), another project's node (404), nothing written", async () => {
    const project = await buildProject(ctx, { leadId: lead.id });
    const other = await buildProject(ctx, { leadId: lead.id });
    const primary = (await add(project.id, null, "primary_driver", "P")).nodes[0];
    const otherPrimary = (await add(other.id, null, "primary_driver", "Q")).nodes[0];
    if (!primary || !otherPrimary) throw new Error("no nodes");
    const before = await nodeCount();
    const cases: Array<[string | null, string, number, string]> = [
      [primary.id, "change_idea", 422, "kind"],
      [null, "secondary_driver", 422, "kind"],
      [primary.id, "primary_driver", 422, "kind"],
      [otherPrimary.id, "secondary_driver", 404, ""],
    ];
    for (const [parentId, kind, status, field] of cases) {
      const response = await call("POST", `/api/projects/${project.id}/driver-nodes`, lead.cookie, {
        parentId,
        kind,
        text: "x",
      });
      expect(response.statusCode, `${kind} under ${parentId}`).toBe(status);
      if (field) expect(response.json().details[0].field).toBe(field);
    }
    const tooLong = await call("POST", `/api/projects/${project.id}/driver-nodes`, lead.cookie, {
      parentId: null,
      kind: "primary_driver",
      text: "x".repeat(501),
    });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().details[0].field).toBe("text");
    const blank = await call("POST", `/api/projects/${project.id}/driver-nodes`, lead.cookie, {
      parentId: null,
      kind: "primary_driver",
      text: "   ",
    });
    expect(blank.statusCode).toBe(400);
    expect(
      (
        await call("PATCH", `/api/projects/${project.id}/driver-nodes/${otherPrimary.id}`, lead.cookie, {
          text: "y",
        })
      ).statusCode,
    ).toBe(404);
    expect(await nodeCount()).toBe(before);
  });

  it("refuses nothing under a change idea and more than 50 under one parent", async () => {
    const project = await buildProject(ctx, { leadId: lead.id });
    await ctx.database.rawQuery(
      `insert into driver_nodes (project_id, kind, text, position)
       select $1, 'primary_driver', 'Driver ' || g, g from generate_series(0, 49) g`,
      [project.id],
    );
    const full = await call("POST", `/api/projects/${project.id}/driver-nodes`, lead.cookie, {
      parentId: null,
      kind: "primary_driver",
      text: "One too many",
    });
    expect(full.statusCode).toBe(409);
    expect(full.json().message).toMatch(/50/);
  });

  it("renames, moves up and down among siblings, and deletes with children", async () => {
    const project = await buildProject(ctx, { leadId: lead.id });
    await add(project.id, null, "primary_driver", "A");
    await add(project.id, null, "primary_driver", "B");
    let diagram = await add(project.id, null, "primary_driver", "C");
    const [a, b, c] = diagram.nodes;
    if (!a || !b || !c) throw new Error("no nodes");
    await add(project.id, a.id, "secondary_driver", "A1");

    const moved = await call("POST", `/api/projects/${project.id}/driver-nodes/${c.id}/move`, lead.cookie, {
      direction: "up",
    });
    expect(moved.statusCode).toBe(200);
    expect((moved.json() as DriverDiagram).nodes.map((n) => n.text)).toEqual(["A", "C", "B"]);
    const top = await call("POST", `/api/projects/${project.id}/driver-nodes/${a.id}/move`, lead.cookie, {
      direction: "up",
    });
    expect((top.json() as DriverDiagram).nodes.map((n) => n.text)).toEqual(["A", "C", "B"]);
    const down = await call("POST", `/api/projects/${project.id}/driver-nodes/${a.id}/move`, lead.cookie, {
      direction: "down",
    });
    expect((down.json() as DriverDiagram).nodes.map((n) => n.text)).toEqual(["C", "A", "B"]);
    expect(
      (
        await call("POST", `/api/projects/${project.id}/driver-nodes/${a.id}/move`, lead.cookie, {
          direction: "left",
        })
      ).statusCode,
    ).toBe(400);

    const renamed = await call("PATCH", `/api/projects/${project.id}/driver-nodes/${b.id}`, lead.cookie, {
      text: "B renamed",
    });
    expect((renamed.json() as DriverDiagram).nodes[2]?.text).toBe("B renamed");

    const before = await nodeCount();
    const removed = await call("DELETE", `/api/projects/${project.id}/driver-nodes/${a.id}`, lead.cookie);
    expect(removed.statusCode).toBe(200);
    diagram = removed.json() as DriverDiagram;
    expect(diagram.nodes.map((n) => n.text)).toEqual(["C", "B renamed"]);
    expect(await nodeCount()).toBe(before - 2);
  });

  it("is read-only for readers, hidden from outsiders, and needs sign-in", async () => {
    const project = await buildProject(ctx, { leadId: lead.id, visibility: "signed_in" });
    const primary = (await add(project.id, null, "primary_driver", "P")).nodes[0];
    if (!primary) throw new Error("no node");
    const seen = await call("GET", `/api/projects/${project.id}/driver-diagram`, reader.cookie);
    expect(seen.statusCode).toBe(200);
    expect((seen.json() as DriverDiagram).canEdit).toBe(false);
    const before = await nodeCount();
    const attempts = [
      call("POST", `/api/projects/${project.id}/driver-nodes`, reader.cookie, {
        parentId: null,
        kind: "primary_driver",
        text: "x",
      }),
      call("PATCH", `/api/projects/${project.id}/driver-nodes/${primary.id}`, reader.cookie, { text: "x" }),
      call("POST", `/api/projects/${project.id}/driver-nodes/${primary.id}/move`, reader.cookie, {
        direction: "up",
      }),
      call("DELETE", `/api/projects/${project.id}/driver-nodes/${primary.id}`, reader.cookie),
    ];
    for (const response of await Promise.all(attempts)) expect(response.statusCode).toBe(403);
    expect(await nodeCount()).toBe(before);

    const hidden = await buildProject(ctx, { leadId: lead.id });
    expect((await call("GET", `/api/projects/${hidden.id}/driver-diagram`, stranger.cookie)).statusCode).toBe(
      404,
    );
    expect((await call("GET", `/api/projects/${hidden.id}/driver-diagram`, null)).statusCode).toBe(401);
  });
});
