import assert from "node:assert/strict";
import { configure, type LogRecord, reset } from "@logtape/logtape";
import postgres from "postgres";
import { openDatabase } from "../../../adapters/postgres/database.ts";

/** Captures what the `psa-sync` loggers write during `body`. */
async function logsOf(body: () => Promise<void>): Promise<string> {
  const records: LogRecord[] = [];
  await configure({
    reset: true,
    sinks: { memory: (record) => records.push(record) },
    loggers: [
      { category: ["psa-sync"], lowestLevel: "debug", sinks: ["memory"] },
      { category: ["logtape", "meta"], lowestLevel: "warning", sinks: ["memory"] },
    ],
  });
  try {
    await body();
  } finally {
    await reset();
  }
  // Each message with its values in place, plus the properties (where a secret could hide too).
  return records.map((r) =>
    r.message.map((part, i) => i % 2 ? JSON.stringify(part) : part).join("") +
    ` ${JSON.stringify(r.properties)}`
  ).join("\n");
}

async function tableNames(sql: postgres.Sql): Promise<string[]> {
  const rows = await sql`
    SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename`;
  return rows.map((r) => String(r.tablename));
}

Deno.test("openDatabase: without a URL, the embedded database under dataDir", async () => {
  const dataDir = await Deno.makeTempDir({ prefix: "psa_sync_data_" });
  try {
    const first = await logsOf(async () => {
      const db = await openDatabase({ dataDir });
      try {
        assert.equal(db.kind, "embedded");
        assert.ok((await tableNames(db.sql)).includes("usage_ledger"));
        await db.sql`INSERT INTO plans VALUES ('core', 'Core', 2, true)`;
        // A second process on the same files is refused, not let in to corrupt them.
        await assert.rejects(openDatabase({ dataDir }), /another process is using it/);
      } finally {
        await db.close();
      }
    });
    assert.match(first, /embedded PGlite/);
    assert.match(first, /Applied migrations/);

    const second = await logsOf(async () => {
      const db = await openDatabase({ dataDir });
      try {
        const [plan] = await db.sql`SELECT name FROM plans WHERE id = 'core'`;
        assert.equal(plan.name, "Core");
      } finally {
        await db.close();
      }
    });
    assert.doesNotMatch(second, /Applied migrations/);
  } finally {
    await Deno.remove(dataDir, { recursive: true });
  }
});

const databaseUrl = Deno.env.get("DATABASE_URL");

if (!databaseUrl) {
  console.log("database_test.ts: skipping the URL case, it needs DATABASE_URL (a Postgres server)");
}
Deno.test({
  name: "openDatabase: with a URL, that Postgres, logged without its password",
  ignore: !databaseUrl,
  fn: async () => {
    const admin = postgres(databaseUrl!, { max: 1, onnotice: () => {} });
    const schema = `test_open_${crypto.randomUUID().slice(0, 8)}`;
    await admin`CREATE SCHEMA ${admin(schema)}`;
    const url = new URL(databaseUrl!);
    // Trust and peer authentication ignore a password; any other keeps the real one.
    if (!url.password) url.password = "not-logged-s3cret";
    url.searchParams.set("search_path", schema);
    try {
      const logs = await logsOf(async () => {
        const db = await openDatabase({ databaseUrl: url.href, dataDir: "./unused" });
        try {
          assert.equal(db.kind, "postgres");
          assert.ok((await tableNames(db.sql)).includes("sync_queue"));
        } finally {
          await db.close();
        }
      });
      assert.match(logs, /PostgreSQL at "postgres(ql)?:\/\//);
      assert.ok(!logs.includes(decodeURIComponent(url.password)), "the password was logged");
    } finally {
      await admin`DROP SCHEMA ${admin(schema)} CASCADE`;
      await admin.end();
    }
  },
});
