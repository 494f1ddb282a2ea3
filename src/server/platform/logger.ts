import type { FastifyServerOptions } from "fastify";
import type { AppConfig } from "./config.js";

/** Removes secrets carried in query strings (emailed links) before a URL is logged. */
export function redactUrl(url: string): string {
  return url.replace(/([?&](?:token|code|key)=)[^&#]*/gi, "$1[redacted]");
}

/** pino options: no cookies, passwords or tokens ever reach the log. */
export function createLoggerOptions(config: AppConfig): FastifyServerOptions["logger"] {
  return {
    level: config.env === "test" ? "silent" : config.logLevel,
    redact: {
      paths: [
        "req.headers.cookie",
        "req.headers.authorization",
        'res.headers["set-cookie"]',
        "*.password",
        "*.token",
        "*.currentPassword",
        "*.newPassword",
      ],
      censor: "[redacted]",
    },
    serializers: {
      req: (request: { method: string; url: string; id: string; ip?: string }) => ({
        id: request.id,
        method: request.method,
        url: redactUrl(request.url),
        ip: request.ip,
      }),
    },
  };
}
