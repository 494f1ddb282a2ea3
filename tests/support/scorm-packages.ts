import { crc32, deflateRawSync } from "node:zlib";

/**
 * SCORM packages built in code for tests: a small zip writer that also makes the bad zips an importer must refuse
 * (names with "..", absolute paths, symlinks, bombs), and SCORM 1.2 and 2004 packages whose pages call the run-time
 * the way real content does.
 */

/** One entry of a zip. Names are written exactly as given, so hostile ones can be built. */
export interface ZipEntry {
  name: string;
  content?: string | Buffer;
  /** Deflate the content (zip bombs need it); stored uncompressed otherwise. */
  deflate?: boolean;
  /** Write the entry as a Unix symbolic link whose target is `content`. */
  symlink?: boolean;
}

const DOS_TIME = (12 << 11) | (0 << 5); // 12:00:00
const DOS_DATE = ((2026 - 1980) << 9) | (11 << 5) | 24; // 24 November 2026

/** Builds a zip archive (PKZIP 2.0: stored or deflated entries, Unix attributes, UTF-8 names). */
export function zipOf(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, "utf8");
    const raw = Buffer.isBuffer(entry.content) ? entry.content : Buffer.from(entry.content ?? "", "utf8");
    const data = entry.deflate ? deflateRawSync(raw) : raw;
    const method = entry.deflate ? 8 : 0;
    const checksum = crc32(raw);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(checksum, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, data);

    const mode = entry.symlink ? 0o120777 : entry.name.endsWith("/") ? 0o040755 : 0o100644;
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by Unix, so the mode bits count
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(checksum, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(raw.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(0, 30);
    central.writeUInt16LE(0, 32);
    central.writeUInt16LE(0, 34);
    central.writeUInt16LE(0, 36);
    central.writeUInt32LE((mode << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** What a built package holds. */
export interface PackageOptions {
  /** The organisation's title (default "Measuring for improvement"). */
  title?: string;
  /** How many SCOs, each sco-N/index.html (default 1). */
  scos?: number;
  /** SCORM 1.2: adlcp:masteryscore on every item. SCORM 2004: the primary objective's minNormalizedMeasure (÷100). */
  masteryScore?: number;
  /** "interactive" pages (default) with buttons, or pages that only initialise and finish. */
  content?: "interactive" | "minimum-calls";
  /** More entries in the zip. */
  extraFiles?: ZipEntry[];
  /** Paths the manifest lists but the zip leaves out. */
  omitFiles?: string[];
  /** Use this imsmanifest.xml instead of the built one. */
  manifest?: string;
}

/** SCORM 2004 options on top of the common ones. */
export interface Scorm2004Options extends PackageOptions {
  /** Which edition the manifest declares (default "4th"). */
  edition?: "2nd" | "3rd" | "4th";
  /** Add IMS Simple Sequencing control modes to the organisation and items. */
  sequencing?: boolean;
  /** adlcp:completionThreshold on every item (0-1). */
  completionThreshold?: number;
}

const xmlText = (value: string) =>
  value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const scoNumbers = (options: PackageOptions) => Array.from({ length: options.scos ?? 1 }, (_, i) => i + 1);
const defaultTitle = (options: PackageOptions) => options.title ?? "Measuring for improvement";

/** The imsmanifest.xml of a SCORM 1.2 package built by scorm12Package. */
export function manifest12(options: PackageOptions = {}): string {
  const items = scoNumbers(options)
    .map(
      (n) => `      <item identifier="item-${n}" identifierref="res-${n}" isvisible="true">
        <title>Part ${n}</title>${options.masteryScore === undefined ? "" : `\n        <adlcp:masteryscore>${options.masteryScore}</adlcp:masteryscore>`}
      </item>`,
    )
    .join("\n");
  const resources = scoNumbers(options)
    .map(
      (
        n,
      ) => `    <resource identifier="res-${n}" type="webcontent" adlcp:scormtype="sco" href="sco-${n}/index.html">
      <file href="sco-${n}/index.html"/>
      <dependency identifierref="shared"/>
    </resource>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="qi-academy-test-12" version="1.0"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="org-1">
    <organization identifier="org-1">
      <title>${xmlText(defaultTitle(options))}</title>
${items}
    </organization>
  </organizations>
  <resources>
${resources}
    <resource identifier="shared" type="webcontent" adlcp:scormtype="asset">
      <file href="shared/scorm.js"/>
    </resource>
  </resources>
</manifest>
`;
}

const EDITION_SCHEMA_VERSIONS = { "2nd": "CAM 1.3", "3rd": "2004 3rd Edition", "4th": "2004 4th Edition" };

/** The imsmanifest.xml of a SCORM 2004 package built by scorm2004Package. */
export function manifest2004(options: Scorm2004Options = {}): string {
  const edition = options.edition ?? "4th";
  const threshold =
    options.completionThreshold === undefined
      ? ""
      : edition === "4th"
        ? `\n        <adlcp:completionThreshold completedByMeasure="true" minProgressMeasure="${options.completionThreshold}"/>`
        : `\n        <adlcp:completionThreshold>${options.completionThreshold}</adlcp:completionThreshold>`;
  const objective =
    options.masteryScore === undefined
      ? ""
      : `\n          <imsss:objectives>
            <imsss:primaryObjective objectiveID="primary" satisfiedByMeasure="true">
              <imsss:minNormalizedMeasure>${options.masteryScore / 100}</imsss:minNormalizedMeasure>
            </imsss:primaryObjective>
          </imsss:objectives>`;
  const itemSequencing =
    options.sequencing || objective
      ? `\n        <imsss:sequencing>${options.sequencing ? '\n          <imsss:controlMode choice="true" flow="true"/>' : ""}${objective}
        </imsss:sequencing>`
      : "";
  const items = scoNumbers(options)
    .map(
      (n) => `      <item identifier="item-${n}" identifierref="res-${n}" isvisible="true">
        <title>Part ${n}</title>${threshold}${itemSequencing}
      </item>`,
    )
    .join("\n");
  const resources = scoNumbers(options)
    .map(
      (
        n,
      ) => `    <resource identifier="res-${n}" type="webcontent" adlcp:scormType="sco" href="sco-${n}/index.html">
      <file href="sco-${n}/index.html"/>
      <dependency identifierref="shared"/>
    </resource>`,
    )
    .join("\n");
  const organisationSequencing = options.sequencing
    ? `\n      <imsss:sequencing>\n        <imsss:controlMode choice="true" flow="true"/>\n      </imsss:sequencing>`
    : "";
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="qi-academy-test-2004" version="1.0"
  xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
  xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
  xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"
  xmlns:imsss="http://www.imsglobal.org/xsd/imsss"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>${EDITION_SCHEMA_VERSIONS[edition]}</schemaversion>
  </metadata>
  <organizations default="org-1">
    <organization identifier="org-1">
      <title>${xmlText(defaultTitle(options))}</title>
${items}${organisationSequencing}
    </organization>
  </organizations>
  <resources>
${resources}
    <resource identifier="shared" type="webcontent" adlcp:scormType="asset">
      <file href="shared/scorm.js"/>
    </resource>
  </resources>
</manifest>
`;
}

/**
 * The script every SCO page loads. It finds the run-time API in a parent frame (window.API for 1.2,
 * window.API_1484_11 for 2004), initialises, shows what the LMS gave it, and offers the buttons the journeys press.
 */
const SCO_SCRIPT = `(function () {
  var root = document.documentElement;
  var is12 = root.getAttribute("data-scorm") === "1.2";
  var minimum = root.getAttribute("data-content") === "minimum-calls";
  var name = is12 ? "API" : "API_1484_11";
  function findApi() {
    var w = window;
    for (var i = 0; i < 10 && w; i += 1) {
      try { if (w[name]) return w[name]; } catch (e) { return null; }
      if (w.parent === w) break;
      w = w.parent;
    }
    return null;
  }
  var api = findApi();
  var finished = false;
  function call(m12, m04, a, b) { return api ? String(is12 ? api[m12](a, b) : api[m04](a, b)) : ""; }
  function get(e12, e04) { return call("LMSGetValue", "GetValue", is12 ? e12 : e04); }
  function set(e12, e04, v) { return call("LMSSetValue", "SetValue", is12 ? e12 : e04, v); }
  function commit() { return call("LMSCommit", "Commit", ""); }
  function finish() { if (finished) return; finished = true; call("LMSFinish", "Terminate", ""); show(); }
  function sessionTime() { set("cmi.core.session_time", "cmi.session_time", is12 ? "0000:01:30.00" : "PT1M30S"); }
  function show() {
    var status = is12
      ? get("cmi.core.lesson_status")
      : get("", "cmi.completion_status") + "/" + get("", "cmi.success_status");
    document.getElementById("scorm-status").textContent = api
      ? "Entry: " + get("cmi.core.entry", "cmi.entry") +
        "; Location: " + get("cmi.core.lesson_location", "cmi.location") +
        "; Suspend data: " + get("cmi.suspend_data", "cmi.suspend_data") +
        "; Status: " + status + (finished ? "; Finished" : "")
      : "No SCORM API found";
  }
  function on(id, action) {
    var button = document.getElementById(id);
    if (button) button.addEventListener("click", function () { action(); show(); });
  }
  window.addEventListener("load", function () {
    call("LMSInitialize", "Initialize", "");
    show();
    on("finish", function () { sessionTime(); finish(); });
    if (minimum) return;
    on("page-2", function () {
      set("cmi.core.lesson_location", "cmi.location", "page-2");
      set("cmi.suspend_data", "cmi.suspend_data", "visited=1,2");
      set("cmi.core.lesson_status", "cmi.completion_status", "incomplete");
      commit();
    });
    on("answer", function () {
      set("cmi.core.score.raw", "cmi.score.raw", "80");
      set("cmi.core.score.min", "cmi.score.min", "0");
      set("cmi.core.score.max", "cmi.score.max", "100");
      if (!is12) set("", "cmi.score.scaled", "0.8");
      commit();
    });
    on("complete", function () {
      if (is12) set("cmi.core.lesson_status", "", "completed");
      else { set("", "cmi.completion_status", "completed"); set("", "cmi.success_status", "passed"); }
      commit();
    });
    on("suspend", function () {
      set("cmi.core.exit", "cmi.exit", "suspend");
      sessionTime();
      commit();
      finish();
    });
  });
  if (minimum) window.addEventListener("pagehide", function () { finish(); });
})();
`;

function scoPage(version: "1.2" | "2004", n: number, content: "interactive" | "minimum-calls"): string {
  const buttons =
    content === "minimum-calls"
      ? `<button type="button" id="finish">Finish</button>`
      : `<button type="button" id="page-2">Go to page 2</button>
    <button type="button" id="answer">Answer the question</button>
    <button type="button" id="complete">Complete</button>
    <button type="button" id="suspend">Suspend and exit</button>
    <button type="button" id="finish">Finish</button>`;
  return `<!DOCTYPE html>
<html lang="en" data-scorm="${version}" data-content="${content}">
  <head>
    <meta charset="utf-8">
    <title>Part ${n}</title>
    <script src="../shared/scorm.js"></script>
  </head>
  <body>
    <main>
      <h1>Part ${n}</h1>
      <p>Run charts show how a measure changes over time.</p>
      <p id="scorm-status">Starting</p>
    ${buttons}
    </main>
  </body>
</html>
`;
}

function packageEntries(version: "1.2" | "2004", manifest: string, options: PackageOptions): ZipEntry[] {
  const content = options.content ?? "interactive";
  const entries: ZipEntry[] = [
    { name: "imsmanifest.xml", content: options.manifest ?? manifest },
    { name: "shared/scorm.js", content: SCO_SCRIPT },
    ...scoNumbers(options).map((n) => ({
      name: `sco-${n}/index.html`,
      content: scoPage(version, n, content),
    })),
    ...(options.extraFiles ?? []),
  ];
  const omitted = new Set(options.omitFiles ?? []);
  return entries.filter((entry) => !omitted.has(entry.name));
}

/** A SCORM 1.2 package: one SCO unless told, each page calling the 1.2 API. */
export function scorm12Package(options: PackageOptions = {}): Buffer {
  return zipOf(packageEntries("1.2", manifest12(options), options));
}

/** A SCORM 2004 package (4th Edition unless told): one SCO unless told, each page calling API_1484_11. */
export function scorm2004Package(options: Scorm2004Options = {}): Buffer {
  return zipOf(packageEntries("2004", manifest2004(options), options));
}
