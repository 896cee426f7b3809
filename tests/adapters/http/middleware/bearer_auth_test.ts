import assert from "node:assert/strict";
import { documentedOperations, fillPath } from "../operations.ts";
import { httpWorld, TOKEN } from "../http_world.ts";

const VALUES = {
  msp: "msp-a",
  org: "org-1",
  plan: "core",
  period: "2026-10",
  agreementId: "1000",
  productId: "21",
};

async function assertRefused(res: Response, what: string): Promise<void> {
  assert.equal(res.status, 401, what);
  assert.match(res.headers.get("WWW-Authenticate") ?? "", /^Bearer/, what);
  assert.equal(res.headers.get("Content-Type"), "application/problem+json", what);
  const body = await res.json();
  assert.equal(body.code, "unauthorized", what);
  assert.equal(body.status, 401, what);
}

Deno.test("every /v1 operation answers 401 without a token or with a wrong one", async () => {
  const { app } = await httpWorld();
  const ops = (await documentedOperations(app)).filter((op) => op.path.startsWith("/v1/"));
  assert.ok(ops.length >= 24);
  const wrong = [
    undefined,
    "Bearer wrong-token-0123456789",
    `Bearer ${TOKEN}x`,
    `Bearer ${TOKEN.slice(0, -1)}`,
    `Basic ${btoa(`user:${TOKEN}`)}`,
    `Bearer`,
    TOKEN,
  ];
  for (const op of ops) {
    const path = fillPath(op.path, VALUES);
    for (const authorization of wrong) {
      const res = await app.request(path, {
        method: op.method,
        headers: {
          ...(authorization ? { Authorization: authorization } : {}),
          ...(op.hasBody ? { "Content-Type": "application/json" } : {}),
        },
        body: op.hasBody ? "{}" : undefined,
      });
      await assertRefused(res, `${op.method} ${path} with ${authorization ?? "no token"}`);
    }
  }
});

Deno.test("the OpenAPI document applies the bearer scheme to every /v1 operation only", async () => {
  const { app } = await httpWorld();
  const doc = await (await app.request("/openapi.json")).json();
  assert.deepEqual(doc.components.securitySchemes.bearerAuth, {
    type: "http",
    scheme: "bearer",
    description: "One of the tokens of API_TOKENS",
  });
  for (const op of await documentedOperations(app)) {
    const expected = op.path.startsWith("/v1/") ? [{ bearerAuth: [] }] : undefined;
    assert.deepEqual(op.security, expected, `${op.method} ${op.path}`);
  }
});

Deno.test("every configured token is accepted; open routes need none; unknown /v1 paths are 401", async () => {
  const { app } = await httpWorld();
  for (const token of [TOKEN, "second-token-fedcba9876543210"]) {
    const res = await app.request("/v1/plans", { headers: { Authorization: `bearer  ${token}` } });
    assert.equal(res.status, 200);
    await res.body?.cancel();
  }
  for (const path of ["/healthz", "/readyz", "/openapi.json", "/docs"]) {
    const res = await app.request(path);
    assert.equal(res.status, 200, path);
    await res.body?.cancel();
  }
  const unknown = await app.request("/v1/nothing-here");
  await assertRefused(unknown, "unknown /v1 path");
});
