import type { FastifyInstance } from "fastify";
import helmet from "helmet";
import type { AppConfig } from "./config.js";

/**
 * Security headers on every response (helmet's defaults plus our CSP), and the request id. helmet's middleware is
 * built once here: @fastify/helmet rebuilt it, re-parsing the CSP, on every request.
 */
export function registerSecurityHeaders(app: FastifyInstance, config: AppConfig): void {
  const applyHelmet = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        // Video steps embed only these two players (privacy-enhanced YouTube, Vimeo) and play video files from any
        // https address an editor gives.
        frameSrc: ["'self'", "https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        mediaSrc: ["'self'", "https:"],
        frameAncestors: ["'self'"],
        upgradeInsecureRequests: config.secureCookies ? [] : null,
      },
    },
    strictTransportSecurity: config.secureCookies,
    crossOriginEmbedderPolicy: false,
  });
  app.addHook("onRequest", (request, reply, done) => {
    reply.header("x-request-id", request.id);
    applyHelmet(request.raw, reply.raw, (error?: unknown) =>
      done(error instanceof Error ? error : undefined),
    );
  });
}
