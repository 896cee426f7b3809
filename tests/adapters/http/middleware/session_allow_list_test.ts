// Issue 25, item 3: a setup session reaches exactly the /v1 routes the four
// setup steps use. Every documented /v1 route is walked with a session; each
// answer is checked against the allow-list: refused as an unknown route (404
// route-not-found, nothing done) off it, reached (any other answer) on it.
import assert from "node:assert/strict";
import { SESSION_ROUTES } from "../../../../adapters/http/middleware/api_auth.ts";
import { CREDENTIALS } from "../../../support/fixtures.ts";
import { openSetupSession } from "../../../support/setup_session.ts";
import { httpWorld } from "../http_world.ts";
import { documentedOperations, fillPath } from "../operations.ts";
import { setUpMsp } from "../setup_msp.ts";

const BODIES: Record<string, unknown> = {
  "PUT /v1/msps/{msp}/connectwise": CREDENTIALS,
  "PUT /v1/msps/{msp}/product-mappings/{plan}": {
    license: { productId: 21 },
    server: { productId: 22 },
  },
  "POST /v1/msps/{msp}/company-mappings": { items: [] },
  "PUT /v1/msps/{msp}/organizations/{org}": { name: "Squat", planId: "core", licenseType: "nfr" },
  "POST /v1/msps/{msp}/organizations/{org}/usage": {
    eventId: "evt-2001",
    occurredAt: "2026-11-10T11:00:00Z",
    licenses: 0,
    servers: 0,
  },
  "PUT /v1/plans/{plan}": { name: "Free", tier: 0, includesServers: true },
};

Deno.test("a setup session reaches exactly the /v1 routes of the setup steps; every other /v1 route is 404 for it", async () => {
  const w = await httpWorld();
  const a = await setUpMsp(w.json, { msp: "msp-a" });
  const link = await w.json<{ url: string }>("POST", "/v1/msps/msp-a/setup-links");
  const { cookie, csrf } = await openSetupSession(w.app.request, link.body.url);
  const documented = (await documentedOperations(w.app)).filter((op) => op.path.startsWith("/v1/"));
  const names = documented.map((op) => `${op.method} ${op.path}`);
  assert.deepEqual(SESSION_ROUTES.filter((r) => !names.includes(r)), [], "no stale entry");

  const values = {
    org: a.orgIds[0],
    plan: "core",
    period: "2026-11",
    agreementId: "1000",
    productId: "21",
  };
  const send = (method: string, path: string, body: unknown) =>
    w.app.request(path, {
      method,
      headers: {
        Cookie: cookie,
        "X-CSRF-Token": csrf,
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  // Deletions last: they would take away what the others reach.
  const ordered = documented.toSorted((x, y) =>
    Number(x.method === "DELETE") - Number(y.method === "DELETE")
  );
  const reached: string[] = [];
  for (const op of ordered) {
    const name = `${op.method} ${op.path}`;
    for (const msp of ["msp-a", "msp-b"]) {
      const res = await send(op.method, fillPath(op.path, { ...values, msp }), BODIES[name]);
      const text = await res.text();
      const refused = res.status === 404 && JSON.parse(text).code === "route-not-found";
      const allowed = SESSION_ROUTES.includes(name) &&
        (msp === "msp-a" || !op.path.includes("{msp}"));
      assert.equal(refused, !allowed, `${name} for ${msp}: ${res.status} ${text.slice(0, 200)}`);
      if (allowed && msp === "msp-a") reached.push(name);
    }
  }
  assert.deepEqual(reached.toSorted(), [...SESSION_ROUTES].toSorted());

  // What the refused writes would have done did not happen: the platform's records stand.
  const orgs = await w.json<{ items: { id: string; licenseType: string }[] }>(
    "GET",
    "/v1/msps/msp-a/organizations",
  );
  assert.equal(orgs.body.items.find((o) => o.id === a.orgIds[0])?.licenseType, "standard");
  const report = await w.json<{ duplicate: boolean }>(
    "POST",
    `/v1/msps/msp-a/organizations/${a.orgIds[0]}/usage`,
    { ...BODIES["POST /v1/msps/{msp}/organizations/{org}/usage"] as object, licenses: 7 },
  );
  assert.deepEqual([report.status, report.body.duplicate], [202, false], "the event id is free");
  const plans = await w.json<{ items: { id: string; name: string }[] }>("GET", "/v1/plans");
  assert.equal(plans.body.items.find((p) => p.id === "core")?.name, "Core");
});
