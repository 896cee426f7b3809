// Issue 12: while the database is unreachable, /v1 answers 503 problem+json
// with Retry-After (never 500), /healthz stays 200, /readyz answers 503.
import assert from "node:assert/strict";
import { testApp } from "../../../support/test_app.ts";
import { isDatabaseUnavailable } from "../../../../adapters/postgres/unavailable.ts";
import type { Store } from "../../../../application/ports/store.ts";
import { testWorld } from "../../../support/fixtures.ts";
import { TOKEN } from "../http_world.ts";

/** A store whose every call fails as postgres.js does when the server is down. */
function downStore(): Store {
  const refuse = () =>
    Promise.reject(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }));
  const repository = new Proxy({}, { get: () => refuse });
  return new Proxy({} as Store, { get: (_, key) => key === "transaction" ? refuse : repository });
}

Deno.test("database down: /v1 is 503 with Retry-After, /healthz 200, /readyz 503", async () => {
  const world = await testWorld();
  const app = testApp({ ...world.deps, store: downStore() }, {
    apiTokens: [TOKEN],
    workerId: "test-worker",
    readiness: () => Promise.resolve({ ok: false, detail: "database unreachable" }),
    isUnavailable: isDatabaseUnavailable,
  });
  const auth = { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" };
  const requests: [string, string, unknown?][] = [
    ["GET", "/v1/plans"],
    ["GET", "/v1/msps/a/organizations"],
    ["POST", "/v1/msps/a/organizations/o1/usage", {
      eventId: "e1",
      occurredAt: "2026-11-10T11:00:00Z",
      licenses: 3,
      servers: 1,
    }],
  ];
  for (const [method, path, body] of requests) {
    const res = await app.request(path, {
      method,
      headers: auth,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const problem = await res.json();
    assert.equal(res.status, 503, `${method} ${path}: ${JSON.stringify(problem)}`);
    assert.equal(res.headers.get("Content-Type"), "application/problem+json");
    assert.equal(res.headers.get("Retry-After"), "5");
    assert.equal(problem.code, "database-unavailable");
  }
  assert.equal((await app.request("/healthz")).status, 200);
  assert.equal((await app.request("/readyz")).status, 503);
});

Deno.test("without the check, the same failure stays a 500 (the mapping is what makes it 503)", async () => {
  const world = await testWorld();
  const app = testApp({ ...world.deps, store: downStore() }, {
    apiTokens: [TOKEN],
    workerId: "test-worker",
  });
  const res = await app.request("/v1/plans", { headers: { Authorization: `Bearer ${TOKEN}` } });
  assert.equal(res.status, 500);
  await res.body?.cancel();
});
