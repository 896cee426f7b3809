import assert from "node:assert/strict";
import { httpWorld } from "../http_world.ts";

Deno.test("http: a period read whose figures meet a plan the catalog does not hold is 422 plan-not-found, not a 500", async () => {
  const w = await httpWorld({ now: "2026-11-20T12:00:00Z" });
  // The API refuses such a plan, so it goes into the store directly.
  await w.store.organizations.save("msp-a", {
    id: "o1",
    name: "Org 1",
    planId: "gold",
    licenseType: "standard",
  });
  await w.store.usage.append("msp-a", {
    eventId: "plan-change:gold",
    organizationId: "o1",
    occurredAt: new Date("2026-11-10T00:00:00Z"),
    licenses: 3,
    servers: 0,
    planId: "gold",
  });
  const { status, body } = await w.json("GET", "/v1/msps/msp-a/periods/2026-11");
  assert.equal(status, 422);
  assert.equal(body.code, "plan-not-found");
  assert.equal(body.detail, 'Plan "gold" is not known');
});
