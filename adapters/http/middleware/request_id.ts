import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./app_env.ts";

/** The header that carries the request id both ways. */
export const REQUEST_ID_HEADER = "X-Request-Id";

// Sane: short, no spaces or control characters, so it is safe in a log line.
const SANE = /^[A-Za-z0-9._:-]{8,128}$/;

/** Accepts a sane incoming `X-Request-Id` or generates one, and echoes it on the answer. */
export function requestId(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const incoming = c.req.header(REQUEST_ID_HEADER);
    const id = incoming && SANE.test(incoming) ? incoming : crypto.randomUUID();
    c.set("requestId", id);
    await next();
    c.res.headers.set(REQUEST_ID_HEADER, id);
  };
}
