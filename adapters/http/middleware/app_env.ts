import type { OpenAPIHono } from "@hono/zod-openapi";

/** A live setup session: its MSP, the CSRF token its forms must send back, its stored hash. */
export interface SetupSession {
  readonly mspId: string;
  readonly csrf: string;
  readonly hash: string;
}

/** How browsers reach the service (see AppOptions). */
export interface WebOptions {
  /** The origin browsers use (PUBLIC_URL); null: the origin of each request. */
  readonly publicUrl: string | null;
  /** Origins that may show the setup pages in a frame (SETUP_FRAME_ANCESTORS); empty: none. */
  readonly frameAncestors: readonly string[];
  /** Reverse proxies in front that append to X-Forwarded-For (TRUST_PROXY); 0: none. */
  readonly trustProxy: number;
}

export interface AppEnv {
  Variables: {
    requestId: string;
    /** The setup session of the request, when it came with one (see setup/session_cookie.ts). */
    setupSession: SetupSession | undefined;
    web: WebOptions;
  };
}

export type ApiApp = OpenAPIHono<AppEnv>;
