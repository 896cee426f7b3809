import assert from "node:assert/strict";
import { upsertOrganization } from "../../../application/usage/organizations.ts";
import { reportUsage } from "../../../application/usage/report_usage.ts";
import { finalizeStatements } from "../../../application/statements/finalize_statements.ts";
import type { Store } from "../../../application/ports/store.ts";
import { testWorld } from "../../support/fixtures.ts";
import { withPostgres } from "../../support/store_fixture.ts";

const MSP = "msp-a";

/**
 * Reports into October race October's finalization on Postgres: every
 * report is either acknowledged and counted in the final statement, or
 * refused as period-finalized; none is acknowledged and then missing.
 */
async function race(store: Store, round: number) {
  const w = await testWorld({ now: "2026-10-31T23:00:00Z", store });
  await upsertOrganization(w.deps, {
    mspId: MSP,
    id: "o1",
    name: "One",
    planId: "core",
    licenseType: "standard",
  });
  w.clock.set("2026-11-01T00:00:30Z");
  const accepted: number[] = [];
  const refused: string[] = [];
  const send = async (i: number) => {
    const licenses = i + 1; // each report its own count: the maximum names the last one counted
    try {
      await reportUsage(w.deps, {
        mspId: MSP,
        organizationId: "o1",
        eventId: `r${round}-${i}`,
        occurredAt: new Date(Date.parse("2026-10-31T20:00:00Z") + i * 1000),
        licenses,
        servers: 0,
      });
      accepted.push(licenses);
    } catch (error) {
      refused.push((error as { code?: string }).code ?? String(error));
    }
  };
  // 8 clients, 10 reports each, one after another; the finalization starts once
  // a few were acknowledged, so it lands in the middle of the stream.
  const clients = Array.from({ length: 8 }, async (_, c) => {
    for (let k = 0; k < 10; k++) await send(c * 10 + k);
  });
  const finalize = async () => {
    while (accepted.length < 3 + round) await new Promise((r) => setTimeout(r, 1));
    await finalizeStatements(w.deps, { mspId: MSP, period: "2026-10" });
  };
  await Promise.all([...clients, finalize()]);
  assert.equal(accepted.length + refused.length, 80);
  const [statement] = await store.statements.list(MSP, "2026-10");
  assert.deepEqual([...new Set(refused)].filter((c) => c !== "period-finalized"), []);
  assert.equal(statement?.licenses ?? 0, Math.max(0, ...accepted), `round ${round}`);
  return { accepted: accepted.length, refused: refused.length };
}

Deno.test("a report racing its month's finalization is either in the final statement or refused as period-finalized", async () => {
  await withPostgres(async ({ open }) => {
    const outcomes = [];
    for (let round = 0; round < 6; round++) {
      const { store, close } = await open();
      try {
        outcomes.push(await race(store, round));
      } finally {
        await close();
      }
    }
    // The race was real: in at least one round both sides of it happened.
    assert.ok(
      outcomes.some((o) => o.accepted > 0 && o.refused > 0),
      `outcomes: ${JSON.stringify(outcomes)}`,
    );
  });
});
