// Migration 002 folds a ledger written under 001 into period summaries in one
// set-based pass. It stays: a database still at 001 runs it when it upgrades,
// and docs/operations.md rebuilds lost summaries with it; a shipped migration is
// never edited. So it is checked here against the domain's fold (addToSummary).
import assert from "node:assert/strict";
import fc from "fast-check";
import { migrate, MIGRATIONS_DIR } from "../../../../adapters/postgres/migrate.ts";
import { type Period, periodOf } from "../../../../domain/period.ts";
import {
  addToSummary,
  EMPTY_SUMMARY,
  type PeriodSummary,
} from "../../../../domain/period_summary.ts";
import type { LedgerEntry } from "../../../../domain/usage.ts";
import { propertySeed } from "../../../application/ports/usage_ledger_property.ts";
import { testDatabase } from "../../../support/database.ts";

const FROM = Date.parse("2026-09-01T00:00:00Z");
const SLOT = 6 * 3600_000; // coarse instants, so that entries tie and their event ids decide

/** One MSP's ledger: reports and plan changes (counts null) over about four months. */
const ledger = fc.array(
  fc.record({
    org: fc.constantFrom("o1", "o2", "o3"),
    slot: fc.nat({ max: 480 }),
    licenses: fc.option(fc.nat({ max: 60 }), { nil: null, freq: 4 }),
    servers: fc.option(fc.nat({ max: 6 }), { nil: null, freq: 4 }),
    planId: fc.option(fc.constantFrom("lite", "core", "premium"), { nil: null, freq: 3 }),
  }),
  { maxLength: 16 },
);

/** The domain's fold of the ledgers: (msp, organization, period) -> summary. */
function fold(ledgers: readonly (readonly LedgerEntry[])[]): Map<string, PeriodSummary> {
  const summaries = new Map<string, PeriodSummary>();
  ledgers.forEach((entries, n) => {
    for (const e of entries) {
      const key = `m${n}|${e.organizationId}|${periodOf(e.occurredAt)}`;
      summaries.set(key, addToSummary(summaries.get(key) ?? EMPTY_SUMMARY, e));
    }
  });
  return summaries;
}

const keyed = <T>(value: T | null, key: string | null) =>
  value === null ? null : { value, key: key! };

Deno.test("migration 002: over 500 random ledgers written under 001, the summaries it backfills are the domain's fold", async () => {
  const seed = propertySeed();
  const db = await testDatabase();
  const dir = await Deno.makeTempDir({ prefix: "psa_sync_migration_001_" });
  try {
    await Deno.copyFile(new URL("001_initial.sql", MIGRATIONS_DIR), `${dir}/001_initial.sql`);
    await migrate(db.sql, { directory: new URL(`file://${dir}/`) });
    const ledgers = fc.sample(ledger, { numRuns: 500, seed }).map((drafts) =>
      drafts.map((d, i): LedgerEntry => ({
        eventId: `e${(i * 7919) % 101}-${i}`,
        organizationId: d.org,
        occurredAt: new Date(FROM + d.slot * SLOT),
        licenses: d.licenses,
        servers: d.servers,
        planId: d.planId,
      }))
    );
    const rows = ledgers.flatMap((entries, n) =>
      entries.map((e) => ({
        msp_id: `m${n}`,
        event_id: e.eventId,
        organization_id: e.organizationId,
        occurred_at: e.occurredAt.toISOString(),
        licenses: e.licenses,
        servers: e.servers,
        plan_id: e.planId,
      }))
    );
    await db.sql`
      INSERT INTO usage_ledger (msp_id, event_id, organization_id, occurred_at, licenses, servers,
        plan_id)
      SELECT * FROM jsonb_to_recordset(${db.sql.json(rows)}::jsonb) AS t(msp_id text,
        event_id text, organization_id text, occurred_at timestamptz, licenses integer,
        servers integer, plan_id text)`;
    const { applied } = await migrate(db.sql);
    assert.ok(applied.includes("002_period_summaries.sql"), `applied: ${applied.join(", ")}`);

    const stored = new Map<string, PeriodSummary>();
    for (const r of await db.sql`SELECT * FROM period_summaries`) {
      stored.set(`${r.msp_id}|${r.organization_id}|${r.period as Period}`, {
        hasUsage: r.has_usage,
        maxLicenses: r.max_licenses,
        maxServers: r.max_servers,
        plans: r.plans,
        lastLicenses: keyed(r.last_licenses, r.last_licenses_key),
        lastServers: keyed(r.last_servers, r.last_servers_key),
        lastPlan: keyed(r.last_plan, r.last_plan_key),
      });
    }
    const expected = fold(ledgers);
    assert.deepEqual([...stored.keys()].sort(), [...expected.keys()].sort(), `seed ${seed}`);
    for (const [key, summary] of expected) {
      assert.deepEqual(
        stored.get(key),
        summary,
        `${key}, seed ${seed} (rerun with PROPERTY_SEED=${seed})`,
      );
    }
    console.log(
      `migration 002 (${db.kind}): ${ledgers.length} ledgers, ${rows.length} entries, seed ${seed}`,
    );
  } finally {
    await db.close();
    await Deno.remove(dir, { recursive: true });
  }
});
