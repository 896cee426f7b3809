import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./app_env.ts";
import { problem, problemResponse } from "./problem.ts";

async function digest(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
}

// Digests have the same length whatever the token, and every byte is
// compared, so the time taken says nothing about how much of a token matched.
function sameDigest(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < a.length && i < b.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

/**
 * Requires `Authorization: Bearer <token>` with one of `tokens` (compared in
 * constant time, against every token). Otherwise 401 problem+json with
 * `WWW-Authenticate: Bearer`.
 */
export function bearerAuth(tokens: readonly string[]): MiddlewareHandler<AppEnv> {
  const known = Promise.all(tokens.filter((t) => t.length > 0).map(digest));
  return async (c, next) => {
    const match = /^Bearer[ \t]+([^\s]+)[ \t]*$/i.exec(c.req.header("Authorization") ?? "");
    if (match) {
      const presented = await digest(match[1]);
      let ok = false;
      for (const token of await known) ok = sameDigest(presented, token) || ok;
      if (ok) return next();
    }
    const detail = match ? "The bearer token is not valid" : "A bearer token is required";
    return problemResponse(c, problem(401, { code: "unauthorized", detail }), {
      "WWW-Authenticate": 'Bearer realm="psa-sync"',
    });
  };
}
