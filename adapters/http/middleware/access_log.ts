import type { Logger, LogLevel, LogRecord } from "@logtape/logtape";
import type { Context, MiddlewareHandler } from "hono";
import { matchedRoutes } from "hono/route";
import type { AppEnv } from "./app_env.ts";

const MSP_IN_PATH = /^\/v1\/msps\/([A-Za-z0-9._-]{1,64})(?:\/|$)/;

/** Null for plans, periods and operations. */
export function mspOfPath(path: string): string | null {
  return MSP_IN_PATH.exec(path)?.[1] ?? null;
}

/** The route template (`/setup/:link`), never the path: a path can carry a setup link's token. */
export function routeOf(c: Context): string {
  const routes = matchedRoutes(c);
  for (let i = routes.length - 1; i >= 0; i--) {
    if (routes[i].method !== "ALL") return routes[i].path; // "ALL": middleware
  }
  return "(no route)";
}

export const ACCESS_MESSAGE = "{method} {path} {status} in {durationMs} ms";

export type AccessProperties = {
  readonly method: string;
  /** The route template, e.g. `/v1/msps/:msp/sync`. */
  readonly path: string;
  readonly status: number;
  readonly durationMs: number;
  readonly mspId: string | null;
  readonly requestId: string | undefined;
};

/**
 * Built whole, as LogTape's `info(ACCESS_MESSAGE, properties)` would build it (a test compares the
 * two), without its lazy getters and template parse per request (docs/performance.md).
 */
export function accessRecord(
  category: readonly string[],
  level: LogLevel,
  p: AccessProperties,
): LogRecord {
  return {
    category,
    level,
    timestamp: Date.now(),
    rawMessage: ACCESS_MESSAGE,
    message: ["", p.method, " ", p.path, " ", p.status, " in ", p.durationMs, " ms"],
    properties: p,
  };
}

/** One record per request; never a body, a header, a query value or a path. */
export function accessLog(logger: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const status = c.res.status;
    const level: LogLevel = status >= 500 ? "error" : "info";
    if (!logger.isEnabledFor(level)) return;
    // `emit` with the logger's own category hands the record to the sinks as it is.
    logger.emit(accessRecord(logger.category, level, {
      method: c.req.method,
      path: routeOf(c),
      status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
      mspId: mspOfPath(c.req.path),
      requestId: c.get("requestId"),
    }));
  };
}
