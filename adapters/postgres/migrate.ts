import { getLogger } from "@logtape/logtape";
import type postgres from "postgres";
import { syncEnumChecks } from "./enum_checks.ts";

const log = getLogger(["psa-sync", "db"]);

export const MIGRATIONS_DIR: URL = new URL("./migrations/", import.meta.url);

/**
 * First half of the advisory lock key (the second is the hash of the schema name, so test schemas
 * on one server do not wait on each other).
 */
export const MIGRATION_LOCK = 0x5053_4153; // "PSAS"

/** One numbered migration file. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly text: string;
}

/**
 * Each in its own transaction, in number order; an advisory lock keeps concurrent starters apart,
 * so a second start applies nothing. Answers the files it applied.
 */
export async function migrate(
  sql: postgres.Sql,
  options: { directory?: URL } = {},
): Promise<{ applied: string[] }> {
  const migrations = await readMigrations(options.directory ?? MIGRATIONS_DIR);
  // A reserved connection: the advisory lock belongs to a session, and with a pool of one (the
  // embedded database) it also queues a concurrent caller.
  const conn = await sql.reserve();
  try {
    await conn`SELECT pg_advisory_lock(${MIGRATION_LOCK}, hashtext(coalesce(current_schema(), '')))`;
    try {
      const applied = await applyPending(conn, migrations);
      const checks = await syncEnumChecks(conn);
      if (checks.length > 0) log.info("Updated enum checks {checks}", { checks });
      return { applied };
    } finally {
      await conn`
        SELECT pg_advisory_unlock(${MIGRATION_LOCK}, hashtext(coalesce(current_schema(), '')))`;
    }
  } finally {
    conn.release();
  }
}

/** Refuses badly named files and duplicate numbers. */
export async function readMigrations(directory: URL): Promise<Migration[]> {
  const migrations: Migration[] = [];
  for await (const entry of Deno.readDir(directory)) {
    if (!entry.isFile || !entry.name.endsWith(".sql")) continue;
    const match = /^(\d+)_[a-z0-9_]+\.sql$/.exec(entry.name);
    if (!match) {
      throw new Error(
        `Cannot read migration "${entry.name}": expected a name like 001_initial.sql`,
      );
    }
    const text = await Deno.readTextFile(new URL(entry.name, directory));
    migrations.push({ version: Number(match[1]), name: entry.name, text });
  }
  migrations.sort((a, b) => a.version - b.version);
  for (let i = 1; i < migrations.length; i++) {
    if (migrations[i].version === migrations[i - 1].version) {
      throw new Error(
        `Cannot order migrations "${migrations[i - 1].name}" and "${
          migrations[i].name
        }": same number`,
      );
    }
  }
  return migrations;
}

async function applyPending(conn: postgres.ReservedSql, migrations: Migration[]) {
  await conn`
    CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`;
  const rows = await conn`SELECT version, name, checksum FROM schema_migrations`;
  const known = new Map(rows.map((r) => [Number(r.version), String(r.checksum)]));
  const applied: string[] = [];
  for (const migration of migrations) {
    const checksum = await sha256(migration.text);
    const recorded = known.get(migration.version);
    if (recorded !== undefined) {
      if (recorded !== checksum) {
        log.warn("Migration {name} was edited after it was applied; add a new one instead", {
          name: migration.name,
        });
      }
      continue;
    }
    if (await applyOne(conn, migration, checksum)) applied.push(migration.name);
  }
  if (applied.length > 0) log.info("Applied migrations {applied}", { applied });
  else log.debug("Database schema is up to date");
  return applied;
}

/** One migration and its record commit together; false when someone recorded it first. */
async function applyOne(conn: postgres.ReservedSql, m: Migration, checksum: string) {
  await conn.unsafe("BEGIN");
  try {
    const fresh = await conn`
      INSERT INTO schema_migrations (version, name, checksum)
      VALUES (${m.version}, ${m.name}, ${checksum})
      ON CONFLICT (version) DO NOTHING
      RETURNING version`;
    if (fresh.length === 0) {
      await conn.unsafe("ROLLBACK");
      return false;
    }
    await conn.unsafe(m.text);
    await conn.unsafe("COMMIT");
    return true;
  } catch (error) {
    await conn.unsafe("ROLLBACK").catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Migration ${m.name} failed: ${reason}`, { cause: error });
  }
}

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}
