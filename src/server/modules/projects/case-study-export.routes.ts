import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ErrorBodySchema } from "../../../shared/errors.js";
import type { AppDeps } from "../../app.js";
import { requestContext, requireActor } from "../../platform/auth.js";
import { createCaseStudyExportService } from "./case-study-export.service.js";

const errors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
};

const ProjectParams = z.object({ id: z.uuid("The project id is not valid") });
const MeasureParams = z.object({ id: z.uuid("The measure id is not valid") });

/** Sends a file as a download (an untyped reply: the response schemas describe the JSON answers only). */
function sendDownload(
  reply: FastifyReply,
  file: { filename: string; contentType: string; body: Buffer | string },
) {
  return reply
    .header("content-type", file.contentType)
    .header("content-disposition", `attachment; filename="${file.filename}"`)
    .header("cache-control", "private, no-store")
    .send(file.body);
}

/** The case-study write-up as a PDF, and chart downloads as SVG. */
export const caseStudyExportRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const service = createCaseStudyExportService({ db: deps.database.db });

  app.get(
    "/api/projects/:id/case-study.pdf",
    {
      schema: {
        tags: ["projects"],
        summary: "A project's case study as an A4 PDF, charts drawn as vector graphics",
        description:
          "For whoever may read the project; private projects answer 404 to outsiders. Sent as an attachment named after the project. It names the team, so downloads by readers outside the team are audited.",
        params: ProjectParams,
        response: { ...errors },
      },
    },
    async (request, reply) => {
      const file = await service.caseStudyPdf(
        requireActor(request),
        request.params.id,
        requestContext(request),
      );
      return sendDownload(reply, {
        filename: file.filename,
        contentType: "application/pdf",
        body: Buffer.from(file.bytes),
      });
    },
  );

  app.get(
    "/api/measures/:id/chart.svg",
    {
      schema: {
        tags: ["projects"],
        summary: "A measure's SPC chart as a standalone SVG file",
        description:
          "For whoever may read the measure's project (404 otherwise). 409 when the measure has no data yet. The SVG has a title and a description and the legend in words.",
        params: MeasureParams,
        response: { ...errors },
      },
    },
    async (request, reply) => {
      const file = await service.measureChartSvg(requireActor(request), request.params.id);
      return sendDownload(reply, {
        filename: file.filename,
        contentType: "image/svg+xml; charset=utf-8",
        body: file.svg,
      });
    },
  );
};
