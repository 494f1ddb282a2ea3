import { XMLParser, XMLValidator } from "fast-xml-parser";
import type { ScormVersion } from "../../../shared/scorm.js";

/**
 * Reads a package's imsmanifest.xml (IMS Content Packaging with the ADL extensions of SCORM 1.2 and 2004): the
 * version and edition, the default organisation's item tree with each item's launch file and data, the files each
 * resource lists, and warnings for what the platform does not run (IMS Simple Sequencing, prerequisites,
 * sub-manifests). Pure: the service decides what to store.
 */

/** A manifest the platform cannot import; the message names the element and says what to fix. */
export class ManifestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ManifestError";
  }
}

/** An item of the default organisation as the manifest describes it. */
export interface ManifestItem {
  identifier: string;
  title: string;
  depth: number;
  kind: "sco" | "asset" | "group";
  /** The resource's href (with xml:base applied) and the item's parameters; null for a grouping item. */
  launchHref: string | null;
  masteryScore: number | null;
  completionThreshold: number | null;
  scaledPassingScore: number | null;
  launchData: string | null;
  maxTimeAllowed: string | null;
  timeLimitAction: string | null;
  isVisible: boolean;
}

/** What the import needs from a manifest. */
export interface ParsedManifest {
  scormVersion: ScormVersion;
  title: string;
  organisationTitle: string;
  items: ManifestItem[];
  /** Every file the manifest's resources list (paths relative to the package root, xml:base applied). */
  listedFiles: string[];
  warnings: string[];
  /** The sequencing blocks and metadata, kept as parsed so nothing the package says is lost. */
  raw: { sequencing: unknown[]; sequencingCollection: unknown | null; metadata: unknown | null };
}

type Node = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  // Packages use any prefix they like for the ADL and IMS namespaces (adlcp, imsss, adlseq…); match by local name.
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  isArray: (_name, _jpath, _isLeaf, isAttribute) => !isAttribute,
});

function children(node: Node | undefined, name: string): Node[] {
  const value = node?.[name];
  if (!Array.isArray(value)) return [];
  return value.map((v) => (typeof v === "object" && v !== null ? (v as Node) : { "#text": String(v) }));
}

function child(node: Node | undefined, name: string): Node | undefined {
  return children(node, name)[0];
}

function attr(node: Node | undefined, name: string): string | undefined {
  const value = node?.[`@${name}`];
  return typeof value === "string" ? value.trim() : undefined;
}

/** An attribute whose name differs in case between versions (scormtype in 1.2, scormType in 2004). */
function attrAnyCase(node: Node | undefined, name: string): string | undefined {
  if (!node) return undefined;
  const key = Object.keys(node).find((k) => k.toLowerCase() === `@${name.toLowerCase()}`);
  return key ? attr(node, key.slice(1)) : undefined;
}

function text(node: Node | undefined): string | undefined {
  if (node === undefined) return undefined;
  const value = node["#text"];
  if (typeof value === "string") return value.trim();
  if (Array.isArray(value)) return value.join("").trim();
  return "";
}

function childText(node: Node | undefined, name: string): string | undefined {
  return text(child(node, name));
}

/** Child text by a name whose case differs between versions (masteryscore, dataFromLMS…). */
function childTextAnyCase(node: Node | undefined, name: string): string | undefined {
  if (!node) return undefined;
  const key = Object.keys(node).find((k) => k.toLowerCase() === name.toLowerCase());
  return key ? childText(node, key) : undefined;
}

/** Joins xml:base values and an href the way the CAM describes: each base is a folder relative to the one above. */
export function joinBase(bases: Array<string | undefined>, href: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href)) return href;
  let prefix = "";
  for (const base of bases) {
    if (!base) continue;
    if (/^[a-z][a-z0-9+.-]*:/i.test(base)) {
      prefix = base;
      continue;
    }
    prefix = base.startsWith("/") ? base : prefix + base;
    if (!prefix.endsWith("/")) prefix += "/";
  }
  return normalisePath(prefix + href);
}

/** Removes "./" segments and resolves "a/../"; leaves a leading ".." for the file check to refuse. */
function normalisePath(path: string): string {
  const [pathPart = "", ...rest] = path.split(/(?=[?#])/);
  const out: string[] = [];
  for (const segment of pathPart.replace(/\\/g, "/").split("/")) {
    if (segment === "." || segment === "") continue;
    if (segment === ".." && out.length > 0 && out[out.length - 1] !== "..") out.pop();
    else out.push(segment);
  }
  return out.join("/") + rest.join("");
}

/** An item's launch: the resource's href with the item's parameters added (CAM 3.4.1.9). */
function withParameters(href: string, parameters: string | undefined): string {
  if (!parameters) return href;
  let params = parameters.trim();
  while (params.startsWith("?") || params.startsWith("&")) params = params.slice(1);
  if (parameters.trim().startsWith("#")) return href.includes("#") ? href : href + parameters.trim();
  if (!params) return href;
  return href.includes("?") ? `${href}&${params}` : `${href}?${params}`;
}

function number(value: string | undefined, what: string, min: number, max: number): number | null {
  if (value === undefined || value === "") return null;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max) {
    throw new ManifestError(`${what} is "${value}": it must be a number from ${min} to ${max}.`);
  }
  return n;
}

/** Which SCORM version and edition the manifest declares. */
function detectVersion(manifest: Node, xml: string, warnings: string[]): ScormVersion {
  const schemaVersion = childText(child(manifest, "metadata"), "schemaversion") ?? "";
  const v = schemaVersion.toLowerCase().replace(/\s+/g, " ");
  if (v === "1.2") return "1.2";
  if (v.includes("4th")) return "2004-4th";
  if (v.includes("3rd")) return "2004-3rd";
  if (v.includes("2nd") || v === "cam 1.3" || v === "1.3") return "2004-2nd";
  // No usable schemaversion: the ADL namespaces say which version the manifest was written for.
  if (/adlcp_v1p3|adlseq_v1p3|imsss/i.test(xml)) {
    warnings.push(
      `The manifest does not say which edition of SCORM 2004 it uses (its schemaversion is "${schemaVersion || "missing"}"), so the platform runs it as SCORM 2004 3rd Edition.`,
    );
    return "2004-3rd";
  }
  if (/adlcp_rootv1p2/i.test(xml)) return "1.2";
  throw new ManifestError(
    `imsmanifest.xml does not say which SCORM version it uses: <schemaversion> is "${schemaVersion || "missing"}" and no SCORM namespace is declared. Export the package again as SCORM 1.2 or SCORM 2004.`,
  );
}

interface Resource {
  identifier: string;
  href: string | undefined;
  scormType: string | undefined;
  files: string[];
  dependencies: string[];
}

function readResources(manifest: Node): Map<string, Resource> {
  const resourcesNode = child(manifest, "resources");
  const manifestBase = attr(manifest, "base");
  const resourcesBase = attr(resourcesNode, "base");
  const map = new Map<string, Resource>();
  for (const r of children(resourcesNode, "resource")) {
    const identifier = attr(r, "identifier");
    if (!identifier) continue;
    const bases = [manifestBase, resourcesBase, attr(r, "base")];
    const href = attr(r, "href");
    map.set(identifier, {
      identifier,
      href: href ? joinBase(bases, href) : undefined,
      scormType: attrAnyCase(r, "scormtype")?.toLowerCase(),
      files: children(r, "file")
        .map((f) => attr(f, "href"))
        .filter((h): h is string => Boolean(h))
        .map((h) => joinBase(bases, h)),
      dependencies: children(r, "dependency")
        .map((d) => attr(d, "identifierref"))
        .filter((h): h is string => Boolean(h)),
    });
  }
  return map;
}

/** Parses imsmanifest.xml; throws ManifestError naming the element when the package cannot be imported. */
export function parseManifest(xml: string): ParsedManifest {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new ManifestError(
      `imsmanifest.xml is not well-formed XML: ${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col}). Export the package again from your authoring tool.`,
    );
  }
  const document = parser.parse(xml) as Node;
  const manifest = child(document, "manifest");
  if (!manifest) {
    throw new ManifestError(
      "imsmanifest.xml has no <manifest> element at its root, so it is not a SCORM manifest.",
    );
  }
  const warnings: string[] = [];
  const scormVersion = detectVersion(manifest, xml, warnings);

  const organizations = child(manifest, "organizations");
  const organisationList = children(organizations, "organization");
  if (organisationList.length === 0) {
    throw new ManifestError(
      "imsmanifest.xml has no <organization> inside <organizations>, so there is nothing for learners to launch.",
    );
  }
  const defaultId = attr(organizations, "default");
  let organisation: Node | undefined;
  if (defaultId) {
    organisation = organisationList.find((o) => attr(o, "identifier") === defaultId);
    if (!organisation) {
      throw new ManifestError(
        `imsmanifest.xml names "${defaultId}" as the default organization (<organizations default="${defaultId}">), but no <organization> has that identifier.`,
      );
    }
  } else {
    organisation = organisationList[0];
    warnings.push(
      'imsmanifest.xml does not name a default organization (<organizations default="…">), so the first one is used.',
    );
  }
  if (organisationList.length > 1) {
    warnings.push(
      `The package has ${organisationList.length} organizations; learners see only the default one.`,
    );
  }
  if (children(manifest, "manifest").length > 0) {
    warnings.push(
      "The package contains sub-manifests (<manifest> inside <manifest>), which the platform does not read.",
    );
  }

  const resources = readResources(manifest);
  const organisationTitle =
    childText(organisation, "title") || attr(organisation, "identifier") || "Untitled";
  const items: ManifestItem[] = [];
  const sequencing: unknown[] = [];
  let hasPrerequisites = false;
  if (child(organisation, "sequencing")) sequencing.push(child(organisation, "sequencing"));

  const walk = (parent: Node | undefined, depth: number): void => {
    for (const item of children(parent, "item")) {
      const identifier = attr(item, "identifier") ?? "";
      if (!identifier) {
        throw new ManifestError(
          `An <item> in organization "${attr(organisation, "identifier") ?? organisationTitle}" has no identifier attribute.`,
        );
      }
      const title = childText(item, "title") || identifier;
      const sequencingBlock = child(item, "sequencing");
      if (sequencingBlock) sequencing.push({ item: identifier, sequencing: sequencingBlock });
      if (childTextAnyCase(item, "prerequisites")) hasPrerequisites = true;
      const ref = attr(item, "identifierref");
      let kind: ManifestItem["kind"] = "group";
      let launchHref: string | null = null;
      if (ref) {
        const resource = resources.get(ref);
        if (!resource) {
          throw new ManifestError(
            `Item "${identifier}" refers to resource "${ref}" (identifierref), but there is no <resource identifier="${ref}"> in imsmanifest.xml.`,
          );
        }
        if (!resource.href) {
          throw new ManifestError(
            `Item "${identifier}" launches resource "${ref}", which has no href: add the launch file as <resource href="…">.`,
          );
        }
        kind = resource.scormType === "asset" ? "asset" : "sco";
        launchHref = withParameters(resource.href, attr(item, "parameters"));
      }
      const visible = attr(item, "isvisible")?.toLowerCase() !== "false";
      const masteryScore = number(
        childTextAnyCase(item, "masteryscore"),
        `The mastery score of item "${identifier}" (adlcp:masteryscore)`,
        0,
        100,
      );
      const thresholdNode = child(item, "completionThreshold");
      const thresholdText = attr(thresholdNode, "minProgressMeasure") ?? text(thresholdNode);
      const completionThreshold = number(
        thresholdText || undefined,
        `The completion threshold of item "${identifier}" (adlcp:completionThreshold)`,
        0,
        1,
      );
      const primary = child(child(sequencingBlock, "objectives"), "primaryObjective");
      const scaledPassingScore =
        attr(primary, "satisfiedByMeasure") === "true"
          ? number(
              childText(primary, "minNormalizedMeasure") ?? "1",
              `The passing score of item "${identifier}" (imsss:minNormalizedMeasure)`,
              -1,
              1,
            )
          : null;
      items.push({
        identifier,
        title,
        depth,
        kind,
        launchHref,
        masteryScore,
        completionThreshold,
        scaledPassingScore,
        launchData: childTextAnyCase(item, "dataFromLMS") || null,
        maxTimeAllowed:
          childTextAnyCase(item, "maxtimeallowed") ||
          attr(child(sequencingBlock, "limitConditions"), "attemptAbsoluteDurationLimit") ||
          null,
        timeLimitAction: childTextAnyCase(item, "timeLimitAction") || null,
        isVisible: visible,
      });
      walk(item, depth + 1);
    }
  };
  walk(organisation, 0);

  if (!items.some((i) => i.kind === "sco" || i.kind === "asset")) {
    throw new ManifestError(
      `The default organization "${organisationTitle}" has no item that launches a resource (an <item> with identifierref), so there is nothing for learners to open.`,
    );
  }

  const sequencingCollection = child(manifest, "sequencingCollection") ?? null;
  if (sequencing.length > 0 || sequencingCollection) {
    warnings.push(
      "The package uses IMS Simple Sequencing (<imsss:sequencing> rules), which the platform does not run: learners may open its SCOs in any order, and the rules are kept but not applied.",
    );
  }
  if (hasPrerequisites) {
    warnings.push(
      "The package sets prerequisites (adlcp:prerequisites), which the platform does not enforce: learners may open its SCOs in any order.",
    );
  }
  if (items.some((i) => i.timeLimitAction || i.maxTimeAllowed)) {
    warnings.push(
      "The package sets time limits (maxtimeallowed or timeLimitAction); the platform passes them to the content but does not end an attempt itself.",
    );
  }

  const used = new Set<string>();
  const addFiles = (id: string): void => {
    if (used.has(id)) return;
    used.add(id);
    for (const dep of resources.get(id)?.dependencies ?? []) addFiles(dep);
  };
  for (const id of resources.keys()) addFiles(id);
  const listedFiles = new Set<string>();
  for (const id of used) {
    const resource = resources.get(id);
    if (!resource) continue;
    for (const f of resource.files) listedFiles.add(stripQuery(f));
    if (resource.href && !/^[a-z][a-z0-9+.-]*:/i.test(resource.href))
      listedFiles.add(stripQuery(resource.href));
  }

  const metadata = child(manifest, "metadata") ?? null;
  const lomTitle = childText(child(child(child(metadata ?? undefined, "lom"), "general"), "title"), "string");
  return {
    scormVersion,
    title: lomTitle || organisationTitle,
    organisationTitle,
    items,
    listedFiles: [...listedFiles].filter((f) => !/^[a-z][a-z0-9+.-]*:/i.test(f)),
    warnings,
    raw: { sequencing, sequencingCollection, metadata },
  };
}

function stripQuery(path: string): string {
  return path.replace(/[?#].*$/, "");
}

/** Warnings for files the manifest lists that the zip lacks (learners would see broken pages, so editors are told). */
export function missingFileWarnings(listed: readonly string[], present: ReadonlySet<string>): string[] {
  const missing = listed.filter((f) => !present.has(f) && !present.has(safeDecode(f)));
  if (missing.length === 0) return [];
  const shown = missing.slice(0, 10).map((f) => `"${f}"`);
  const more = missing.length > 10 ? ` and ${missing.length - 10} more` : "";
  return [
    `imsmanifest.xml lists ${missing.length === 1 ? "a file" : `${missing.length} files`} the zip does not contain: ${shown.join(", ")}${more}. Learners will see errors where the content uses ${missing.length === 1 ? "it" : "them"}.`,
  ];
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
