import type { SetupSession } from "./setup/session_cookie.ts";
import type { OpenAPIHono } from "@hono/zod-openapi";

/** What the middleware keeps on each request's context. */
export interface AppEnv {
  Variables: {
    /** The request id, accepted from `X-Request-Id` or generated. */
    requestId: string;
    /** The setup session of the request, when it came with one (see setup/session_cookie.ts). */
    setupSession: SetupSession | undefined;
  };
}

/** The Hono app every route module registers on. */
export type ApiApp = OpenAPIHono<AppEnv>;
