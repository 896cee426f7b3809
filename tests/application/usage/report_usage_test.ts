import assert from "node:assert/strict";
import { reportUsage } from "../../../application/usage/report_usage.ts";
import { upsertOrganization } from "../../../application/usage/organizations.ts";
import { finalizeStatements } from "../../../application/statements/finalize_statements.ts";
import { testWorld } from "../../support/fixtures.ts";

async function world() {
  const w = await testWorld({ now: "2026-11-10T12:00:00Z" });
  await upsertOrganization(w.deps, {
    mspId: "msp-a",
    id: "o1",
    name: "One",
    planId: "core",
    licenseType: "standard",
  });
  return w;
}

const report = (eventId: string, occurredAt: string, licenses = 5, servers = 1) => ({
  mspId: "msp-a",
  organizationId: "o1",
  eventId,
  occurredAt: new Date(occurredAt),
  licenses,
  servers,
});

Deno.test("usage: the same report again is a duplicate; its eventId with other content is reused; neither changes anything", async () => {
  const { deps, store } = await world();
  assert.deepEqual(await reportUsage(deps, report("e1", "2026-11-10T10:00:00Z")), {
    duplicate: false,
  });
  assert.deepEqual(await reportUsage(deps, report("e1", "2026-11-10T10:00:00Z")), {
    duplicate: true,
  });
  await assert.rejects(reportUsage(deps, report("e1", "2026-11-10T11:00:00Z", 99)), {
    code: "event-id-reused",
    message: /eventId "e1" was already used for a report with another occurredAt, licenses/,
  });
  const reports = (await store.usage.entries("msp-a", "o1")).filter((e) => e.licenses !== null);
  assert.equal(reports.length, 1);
  assert.equal(reports[0].licenses, 5);
});

Deno.test("usage: a report for an unknown organization is not found", async () => {
  const { deps } = await world();
  await assert.rejects(
    reportUsage(deps, { ...report("e1", "2026-11-10T10:00:00Z"), organizationId: "nope" }),
    {
      code: "organization-not-found",
    },
  );
});

Deno.test("usage: a report more than 5 minutes in the future is refused", async () => {
  const { deps, store } = await world();
  await assert.rejects(reportUsage(deps, report("e1", "2026-11-10T12:05:01Z")), {
    code: "report-in-future",
  });
  assert.deepEqual(await reportUsage(deps, report("e2", "2026-11-10T12:04:00Z")), {
    duplicate: false,
  });
  const reports = (await store.usage.entries("msp-a", "o1")).filter((e) => e.licenses !== null);
  assert.deepEqual(reports.map((e) => e.eventId), ["e2"]);
});

Deno.test("usage: a report in a finalized period fails with period-finalized", async () => {
  const { deps, clock } = await world();
  await reportUsage(deps, report("e1", "2026-10-20T10:00:00Z"));
  clock.set("2026-11-01T00:10:00Z");
  await finalizeStatements(deps, { mspId: "msp-a", period: "2026-10" });
  await assert.rejects(
    reportUsage(deps, report("e2", "2026-10-31T10:00:00Z", 50)),
    (e: Error & { code?: string }) =>
      e.code === "period-finalized" && e.message === "period 2026-10 is finalized",
  );
  // and before it, too: older than the previous period is too old, whatever its state
  await assert.rejects(reportUsage(deps, report("e3", "2026-09-15T10:00:00Z")), {
    code: "report-too-old",
  });
});

Deno.test("usage: a report dated epoch 0 is refused as report-too-old and nothing is stored", async () => {
  const { deps, store } = await world();
  await assert.rejects(reportUsage(deps, report("epoch", "1970-01-01T00:00:00Z")), {
    code: "report-too-old",
    message:
      "occurredAt 1970-01-01T00:00:00.000Z is too old: the oldest instant accepted now is 2026-10-01T00:00:00.000Z",
  });
  const stored = (await store.usage.entries("msp-a", "o1")).filter((e) => e.eventId === "epoch");
  assert.deepEqual(stored, []);
  assert.equal(await store.usage.firstPeriod("msp-a"), null);
});

Deno.test("usage: the previous month takes late reports until it is finalized, then refuses them", async () => {
  const { deps, clock } = await world();
  clock.set("2026-12-01T00:00:00Z");
  // Just after the month start: November is the previous period and still open.
  assert.deepEqual(await reportUsage(deps, report("late-1", "2026-11-30T23:59:59.999Z")), {
    duplicate: false,
  });
  // October is now older than the previous period.
  await assert.rejects(reportUsage(deps, report("old-1", "2026-10-31T23:59:59.999Z")), {
    code: "report-too-old",
  });
  clock.set("2026-12-03T08:00:00Z");
  assert.deepEqual(await reportUsage(deps, report("late-2", "2026-11-15T00:00:00Z")), {
    duplicate: false,
  });
  await finalizeStatements(deps, { mspId: "msp-a", period: "2026-11" });
  await assert.rejects(reportUsage(deps, report("late-3", "2026-11-30T23:00:00Z")), {
    code: "period-finalized",
  });
});

Deno.test("usage: an unknown plan in a report is refused with plan-not-found", async () => {
  const { deps } = await world();
  await assert.rejects(
    reportUsage(deps, { ...report("e1", "2026-11-10T10:00:00Z"), planId: "gold" }),
    {
      code: "plan-not-found",
    },
  );
});

Deno.test("usage: a report with a plan moves the organization to that plan from then on", async () => {
  const { deps, store, clock } = await world(); // o1 created on core at 12:00
  clock.set("2026-11-10T14:00:00Z");
  await reportUsage(deps, { ...report("e1", "2026-11-10T13:00:00Z"), planId: "premium" });
  assert.equal((await store.organizations.get("msp-a", "o1"))?.planId, "premium");
  await reportUsage(deps, { ...report("e0", "2026-11-10T12:30:00Z"), planId: "lite" }); // older: no change
  assert.equal((await store.organizations.get("msp-a", "o1"))?.planId, "premium");
});

Deno.test("usage: a plan change by PUT counts from the moment it is received, not the whole month", async () => {
  const { deps, clock } = await world(); // o1 created on core at 2026-11-10T12:00Z
  clock.set("2026-11-10T13:00:00Z");
  await reportUsage(deps, report("e1", "2026-11-10T12:30:00Z", 10, 2));
  clock.set("2026-11-20T00:00:00Z");
  await upsertOrganization(deps, {
    mspId: "msp-a",
    id: "o1",
    name: "One",
    planId: "lite",
    licenseType: "standard",
  });
  const { periodStatement } = await import("../../../application/views/period_reads.ts");
  const [statement] = await periodStatement(deps, { mspId: "msp-a", period: "2026-11" });
  assert.deepEqual([statement.planId, statement.licenses, statement.servers], ["core", 10, 2]);
});

Deno.test("usage: a late report with a plan moves the organization when no later entry set a plan", async () => {
  const { deps, store, clock } = await world(); // o1 created on core at 2026-11-10T12:00Z
  clock.set("2026-11-24T00:00:00Z");
  await reportUsage(deps, report("a", "2026-11-21T00:00:00Z"));
  await reportUsage(deps, report("b", "2026-11-23T00:00:00Z"));
  await reportUsage(deps, { ...report("c", "2026-11-22T00:00:00Z"), planId: "premium" });
  assert.equal((await store.organizations.get("msp-a", "o1"))?.planId, "premium");
});
