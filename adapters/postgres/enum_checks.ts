import type postgres from "postgres";
import { AUDIT_ACTIONS } from "../../application/ports/audit_log.ts";
import { EVENT_TYPES } from "../../application/ports/outbox.ts";
import { LICENSE_TYPES } from "../../domain/organization.ts";
import { PRODUCT_KINDS } from "../../domain/product_mapping.ts";
import { SYNC_STATUSES } from "../../domain/sync_line.ts";

/** A column whose values come from one TypeScript list. */
interface EnumCheck {
  readonly table: string;
  readonly column: string;
  readonly values: readonly string[];
}

/** Fed from the lists of the HTTP schemas and the row parsers: a value is declared once. */
export const ENUM_CHECKS: readonly EnumCheck[] = [
  { table: "audit_log", column: "action", values: AUDIT_ACTIONS },
  { table: "organizations", column: "license_type", values: LICENSE_TYPES },
  { table: "outbox", column: "type", values: EVENT_TYPES },
  { table: "sync_lines", column: "kind", values: PRODUCT_KINDS },
  { table: "sync_lines", column: "status", values: SYNC_STATUSES },
];

/** Under the migration lock; unchanged lists (in `enum_checks`) alter nothing, lock nothing. */
export async function syncEnumChecks(conn: postgres.ReservedSql): Promise<string[]> {
  await conn`
    CREATE TABLE IF NOT EXISTS enum_checks (name text PRIMARY KEY, allowed text[] NOT NULL)`;
  const rows = await conn`SELECT name, allowed FROM enum_checks`;
  const known = new Map(rows.map((r) => [String(r.name), (r.allowed as string[]).join("\n")]));
  const changed: string[] = [];
  for (const check of ENUM_CHECKS) {
    const name = `${check.table}_${check.column}_check`;
    if (known.get(name) === check.values.join("\n")) continue;
    const [table] = await conn`SELECT to_regclass(${check.table}) IS NOT NULL AS present`;
    if (!table.present) continue; // a schema without the table (a test's own migrations)
    // DDL takes no bind parameters: the names and values are our own constants, quoted anyway.
    const list = check.values.map((value) => `'${value.replaceAll("'", "''")}'`).join(", ");
    await conn.unsafe("BEGIN");
    try {
      await conn.unsafe(`ALTER TABLE ${check.table} DROP CONSTRAINT IF EXISTS ${name}`);
      await conn.unsafe(
        `ALTER TABLE ${check.table} ADD CONSTRAINT ${name} CHECK (${check.column} IN (${list}))`,
      );
      await conn`
        INSERT INTO enum_checks (name, allowed) VALUES (${name}, ${[...check.values]}::text[])
        ON CONFLICT (name) DO UPDATE SET allowed = excluded.allowed`;
      await conn.unsafe("COMMIT");
    } catch (error) {
      await conn.unsafe("ROLLBACK").catch(() => undefined);
      throw error;
    }
    changed.push(name);
  }
  return changed;
}
