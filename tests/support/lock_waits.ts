// Seeing a backend wait for a lock from the server's own view (pg_blocking_pids), so a test
// asserts the order "it waited, then it went on" rather than a duration.
import type { Queryable } from "../../adapters/postgres/rows.ts";

/** The backend of a connection (a transaction's, say). */
export async function backendPid(sql: Queryable): Promise<number> {
  const [row] = await sql`SELECT pg_backend_pid() AS pid`;
  return Number(row.pid);
}

/**
 * Polls the server until a backend waits for a lock the backend `holder` holds: true then;
 * false when `unless()` holds first (the waiter went on instead) or after `polls` queries.
 */
export async function untilBlockedBy(
  sql: Queryable,
  holder: number,
  options: { unless?: () => boolean; polls?: number } = {},
): Promise<boolean> {
  for (let i = 0; i < (options.polls ?? 5_000); i++) {
    if (options.unless?.()) return false;
    const [row] = await sql`
      SELECT count(*)::int AS n FROM pg_stat_activity
      WHERE ${holder}::int = ANY(pg_blocking_pids(pid))`;
    if (row.n > 0) return true;
  }
  return false;
}
