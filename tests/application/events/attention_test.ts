import { heldAddition } from "../../support/terms.ts";
import assert from "node:assert/strict";
import { connect } from "../../../application/connection/connection.ts";
import { reportUsage } from "../../../application/usage/report_usage.ts";
import { finalizePeriod } from "../../../application/month_end/finalize_period.ts";
import { drainSync } from "../../../application/push/worker.ts";
import type { OutboundEvent } from "../../../application/ports/outbox.ts";
import { CREDENTIALS, testWorld } from "../../support/fixtures.ts";
import { connectAndMapProducts, mappedOrganization } from "../../support/setup.ts";

const MSP = "msp-a";
let seq = 0;
function usage(org: string, at: string, licenses: number, servers = 0) {
  const occurredAt = new Date(at);
  return { mspId: MSP, organizationId: org, eventId: `a-${++seq}`, occurredAt, licenses, servers };
}

async function events(
  w: { store: { outbox: { due(now: Date, limit: number): Promise<OutboundEvent[]> } } },
  type: string,
) {
  const due = await w.store.outbox.due(new Date("2100-01-01T00:00:00Z"), 1_000);
  return due.filter((e) => e.type === type);
}

async function world(now = "2026-11-20T12:00:00Z") {
  const w = await testWorld({ now });
  await connectAndMapProducts(w);
  return w;
}

function settle(w: Awaited<ReturnType<typeof world>>) {
  w.clock.advance(5_000);
  return drainSync(w.deps, { owner: "test" });
}

Deno.test("attention: a 403 on write queues exactly one sync.attention naming the permission", async () => {
  const w = await world();
  w.cw.data.members[0] = { ...w.cw.data.members[0], writes: ["Product Catalog add"] };
  await mappedOrganization(w, { id: "o1", planId: "core" });
  await reportUsage(w.deps, usage("o1", "2026-11-02T10:00:00Z", 8, 1));
  await settle(w);
  const [event, ...more] = await events(w, "sync.attention");
  assert.equal(more.length, 0, JSON.stringify(more));
  assert.equal(event.mspId, MSP);
  assert.equal(event.payload.attention, "connection");
  assert.match(String(event.payload.reason), /lacks "Agreements" add permission/);
  const lines = event.payload.lines as { status: string; productId: number }[];
  assert.deepEqual(lines.map((l) => [l.productId, l.status]), [[21, "failed"], [22, "failed"]]);
  // More reports and pushes change nothing while the connection waits for attention.
  await reportUsage(w.deps, usage("o1", "2026-11-03T10:00:00Z", 9, 1));
  await settle(w);
  assert.equal((await events(w, "sync.attention")).length, 1);
});

Deno.test("attention: a line blocked once is one event, however many pushes find it blocked", async () => {
  const w = await world();
  const twin = (id: number) => heldAddition({ id, agreementId: 1000, productId: 11, quantity: 1 });
  w.cw.data.additions.push(twin(901), twin(902));
  await mappedOrganization(w, { id: "o1", planId: "lite" });
  await reportUsage(w.deps, usage("o1", "2026-11-02T10:00:00Z", 8));
  await settle(w);
  const first = await events(w, "sync.attention");
  assert.equal(first.length, 1, "one event when the line becomes blocked");
  assert.equal(first[0].payload.attention, "lines");
  const lines = first[0].payload.lines as { status: string; reason: string }[];
  assert.deepEqual(lines.map((l) => l.status), ["blocked"]);
  assert.match(lines[0].reason, /ambiguous/);
  for (let i = 0; i < 3; i++) {
    await reportUsage(w.deps, usage("o1", "2026-11-02T12:00:00Z", 10 + i));
    await settle(w);
  }
  assert.equal((await events(w, "sync.attention")).length, 1, "later pushes announce nothing");
  w.cw.data.additions.pop();
  await reportUsage(w.deps, usage("o1", "2026-11-02T13:00:00Z", 20));
  await settle(w);
  assert.equal((await w.store.syncLines.list(MSP))[0].status, "in-sync");
  assert.equal((await events(w, "sync.attention")).length, 1, "recovering is no attention");
});

Deno.test("attention: saving the credentials again starts a new episode for the connection", async () => {
  const w = await world();
  w.cw.data.members[0] = { ...w.cw.data.members[0], writes: ["Product Catalog add"] };
  await mappedOrganization(w, { id: "o1", planId: "lite" });
  await reportUsage(w.deps, usage("o1", "2026-11-02T10:00:00Z", 8));
  await settle(w);
  w.clock.advance(60_000);
  await connect(w.deps, { mspId: MSP, credentials: CREDENTIALS });
  await reportUsage(w.deps, usage("o1", "2026-11-02T11:00:00Z", 9));
  await settle(w);
  const ids = (await events(w, "sync.attention")).map((e) => e.id);
  assert.equal(new Set(ids).size, 2, `two episodes: ${ids}`);
});

Deno.test("month end queues period.finalized once per MSP with the statement totals", async () => {
  const w = await testWorld({ now: "2026-10-05T00:00:00Z" });
  await connectAndMapProducts(w);
  await mappedOrganization(w, { id: "o1", planId: "core" });
  await mappedOrganization(w, { id: "o2", planId: "lite", companyId: 200, agreementId: 2000 });
  await reportUsage(w.deps, usage("o1", "2026-10-03T00:00:00Z", 12, 2));
  await reportUsage(w.deps, usage("o2", "2026-10-04T00:00:00Z", 5));
  w.clock.set("2026-11-01T00:05:00Z");
  await finalizePeriod(w.deps, { period: "2026-10", owner: "cron" });
  await finalizePeriod(w.deps, { period: "2026-10", owner: "cron" });
  const finalized = await events(w, "period.finalized");
  assert.equal(finalized.length, 1);
  assert.deepEqual(finalized[0].payload, {
    type: "period.finalized",
    msp: MSP,
    period: "2026-10",
    totals: {
      organizations: 2,
      licenses: 17,
      servers: 2,
      byPlan: {
        core: { organizations: 1, licenses: 12, servers: 2 },
        lite: { organizations: 1, licenses: 5, servers: 0 },
      },
    },
  });
  assert.equal(finalized[0].occurredAt.toISOString(), "2026-11-01T00:05:00.000Z");
});
