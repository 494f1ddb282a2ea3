import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import multipart from "@fastify/multipart";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ErrorBodySchema } from "../../../shared/errors.js";
import { ScormImportSchema, ScormPackageSchema, ScormUploadFieldsSchema } from "../../../shared/scorm.js";
import type { AppDeps } from "../../app.js";
import { requestContext, requireActor } from "../../platform/auth.js";
import { AppError, validationFailed } from "../../platform/errors.js";
import { scormContentRoutes } from "./content.routes.js";
import { assertCanManagePackages } from "./packages.policy.js";
import {
  DEFAULT_IMPORT_LIMITS,
  getImport,
  getPackage,
  type ImportLimits,
  importPackage,
  packageTooLarge,
} from "./packages.service.js";

const errors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
};

/** Options on top of the app's: tests may lower the import limits. */
export interface ScormPackagesRouteOptions extends AppDeps {
  limits?: ImportLimits;
}

/**
 * SCORM packages: upload and import (content editors and platform administrators), the import's stages for the
 * page to poll, and the package files served to the player (content.routes.ts). Multipart is parsed only here.
 */
export const scormPackagesRoutes: FastifyPluginAsyncZod<ScormPackagesRouteOptions> = async (app, deps) => {
  const limits = deps.limits ?? DEFAULT_IMPORT_LIMITS;
  await app.register(multipart, {
    limits: { fileSize: limits.uploadLimitBytes, files: 1, fields: 4, parts: 5, fieldNameSize: 100 },
    throwFileSizeLimit: false,
  });
  await app.register(scormContentRoutes, deps);

  app.post(
    "/api/scorm-packages",
    {
      schema: {
        tags: ["scorm"],
        summary:
          'Upload a SCORM 1.2 or 2004 package (.zip) as multipart/form-data in the field "file"; optional fields (before the file) "replaces" (a package id: store this as its next version) and "importId" (a UUID to poll the stages with)',
        consumes: ["multipart/form-data"],
        response: {
          201: ScormPackageSchema,
          ...errors,
          409: ErrorBodySchema,
          413: ErrorBodySchema,
          415: ErrorBodySchema,
          422: ErrorBodySchema,
        },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      // Refuse before reading a large body the person could not store anyway.
      assertCanManagePackages(actor);
      if (!request.isMultipart()) {
        throw new AppError(
          415,
          "unsupported_media_type",
          'Send the package as multipart/form-data, in a field called "file".',
        );
      }
      const tmpDir = path.join(deps.config.dataDir, "tmp");
      await mkdir(tmpDir, { recursive: true });
      // The upload goes to a temporary name first; only a package that passes every check is stored.
      const tmpFile = path.join(tmpDir, `scorm-upload-${randomUUID()}.zip`);
      try {
        const fields: Record<string, string> = {};
        let filename: string | null = null;
        let truncated = false;
        for await (const part of request.parts()) {
          if (part.type === "field") {
            if (typeof part.value === "string") fields[part.fieldname] = part.value;
            continue;
          }
          if (part.fieldname !== "file" || filename !== null) {
            part.file.resume();
            continue;
          }
          filename = part.filename || "package.zip";
          await pipeline(part.file, createWriteStream(tmpFile));
          truncated = part.file.truncated;
        }
        if (truncated) throw packageTooLarge(limits.uploadLimitBytes);
        if (filename === null) {
          throw validationFailed("Choose a SCORM package (.zip) to upload.", [
            { field: "file", message: "Choose a SCORM package (.zip) to upload" },
          ]);
        }
        const parsed = ScormUploadFieldsSchema.safeParse(fields);
        if (!parsed.success) {
          throw validationFailed(
            "Check the upload's fields.",
            parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? "file"), message: i.message })),
          );
        }
        const stored = await importPackage(
          deps.database.db,
          actor,
          { filePath: tmpFile, filename, ...parsed.data },
          requestContext(request),
          limits,
        );
        return reply.status(201).send(stored);
      } finally {
        await rm(tmpFile, { force: true });
      }
    },
  );

  app.get(
    "/api/scorm-packages/imports/:importId",
    {
      schema: {
        tags: ["scorm"],
        summary:
          "The stages an import has passed so far, for the person who uploaded it (404 until it starts)",
        params: z.object({ importId: z.uuid("The import id is not valid") }),
        response: { 200: ScormImportSchema, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const found = await getImport(deps.database.db, actor, request.params.importId);
      return reply.header("cache-control", "no-store").send(found);
    },
  );

  app.get(
    "/api/scorm-packages/:id",
    {
      schema: {
        tags: ["scorm"],
        summary:
          "A package as imported: version, SCORM version, organisation tree, launch files and warnings",
        params: z.object({ id: z.uuid("The package id is not valid") }),
        response: { 200: ScormPackageSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return getPackage(deps.database.db, actor, request.params.id);
    },
  );
};
