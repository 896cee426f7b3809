import type { MiddlewareHandler } from "hono";
import type { SetupLinkDeps } from "../../../application/setup/setup_links.ts";
import type { AppEnv } from "./app_env.ts";
import { bearerAuth } from "./bearer_auth.ts";
import { problem, problemResponse } from "../answers/problem.ts";
import { readSession, sameText } from "./session_cookie.ts";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/** The header a setup session sends its CSRF token in on `/v1` writes. */
export const CSRF_HEADER = "X-CSRF-Token";

/**
 * What the setup page's four steps do, and nothing else: usage, organization records, event ids,
 * setup links, plans and month end are the platform's alone.
 */
export const SESSION_ROUTES: readonly string[] = [
  "GET /v1/plans",
  // Step 1: credentials and the permission report; disconnect.
  "GET /v1/msps/{msp}/connectwise",
  "PUT /v1/msps/{msp}/connectwise",
  "DELETE /v1/msps/{msp}/connectwise",
  // Step 2: product mapping, with the catalog search.
  "GET /v1/msps/{msp}/connectwise/products",
  "GET /v1/msps/{msp}/product-mappings",
  "PUT /v1/msps/{msp}/product-mappings/{plan}",
  // Step 3: company import, with its filters and the organizations to map.
  "GET /v1/msps/{msp}/connectwise/company-types",
  "GET /v1/msps/{msp}/connectwise/company-statuses",
  "GET /v1/msps/{msp}/connectwise/companies",
  "GET /v1/msps/{msp}/organizations",
  "GET /v1/msps/{msp}/company-mappings",
  "POST /v1/msps/{msp}/company-mappings",
  "DELETE /v1/msps/{msp}/company-mappings/{org}",
  // Step 4: sync lines (sync now, resume), the statement (and its CSV), the audit log.
  "GET /v1/msps/{msp}/sync",
  "POST /v1/msps/{msp}/sync",
  "POST /v1/msps/{msp}/sync/lines/{agreementId}/{productId}/resume",
  "GET /v1/msps/{msp}/periods/{period}",
  "GET /v1/msps/{msp}/audit",
];

/** A route as a method and a path pattern; `{msp}` must be the session's own MSP. */
const PATTERNS = SESSION_ROUTES.map((route) => {
  const [method, path] = route.split(" ");
  const source = path.replace(/\{msp\}/, "(?<msp>[^/]+)").replace(/\{[A-Za-z]+\}/g, "[^/]+");
  return { method, path: new RegExp(`^${source}$`) };
});

/** Whether a setup session may send `method` to `path` (HEAD as GET). */
export function sessionReaches(session: { mspId: string }, method: string, path: string): boolean {
  const asked = method === "HEAD" ? "GET" : method;
  return PATTERNS.some((p) => {
    if (p.method !== asked) return false;
    const match = p.path.exec(path);
    return match !== null && (match.groups?.msp ?? session.mspId) === session.mspId;
  });
}

/**
 * The platform's bearer token, or (with no Authorization header) a setup session cookie: its own
 * MSP's SESSION_ROUTES only (else 404), its CSRF token on every state-changing request.
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
