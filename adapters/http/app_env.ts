import type { OpenAPIHono } from "@hono/zod-openapi";

/** What the middleware keeps on each request's context. */
export interface AppEnv {
  Variables: {
    /** The request id, accepted from `X-Request-Id` or generated. */
    requestId: string;
  };
}

/** The Hono app every route module registers on. */
export type ApiApp = OpenAPIHono<AppEnv>;
