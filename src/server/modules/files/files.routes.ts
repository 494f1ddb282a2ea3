import multipart from "@fastify/multipart";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { StoredFileSchema, UPLOAD_LIMIT_BYTES } from "../../../shared/authoring.js";
import { ErrorBodySchema } from "../../../shared/errors.js";
import type { AppDeps } from "../../app.js";
import { requestContext, requireActor } from "../../platform/auth.js";
import { requestedRange } from "../../platform/byte-range.js";
import { AppError, validationFailed } from "../../platform/errors.js";
import {
  cleanFilename,
  declaredType,
  getFileMeta,
  MAX_UPLOAD_BYTES,
  readFileBytes,
  storeUpload,
  tooLarge,
} from "./files.service.js";

const errors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  413: ErrorBodySchema,
  415: ErrorBodySchema,
};

/** Content types shown in the page rather than downloaded. */
function servedInline(contentType: string): boolean {
  return contentType.startsWith("image/") || contentType.startsWith("video/");
}

/** Content-Disposition with an ASCII fallback name and the real name in RFC 5987 form. */
function contentDisposition(kind: "inline" | "attachment", filename: string): string {
  const ascii = filename.replace(/[^\w.\- ()]/g, "_");
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** Uploads (content editors) and serving files to signed-in people; multipart is parsed only by this plugin. */
export const filesRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  await app.register(multipart, {
    limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5, parts: 6, fieldNameSize: 100 },
  });

  app.post(
    "/api/authoring/files",
    {
      schema: {
        tags: ["authoring"],
        summary: `Upload a course file as multipart/form-data in the field "file" (images up to ${UPLOAD_LIMIT_BYTES.image / 1024 / 1024} MB, documents ${UPLOAD_LIMIT_BYTES.document / 1024 / 1024} MB, videos ${UPLOAD_LIMIT_BYTES.video / 1024 / 1024} MB); its contents must match its name`,
        consumes: ["multipart/form-data"],
        response: { 201: StoredFileSchema, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      if (!request.isMultipart()) {
        throw new AppError(
          415,
          "unsupported_media_type",
          'Send the file as multipart/form-data, in a field called "file".',
        );
      }
      const part = await request.file({ throwFileSizeLimit: false });
      if (part?.fieldname !== "file") {
        if (part) await drain(part.file);
        throw validationFailed("Choose a file to upload.", [
          { field: "file", message: "Choose a file to upload" },
        ]);
      }
      const filename = cleanFilename(part.filename);
      let type: ReturnType<typeof declaredType>;
      try {
        type = declaredType(filename);
      } catch (error) {
        await drain(part.file);
        throw error;
      }
      // Keep at most the type's limit in memory; read (and drop) the rest so the browser sees our answer.
      const limit = UPLOAD_LIMIT_BYTES[type.category];
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of part.file) {
        size += chunk.length;
        if (size <= limit) chunks.push(chunk);
      }
      if (part.file.truncated) throw tooLarge(type, null);
      if (size > limit) throw tooLarge(type, size);
      const stored = await storeUpload(
        deps.database.db,
        actor,
        { filename, type, bytes: Buffer.concat(chunks) },
        requestContext(request),
      );
      return reply.status(201).send(stored);
    },
  );

  app.get(
    "/api/files/:id",
    {
      schema: {
        tags: ["files"],
        summary:
          "A course file, for any signed-in person: images and videos inline, everything else as a download; one byte range for video players",
        params: z.object({ id: z.uuid("The file id is not valid") }),
        response: {
          200: z.unknown().describe("the file's bytes"),
          206: z.unknown().describe("the range of bytes asked for"),
          304: z.null().describe("the copy the browser holds is current"),
          400: ErrorBodySchema,
          401: ErrorBodySchema,
          404: ErrorBodySchema,
          416: ErrorBodySchema,
        },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const meta = await getFileMeta(deps.database.db, actor, request.params.id);
      const etag = `"${meta.sha256}"`;
      if (request.headers["if-none-match"] === etag) {
        return reply
          .status(304)
          .header("etag", etag)
          .header("cache-control", "private, max-age=3600")
          .send(null);
      }
      const range = requestedRange(request, etag, meta.sizeBytes);
      reply
        .header("content-type", meta.contentType)
        .header("x-content-type-options", "nosniff")
        .header(
          "content-disposition",
          contentDisposition(servedInline(meta.contentType) ? "inline" : "attachment", meta.filename),
        )
        .header("cache-control", "private, max-age=3600")
        .header("accept-ranges", "bytes")
        .header("etag", etag);
      if (range) {
        const length = range.end - range.start + 1;
        const bytes = await readFileBytes(deps.database.db, meta.id, { start: range.start, length });
        return reply
          .status(206)
          .header("content-range", `bytes ${range.start}-${range.end}/${meta.sizeBytes}`)
          .header("content-length", String(bytes.length))
          .send(bytes);
      }
      const bytes = await readFileBytes(deps.database.db, meta.id);
      return reply.header("content-length", String(bytes.length)).send(bytes);
    },
  );
};

/** Reads and drops the rest of a refused upload, so the browser gets our answer rather than a reset connection. */
async function drain(stream: AsyncIterable<unknown>): Promise<void> {
  for await (const _chunk of stream) {
    // Discard.
  }
}
