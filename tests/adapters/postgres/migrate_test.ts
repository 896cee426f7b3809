import assert from "node:assert/strict";
import type postgres from "postgres";
import {
  migrate,
  MIGRATION_LOCK,
  MIGRATIONS_DIR,
  readMigrations,
} from "../../../adapters/postgres/migrate.ts";
import { type TestDatabase, testDatabase } from "../../support/database.ts";
import { backendPid, untilBlockedBy } from "../../support/lock_waits.ts";

/** Drops and recreates the schema the client works in: a database never migrated. */
async function emptySchema(sql: postgres.Sql): Promise<void> {
  const [{ schema }] = await sql`SELECT current_schema() AS schema`;
  await sql`DROP SCHEMA ${sql(schema)} CASCADE`;
  await sql`CREATE SCHEMA ${sql(schema)}`;
}

async function recorded(sql: postgres.Sql): Promise<string[]> {
  const rows = await sql`SELECT name FROM schema_migrations ORDER BY version`;
  return rows.map((r) => String(r.name));
}

const tempDirs: string[] = [];

async function migrationDir(files: Record<string, string>): Promise<URL> {
  const dir = await Deno.makeTempDir({ prefix: "psa_sync_migrations_" });
  tempDirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    await Deno.writeTextFile(`${dir}/${name}`, text);
  }
  return new URL(`file://${dir}/`);
}

/** Two starters: independent clients where the server allows, else one pool of one. */
function starters(db: TestDatabase, count: number): postgres.Sql[] {
  return Array.from({ length: count }, () => db.connect?.() ?? db.sql);
}

Deno.test("migrations", async (t) => {
  const db = await testDatabase();
  const shipped = (await readMigrations(MIGRATIONS_DIR)).map((m) => m.name);
  try {
    await t.step("the first start applies every migration, the second none", async () => {
      await emptySchema(db.sql);
      assert.deepEqual(await migrate(db.sql), { applied: shipped });
      assert.deepEqual(await migrate(db.sql), { applied: [] });
      assert.deepEqual(await recorded(db.sql), shipped);
    });

    await t.step("starters racing at once migrate only once", async () => {
      await emptySchema(db.sql);
      const results = await Promise.all(starters(db, 4).map((sql) => migrate(sql)));
      assert.deepEqual(results.flatMap((r) => r.applied), shipped);
      assert.deepEqual(await recorded(db.sql), shipped);
    });

    if (db.connect === null) {
      console.log(
        "migrate_test.ts: skipping the lock-wait case, it needs a second connection (DATABASE_URL)",
      );
    }
    await t.step({
      name: "a start waits while another holds the migration lock",
      // PGlite is one session: an advisory lock cannot exclude itself there.
      ignore: db.connect === null,
      fn: async () => {
        await emptySchema(db.sql);
        const holder = await db.sql.reserve();
        await holder`SELECT pg_advisory_lock(${MIGRATION_LOCK}, hashtext(current_schema()))`;
        const order: string[] = [];
        const starting = migrate(starters(db, 1)[0]).finally(() => order.push("migrated"));
        const waited = await untilBlockedBy(db.sql, await backendPid(holder), {
          unless: () => order.includes("migrated"),
        });
        order.push(waited ? "waits for the lock" : "did not wait");
        const [{ table }] = await db.sql`SELECT to_regclass('schema_migrations') AS table`;
        assert.equal(table, null, "nothing applied while it waits");
        await holder`SELECT pg_advisory_unlock(${MIGRATION_LOCK}, hashtext(current_schema()))`;
        holder.release();
        order.push("lock released");
        assert.deepEqual(await starting, { applied: shipped });
        assert.deepEqual(order, ["waits for the lock", "lock released", "migrated"]);
      },
    });

    await t.step("files apply in number order, each recorded", async () => {
      await emptySchema(db.sql);
      const directory = await migrationDir({
        "010_third.sql": "INSERT INTO steps VALUES (10);",
        "002_second.sql": "INSERT INTO steps VALUES (2);",
        "001_first.sql": "CREATE TABLE steps (n integer, at serial);",
        "notes.txt": "not a migration",
      });
      const { applied } = await migrate(db.sql, { directory });
      assert.deepEqual(applied, ["001_first.sql", "002_second.sql", "010_third.sql"]);
      const rows = await db.sql`SELECT n FROM steps ORDER BY at`;
      assert.deepEqual(rows.map((r) => r.n), [2, 10]);
    });

    await t.step("a failing migration leaves nothing, and runs again next start", async () => {
      await emptySchema(db.sql);
      const directory = await migrationDir({
        "001_first.sql": "CREATE TABLE first (n integer);",
        "002_broken.sql": "CREATE TABLE half (n integer); INSERT INTO nowhere VALUES (1);",
      });
      await assert.rejects(migrate(db.sql, { directory }), /Migration 002_broken.sql failed/);
      assert.deepEqual(await recorded(db.sql), ["001_first.sql"]);
      const [{ half }] = await db.sql`SELECT to_regclass('half') AS half`;
      assert.equal(half, null);
      await Deno.writeTextFile(new URL("002_broken.sql", directory), "CREATE TABLE half (n int);");
      assert.deepEqual(await migrate(db.sql, { directory }), { applied: ["002_broken.sql"] });
    });

    await t.step("badly named or duplicate files are refused", async () => {
      const badName = await migrationDir({ "1-first.sql": "SELECT 1;" });
      await assert.rejects(readMigrations(badName), /expected a name like 001_initial.sql/);
      const twice = await migrationDir({ "001_a.sql": "SELECT 1;", "1_b.sql": "SELECT 1;" });
      await assert.rejects(readMigrations(twice), /same number/);
    });
  } finally {
    await db.close();
    for (const dir of tempDirs) await Deno.remove(dir, { recursive: true });
  }
});
