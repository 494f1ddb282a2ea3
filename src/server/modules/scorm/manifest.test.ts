import { describe, expect, it } from "vitest";
import { joinBase, ManifestError, missingFileWarnings, parseManifest } from "./manifest.js";

const ns12 = `xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"`;
const ns2004 = `xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3" xmlns:imsss="http://www.imsglobal.org/xsd/imsss"`;

function manifest(
  body: { metadata?: string; organizations: string; resources: string; attrs?: string },
  ns = ns12,
): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="m1" version="1" ${ns} ${body.attrs ?? ""}>
  ${body.metadata ?? ""}
  <organizations default="org">${body.organizations}</organizations>
  <resources>${body.resources}</resources>
</manifest>`;
}

const simple12 = manifest({
  metadata: "<metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>",
  organizations: `<organization identifier="org"><title>Safety huddles</title>
    <item identifier="i1" identifierref="r1"><title>Lesson one</title><adlcp:masteryscore>80</adlcp:masteryscore>
      <adlcp:datafromlms>mode=a</adlcp:datafromlms></item>
  </organization>`,
  resources: `<resource identifier="r1" type="webcontent" adlcp:scormtype="sco" href="sco-1/index.html">
    <file href="sco-1/index.html"/><file href="sco-1/app.js"/></resource>`,
});

function version2004(schemaversion: string): string {
  return manifest(
    {
      metadata: `<metadata><schema>ADL SCORM</schema><schemaversion>${schemaversion}</schemaversion></metadata>`,
      organizations: `<organization identifier="org"><title>Org</title>
        <item identifier="i1" identifierref="r1"><title>One</title></item></organization>`,
      resources: `<resource identifier="r1" type="webcontent" adlcp:scormType="sco" href="a.html"/>`,
    },
    ns2004,
  );
}

describe("parseManifest", () => {
  it("reads a SCORM 1.2 package: version, items, mastery score, launch data and files", () => {
    const parsed = parseManifest(simple12);
    expect(parsed.scormVersion).toBe("1.2");
    expect(parsed.organisationTitle).toBe("Safety huddles");
    expect(parsed.items).toHaveLength(1);
    expect(parsed.items[0]).toMatchObject({
      identifier: "i1",
      title: "Lesson one",
      kind: "sco",
      launchHref: "sco-1/index.html",
      masteryScore: 80,
      launchData: "mode=a",
      isVisible: true,
      depth: 0,
    });
    expect(parsed.listedFiles.sort()).toEqual(["sco-1/app.js", "sco-1/index.html"]);
    expect(parsed.warnings).toEqual([]);
  });

  it.each([
    ["1.2", "1.2"],
    ["CAM 1.3", "2004-2nd"],
    ["2004 2nd Edition", "2004-2nd"],
    ["2004 3rd Edition", "2004-3rd"],
    ["2004 4th Edition", "2004-4th"],
  ])("detects the edition from schemaversion %s", (schemaversion, expected) => {
    const xml = schemaversion === "1.2" ? simple12 : version2004(schemaversion);
    expect(parseManifest(xml).scormVersion).toBe(expected);
  });

  it("falls back to the namespaces, with a warning, when schemaversion is missing", () => {
    const xml = version2004("").replace(/<metadata>.*<\/metadata>/s, "");
    const parsed = parseManifest(xml);
    expect(parsed.scormVersion).toBe("2004-3rd");
    expect(parsed.warnings[0]).toMatch(/does not say which edition/);
    const xml12 = simple12.replace(/<metadata>.*<\/metadata>/s, "");
    expect(parseManifest(xml12).scormVersion).toBe("1.2");
  });

  it("applies xml:base on the manifest, resources and resource", () => {
    const xml = manifest({
      attrs: 'xml:base="content/"',
      metadata: "<metadata><schemaversion>1.2</schemaversion></metadata>",
      organizations: `<organization identifier="org"><title>O</title>
        <item identifier="i1" identifierref="r1" parameters="?page=2"><title>One</title></item></organization>`,
      resources: `<resource identifier="r1" type="webcontent" adlcp:scormtype="sco" xml:base="lesson/" href="start.html">
        <file href="start.html"/></resource>`,
    }).replace("<resources>", '<resources xml:base="v1/">');
    const parsed = parseManifest(xml);
    expect(parsed.items[0]?.launchHref).toBe("content/v1/lesson/start.html?page=2");
    expect(parsed.listedFiles).toEqual(["content/v1/lesson/start.html"]);
  });

  it("reads nested items with depth, groups, assets, visibility and scormType in either case", () => {
    const xml = manifest(
      {
        metadata: "<metadata><schemaversion>2004 4th Edition</schemaversion></metadata>",
        organizations: `<organization identifier="org"><title>O</title>
          <item identifier="module1"><title>Module 1</title>
            <item identifier="i1" identifierref="r1"><title>One</title>
              <adlcp:completionThreshold minProgressMeasure="0.75"/></item>
            <item identifier="i2" identifierref="r2" isvisible="false"><title>Glossary</title></item>
          </item></organization>`,
        resources: `<resource identifier="r1" type="webcontent" adlcp:scormType="sco" href="a.html"/>
          <resource identifier="r2" type="webcontent" adlcp:scormType="asset" href="b.html"/>`,
      },
      ns2004,
    );
    const parsed = parseManifest(xml);
    expect(parsed.items.map((i) => [i.identifier, i.depth, i.kind, i.isVisible])).toEqual([
      ["module1", 0, "group", true],
      ["i1", 1, "sco", true],
      ["i2", 1, "asset", false],
    ]);
    expect(parsed.items[1]?.completionThreshold).toBe(0.75);
  });

  it("warns when the package relies on sequencing or prerequisites, and keeps the blocks", () => {
    const xml = manifest(
      {
        metadata: "<metadata><schemaversion>2004 3rd Edition</schemaversion></metadata>",
        organizations: `<organization identifier="org"><title>O</title>
          <item identifier="i1" identifierref="r1"><title>One</title>
            <imsss:sequencing><imsss:objectives><imsss:primaryObjective objectiveID="p" satisfiedByMeasure="true">
              <imsss:minNormalizedMeasure>0.6</imsss:minNormalizedMeasure></imsss:primaryObjective></imsss:objectives>
            </imsss:sequencing></item></organization>`,
        resources: `<resource identifier="r1" type="webcontent" adlcp:scormType="sco" href="a.html"/>`,
      },
      ns2004,
    );
    const parsed = parseManifest(xml);
    expect(parsed.warnings.join(" ")).toMatch(/IMS Simple Sequencing/);
    expect(parsed.raw.sequencing).toHaveLength(1);
    expect(parsed.items[0]?.scaledPassingScore).toBe(0.6);

    const withPrerequisites = simple12.replace(
      "<adlcp:masteryscore>",
      '<adlcp:prerequisites type="aicc_script">i0</adlcp:prerequisites><adlcp:masteryscore>',
    );
    expect(parseManifest(withPrerequisites).warnings.join(" ")).toMatch(/prerequisites/);
  });

  it("refuses malformed XML, naming the line", () => {
    expect(() => parseManifest("<manifest><organizations></manifest>")).toThrow(
      /not well-formed XML.*line 1/,
    );
  });

  it("refuses a manifest with no organisations or a default that does not exist", () => {
    const none = manifest({ organizations: "", resources: "" });
    expect(() => parseManifest(none)).toThrow(/no <organization>/);
    const wrongDefault = simple12.replace('default="org"', 'default="missing"');
    expect(() => parseManifest(wrongDefault)).toThrow(/"missing" as the default organization/);
  });

  it("refuses an item whose resource has no launch href, naming the item and resource", () => {
    const xml = simple12.replace(' href="sco-1/index.html">', ">");
    expect(() => parseManifest(xml)).toThrow(ManifestError);
    expect(() => parseManifest(xml)).toThrow(/Item "i1" launches resource "r1", which has no href/);
  });

  it("refuses an item pointing at a resource that does not exist", () => {
    const xml = simple12.replace('identifierref="r1"', 'identifierref="nope"');
    expect(() => parseManifest(xml)).toThrow(/resource "nope"/);
  });

  it("refuses a mastery score out of range", () => {
    const xml = simple12.replace(">80<", ">180<");
    expect(() => parseManifest(xml)).toThrow(/mastery score of item "i1"/);
  });
});

describe("joinBase", () => {
  it("joins folders and normalises dot segments", () => {
    expect(joinBase(["a", "b/"], "./c.html")).toBe("a/b/c.html");
    expect(joinBase(["a/"], "../x.html")).toBe("x.html");
    expect(joinBase([], "../x.html")).toBe("../x.html");
    expect(joinBase(["a/"], "https://example.org/x")).toBe("https://example.org/x");
  });
});

describe("missingFileWarnings", () => {
  it("names the files the zip lacks", () => {
    expect(missingFileWarnings(["a.html", "b.js"], new Set(["a.html"]))).toEqual([
      expect.stringContaining('"b.js"'),
    ]);
    expect(missingFileWarnings(["a.html"], new Set(["a.html"]))).toEqual([]);
  });
});
