import type { MiddlewareHandler } from "hono";
import type { SetupLinkDeps } from "../../../application/setup_links.ts";
import type { AppEnv } from "../app_env.ts";
import { bearerAuth } from "../bearer_auth.ts";
import { problem, problemResponse } from "../problem.ts";
import { readSession, sameText, type SetupSession } from "./session_cookie.ts";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);
const OWN_MSP = /^\/v1\/msps\/([A-Za-z0-9._-]{1,64})(\/.*)?$/;

/** The header a setup session sends its CSRF token in on `/v1` writes. */
export const CSRF_HEADER = "X-CSRF-Token";

/**
 * What a setup session may reach on `/v1` (API.md, Conventions): its own
 * MSP's routes, except minting setup links, and the read-only plan list.
 */
function sessionReaches(session: SetupSession, method: string, path: string): boolean {
  if (path === "/v1/plans") return method === "GET";
  const match = OWN_MSP.exec(path);
  return match !== null && match[1] === session.mspId && match[2] !== "/setup-links";
}

/**
 * `/v1` access: the platform's bearer token, or (with no Authorization
 * header) a setup session cookie, limited to its own MSP (anything else is
 * 404) and sending its CSRF token on every state-changing request.
 */
export function apiAccess(
  tokens: readonly string[],
  setup: SetupLinkDeps,
): MiddlewareHandler<AppEnv> {
  const bearer = bearerAuth(tokens);
  return async (c, next) => {
    if (c.req.header("Authorization") !== undefined) return bearer(c, next);
    const session = await readSession(c, setup);
    if (!session) return bearer(c, next);
    if (!sessionReaches(session, c.req.method, c.req.path)) {
      return problemResponse(
        c,
        problem(404, {
          code: "route-not-found",
          detail: `No route for ${c.req.method} ${c.req.path}`,
        }),
      );
    }
    if (!SAFE.has(c.req.method) && !sameText(c.req.header(CSRF_HEADER) ?? "", session.csrf)) {
      return problemResponse(
        c,
        problem(403, { code: "csrf-token-invalid", detail: `Send the page's ${CSRF_HEADER}` }),
      );
    }
    c.set("setupSession", session);
    return next();
  };
}
