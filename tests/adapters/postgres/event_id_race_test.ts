import assert from "node:assert/strict";
import { recordReports, type ReportToRecord } from "../../../adapters/postgres/record_report.ts";
import type { Queryable } from "../../../adapters/postgres/rows.ts";
import { PLANS } from "../../domain/fixtures.ts";
import { withPostgres } from "../../support/store_fixture.ts";

const report = (licenses: number): ReportToRecord => ({
  mspId: "msp-a",
  entry: {
    eventId: "evt-1",
    organizationId: "o1",
    occurredAt: new Date("2026-11-20T10:00:00Z"),
    licenses,
    servers: 1,
    planId: null,
  },
  accept: true,
  notBefore: new Date("2026-11-20T10:01:00Z"),
});

/** Resolves once the backend `pid` waits for a lock (bounded: 10 s). */
async function waitsForLock(sql: Queryable, pid: number) {
  for (let i = 0; i < 200; i++) {
    const [row] = await sql`
      SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = ${pid} AND wait_event_type = 'Lock'`;
    if (row.n === 1) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`backend ${pid} never waited for a lock`);
}

// The contract suite races two reports through the store; here the race is forced inside the
// database: the second statement's snapshot does not see the first's row, its insert waits on
// the unique index until the first commits, and only then learns the eventId is taken.
Deno.test("report statement: a report racing another with its eventId waits for it and is answered reused or duplicate", async (t) => {
  await withPostgres(async ({ db, open }) => {
    if (db.connect === null) {
      console.log(
        "event_id_race_test.ts: skipped, it needs a second connection (DATABASE_URL or a Docker engine)",
      );
    }
    for (
      const [name, second, expected] of [
        ["another count: reused", 99, { outcome: "event-id-reused", differences: ["licenses"] }],
        ["the same report: duplicate", 5, { outcome: "duplicate" }],
      ] as const
    ) {
      await t.step({
        name,
        ignore: db.connect === null,
        fn: async () => {
          const { store } = await open();
          for (const plan of PLANS.values()) await store.plans.save(plan);
          await store.organizations.save("msp-a", {
            id: "o1",
            name: "One",
            planId: "core",
            licenseType: "standard",
          });
          const other = db.connect!({ max: 1 });
          const [{ pid }] = await other`SELECT pg_backend_pid() AS pid`;
          let release!: () => void;
          const released = new Promise<void>((resolve) => (release = resolve));
          let stored!: (outcome: unknown) => void;
          const firstStored = new Promise((resolve) => (stored = resolve));
          const first = db.sql.begin(async (tx) => {
            stored((await recordReports(tx, [report(5)], { wait: true }))[0]);
            await released; // the row is written, not committed
          });
          assert.deepEqual(await firstStored, { outcome: "recorded", lastFinal: null });
          const racing = recordReports(other, [report(second)], { wait: true });
          await waitsForLock(db.sql, Number(pid));
          release();
          await first;
          assert.deepEqual(await racing, [{ lastFinal: null, ...expected }]);
          const entries = await store.usage.entries("msp-a", "o1");
          assert.deepEqual(entries.map((e) => e.licenses), [5], "only the first is stored");
        },
      });
    }
  });
});
