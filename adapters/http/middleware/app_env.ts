import type { OpenAPIHono } from "@hono/zod-openapi";

/** A live setup session: its MSP, the CSRF token its forms must send back, its stored hash. */
export interface SetupSession {
  readonly mspId: string;
  readonly csrf: string;
  readonly hash: string;
}

/** How the service is reached from browsers (see AppOptions): the same for every request. */
export interface WebOptions {
  /** The origin browsers use (PUBLIC_URL); null: the origin of each request. */
  readonly publicUrl: string | null;
  /** Origins that may show the setup pages in a frame (SETUP_FRAME_ANCESTORS); empty: none. */
  readonly frameAncestors: readonly string[];
  /** Reverse proxies in front that append to X-Forwarded-For (TRUST_PROXY); 0: none. */
  readonly trustProxy: number;
}

/** What the middleware keeps on each request's context. */
export interface AppEnv {
  Variables: {
    /** The request id, accepted from `X-Request-Id` or generated. */
    requestId: string;
    /** The setup session of the request, when it came with one (see setup/session_cookie.ts). */
    setupSession: SetupSession | undefined;
    web: WebOptions;
  };
}

/** The Hono app every route module registers on. */
export type ApiApp = OpenAPIHono<AppEnv>;
