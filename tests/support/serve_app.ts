import assert from "node:assert/strict";
import { testApp } from "./test_app.ts";
import type { Deps } from "../../application/ports/deps.ts";

/**
 * The app on real HTTP at 127.0.0.1 with one platform token; `call` sends a
 * request under `base` with that token, asserts the status and parses the answer.
 */
export function serveApp(deps: Deps, options: { token: string; workerId: string; base?: string }) {
  const app = testApp(deps, {
    apiTokens: [options.token],
    workerId: options.workerId,
  });
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, app.fetch);
  const origin = `http://127.0.0.1:${server.addr.port}`;
  async function call<T>(method: string, path: string, body?: unknown, status = 200): Promise<T> {
    const res = await fetch(origin + (options.base ?? "") + path, {
      method,
      headers: { Authorization: `Bearer ${options.token}`, "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    assert.equal(res.status, status, `${method} ${path}: ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  }
  return { origin, call, close: () => server.shutdown() };
}
