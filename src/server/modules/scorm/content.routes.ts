import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ErrorBodySchema } from "../../../shared/errors.js";
import type { AppDeps } from "../../app.js";
import { requireActor } from "../../platform/auth.js";
import { requestedRange } from "../../platform/byte-range.js";
import { AppError, notFound } from "../../platform/errors.js";
import { getContentFile, readContentFile } from "./packages.service.js";

/**
 * The Content-Security-Policy of package files. Packages are built by authoring tools that use inline scripts,
 * inline styles, eval (some players) and data: URLs, so they get a looser policy than the app's pages; it still
 * keeps them on this origin (no other sites for scripts, frames or requests) and framed only by this origin.
 * The trade-off is recorded in docs/decisions/0011-scorm-content-same-origin.md.
 */
export const SCORM_CONTENT_CSP = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join("; ");

const PREFIX = "/scorm-content/";

/** 400 for a path that tries to leave the package. */
function badPath(): AppError {
  return new AppError(
    400,
    "bad_path",
    "The address asks for a file outside the package. Open the content from its course step.",
  );
}

/**
 * The file path inside the package from the raw URL: each segment decoded once, and refused when it could leave
 * the package ("..", ".", encoded slashes or backslashes, empty segments, NUL). Files are looked up by exact path
 * in the database, so nothing outside the package is reachable whatever the path; the checks make the refusal
 * explicit. An empty path (a folder) is a 404: there are no directory listings.
 */
export function contentPathFrom(rawUrl: string, packageId: string): string | null {
  const pathname = rawUrl.split(/[?#]/)[0] ?? "";
  const prefix = `${PREFIX}${packageId}/`;
  if (!pathname.startsWith(prefix)) throw badPath();
  const rest = pathname.slice(prefix.length);
  if (rest === "" || rest.endsWith("/")) return null;
  const segments: string[] = [];
  for (const raw of rest.split("/")) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      throw badPath();
    }
    if (segment === "" || segment === "." || segment === "..") throw badPath();
    // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL in a path is exactly what is refused.
    if (/[/\\\u0000]/.test(segment)) throw badPath();
    segments.push(segment);
  }
  return segments.join("/");
}

/** Package files on this origin (the content must find the run-time API in its parent frame). */
export const scormContentRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    "/scorm-content/:packageId/*",
    {
      schema: {
        tags: ["scorm"],
        summary:
          "A file of a SCORM package, for editors and for learners on a course that runs it: its own MIME type, private caching, and a Content-Security-Policy that lets package scripts run",
        params: z.object({ packageId: z.uuid("The package id is not valid"), "*": z.string() }),
        response: {
          200: z.unknown().describe("the file's bytes"),
          206: z
            .unknown()
            .describe("the one range of bytes asked for (audio and video players seek this way)"),
          304: z.null().describe("the copy the browser holds is current"),
          400: ErrorBodySchema,
          401: ErrorBodySchema,
          403: ErrorBodySchema,
          404: ErrorBodySchema,
          416: ErrorBodySchema,
        },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { packageId } = request.params;
      const filePath = contentPathFrom(request.url, packageId);
      if (filePath === null) throw notFound("A file at this address");
      const meta = await getContentFile(deps.database.db, actor, packageId, filePath);
      const etag = `"${meta.sha256}"`;
      // A package never changes once stored (a replacement is a new package), so browsers may keep files a while;
      // private, since only people with access may read them.
      reply
        .header("content-security-policy", SCORM_CONTENT_CSP)
        .header("x-content-type-options", "nosniff")
        .header("cache-control", "private, max-age=86400")
        .header("accept-ranges", "bytes")
        .header("etag", etag);
      if (request.headers["if-none-match"] === etag) return reply.status(304).send(null);
      const range = requestedRange(request, etag, meta.sizeBytes);
      reply.header("content-type", meta.contentType);
      if (range) {
        const length = range.end - range.start + 1;
        const part = await readContentFile(deps.database.db, packageId, filePath, {
          start: range.start,
          length,
        });
        return reply
          .status(206)
          .header("content-range", `bytes ${range.start}-${range.end}/${meta.sizeBytes}`)
          .header("content-length", String(part.length))
          .send(part);
      }
      const bytes = await readContentFile(deps.database.db, packageId, filePath);
      return reply.header("content-length", String(bytes.length)).send(bytes);
    },
  );
};
