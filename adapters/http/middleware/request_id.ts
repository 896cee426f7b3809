import type { MiddlewareHandler } from "hono";
import { requestId as honoRequestId } from "hono/request-id";
import type { AppEnv } from "./app_env.ts";

/** The header that carries the request id both ways. */
export const REQUEST_ID_HEADER = "X-Request-Id";

// Safe in a log line, and long enough not to collide by chance. Hono's own check would keep shorter
// ids and refuse "." and ":", so `limitLength: 0` hands every incoming id to `generator`.
const SANE = /^[A-Za-z0-9._:-]{8,128}$/;

/** Keeps a sane incoming `X-Request-Id` or generates one, and echoes it on the answer. */
export function requestId(): MiddlewareHandler<AppEnv> {
  return honoRequestId({
    headerName: REQUEST_ID_HEADER,
    limitLength: 0,
    generator: (c) => {
      const incoming = c.req.header(REQUEST_ID_HEADER);
      return incoming && SANE.test(incoming) ? incoming : crypto.randomUUID();
    },
  });
}
