import type { Logger } from "@logtape/logtape";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./app_env.ts";

const MSP_IN_PATH = /^\/v1\/msps\/([A-Za-z0-9._-]{1,64})(?:\/|$)/;

/** The MSP id a path is about, or null (plans, periods, operations). */
export function mspOfPath(path: string): string | null {
  return MSP_IN_PATH.exec(path)?.[1] ?? null;
}

/**
 * One log record per request: method, path (no query), status, duration,
 * MSP id and request id. Never a body, a header or a query value.
 */
export function accessLog(logger: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const status = c.res.status;
    const properties = {
      method: c.req.method,
      path: c.req.path,
      status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
      mspId: mspOfPath(c.req.path),
      requestId: c.get("requestId"),
    };
    const message = "{method} {path} {status} in {durationMs} ms";
    if (status >= 500) logger.error(message, properties);
    else logger.info(message, properties);
  };
}
