import type { FastifyRequest } from "fastify";
import { AppError } from "./errors.js";

/** One satisfiable byte range of a file. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Parses a Range header for one range of a file of `size` bytes: the range, "unsatisfiable" (416), or null to send
 * the whole file (no header, several ranges, or a unit other than bytes, which HTTP lets a server ignore).
 */
export function parseRange(header: string | undefined, size: number): ByteRange | "unsatisfiable" | null {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return null;
  const [, first = "", last = ""] = match;
  if (first === "" && last === "") return null;
  if (first === "") {
    const suffix = Number(last);
    if (suffix === 0) return "unsatisfiable";
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (start >= size) return "unsatisfiable";
  const end = last === "" ? size - 1 : Math.min(Number(last), size - 1);
  if (end < start) return null;
  return { start, end };
}

/**
 * The one byte range a request asks for of a file of `size` bytes with this ETag, or null for the whole file (no
 * Range, or an If-Range naming an older copy). Throws 416 with the file's size when the range lies beyond its end.
 */
export function requestedRange(request: FastifyRequest, etag: string, size: number): ByteRange | null {
  const ifRange = request.headers["if-range"];
  if (ifRange !== undefined && ifRange !== etag) return null;
  const range = parseRange(request.headers.range, size);
  if (range === "unsatisfiable") {
    throw new AppError(
      416,
      "range_not_satisfiable",
      "The part of the file asked for is beyond its end.",
      undefined,
      { "content-range": `bytes */${size}` },
    );
  }
  return range;
}
