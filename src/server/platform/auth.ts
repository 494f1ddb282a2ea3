import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import type { Me, Role } from "../../shared/accounts.js";
import type { RequestContext } from "./audit.js";
import type { AppConfig } from "./config.js";
import { AppError, unauthenticated } from "./errors.js";

/** A role the actor holds, scoped to an organisation where organisationId is set. */
export interface ActorRole {
  role: Role;
  organisationId: string | null;
}

/** The signed-in person making a request, as policies see them. */
export interface Actor {
  userId: string;
  sessionId: string;
  email: string;
  emailVerified: boolean;
  roles: ActorRole[];
  /** The whole account as loaded with the session, current as of this request. */
  account: Me;
  /** Changes whenever the actor's enrolments, progress or any course content change: keys cached My learning. */
  learningVersion: string;
}

/** Looks a session token up; null when unknown, expired, idle too long, or the account is expired. */
export type SessionResolver = (token: string) => Promise<Actor | null>;

declare module "fastify" {
  interface FastifyRequest {
    /** The signed-in person, or null. Set by the session hook before any route runs. */
    actor: Actor | null;
    /**
     * The session cookie's token, set INSTEAD of actor on routes whose config says `deferSession: true`: such a route
     * checks the session itself, inside the statement that does its work (docs/decisions/0016).
     */
    sessionToken: string | null;
  }
  interface FastifyContextConfig {
    /** Leave the session lookup to the route (request.sessionToken); CSRF checks still run. */
    deferSession?: boolean;
  }
}

/** The session cookie's name. The __Host- prefix (Secure only) pins it to this origin and path. */
export function sessionCookieName(config: Pick<AppConfig, "secureCookies">): string {
  return config.secureCookies ? "__Host-qia_session" : "qia_session";
}

/** Sets the session cookie: HttpOnly, SameSite=Lax, Secure in production, lasting as long as the session may. */
export function setSessionCookie(reply: FastifyReply, config: AppConfig, token: string): void {
  reply.setCookie(sessionCookieName(config), token, {
    httpOnly: true,
    sameSite: "lax",
    secure: config.secureCookies,
    path: "/",
    maxAge: Math.floor(config.sessionAbsoluteMs / 1000),
  });
}

/** Clears the session cookie. */
export function clearSessionCookie(reply: FastifyReply, config: AppConfig): void {
  reply.clearCookie(sessionCookieName(config), {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: config.secureCookies,
  });
}

/** The actor, or 401: for routes that need a signed-in person. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthenticated();
  return request.actor;
}

/** Where the request came from, for services that write audit records. */
export function requestContext(request: FastifyRequest): RequestContext {
  const agent = request.headers["user-agent"];
  return {
    requestId: request.id,
    ipAddress: request.ip,
    userAgent: typeof agent === "string" ? agent.slice(0, 300) : null,
  };
}

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Rejects cross-site state-changing requests that carry the session cookie. Browsers send Sec-Fetch-Site and Origin
 * on such requests; we accept same-origin (and "none", a user's own navigation) and refuse the rest. Requests without
 * either header are not from a browser, so cannot be forged by one.
 */
function checkCsrf(request: FastifyRequest, allowedOrigins: Set<string>): void {
  const site = request.headers["sec-fetch-site"];
  if (site === "cross-site" || site === "same-site") {
    throw new AppError(
      403,
      "csrf_rejected",
      "This request came from another site, so it was refused. Go back to QI Academy and try again.",
    );
  }
  const origin = request.headers.origin;
  if (typeof origin === "string" && origin !== "null" && !allowedOrigins.has(origin)) {
    throw new AppError(
      403,
      "csrf_rejected",
      "This request came from another site, so it was refused. Go back to QI Academy and try again.",
    );
  }
  if (origin === "null") {
    throw new AppError(403, "csrf_rejected", "This request came from an opaque origin, so it was refused.");
  }
}

/** Reads the session cookie on every request, sets request.actor, and guards cookie-authenticated writes against CSRF. */
export const authPlugin = fp(
  async (app: FastifyInstance, options: { config: AppConfig; resolveSession: SessionResolver }) => {
    const cookieName = sessionCookieName(options.config);
    const publicOrigin = new URL(options.config.publicUrl).origin;
    app.decorateRequest("actor", null);
    app.decorateRequest("sessionToken", null);
    app.addHook("onRequest", async (request) => {
      const token = request.cookies[cookieName];
      if (!token) return;
      if (UNSAFE_METHODS.has(request.method)) {
        const host = request.headers.host;
        const allowed = new Set([publicOrigin]);
        if (host) allowed.add(`${request.protocol}://${host}`);
        checkCsrf(request, allowed);
      }
      if (token.length > 200) return;
      if (request.routeOptions.config.deferSession) {
        request.sessionToken = token;
        return;
      }
      request.actor = await options.resolveSession(token);
    });
  },
  { name: "auth", dependencies: ["@fastify/cookie"] },
);
