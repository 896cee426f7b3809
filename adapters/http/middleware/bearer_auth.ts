import { createHash, timingSafeEqual } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./app_env.ts";
import { problem, problemResponse } from "../answers/problem.ts";

// Synchronous: Web Crypto's digest costs an async op per request (docs/performance.md, P3).
function digest(text: string): Uint8Array {
  return createHash("sha256").update(text, "utf8").digest();
}

// Digests have the same length whatever the token, and every byte is compared, so the time taken
// says nothing about how much of a token matched.
function sameDigest(a: Uint8Array, b: Uint8Array): boolean {
  return timingSafeEqual(a, b);
}

/** Every token is compared, in constant time; else 401 with `WWW-Authenticate: Bearer`. */
export function bearerAuth(tokens: readonly string[]): MiddlewareHandler<AppEnv> {
  const known = tokens.filter((t) => t.length > 0).map(digest);
  return (c, next) => {
    const match = /^Bearer[ \t]+([^\s]+)[ \t]*$/i.exec(c.req.header("Authorization") ?? "");
    if (match) {
      const presented = digest(match[1]);
      let ok = false;
      for (const token of known) ok = sameDigest(presented, token) || ok;
      if (ok) return next();
    }
    const detail = match ? "The bearer token is not valid" : "A bearer token is required";
    return Promise.resolve(problemResponse(c, problem(401, { code: "unauthorized", detail }), {
      "WWW-Authenticate": 'Bearer realm="psa-sync"',
    }));
  };
}
