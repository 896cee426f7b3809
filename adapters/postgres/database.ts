import { getLogger } from "@logtape/logtape";
import postgres from "postgres";
import { startEmbedded } from "./embedded.ts";
import { migrate } from "./migrate.ts";

const log = getLogger(["psa-sync", "db"]);

/**
 * postgres.js waits up to 20 s between reconnection attempts by default: capped at 1 s the service
 * is back within seconds of the database; a request waits at most 5 s before its 503.
 */
const RECONNECT = {
  backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 1),
  connect_timeout: 5,
};

export interface Database {
  readonly sql: postgres.Sql;
  /** One connection for usage reports, pipelined (`PIPELINED_REPORT_BATCH`); not when embedded. */
  readonly ingest?: postgres.Sql;
  /** `postgres` for DATABASE_URL, `embedded` for PGlite under the data directory. */
  readonly kind: "postgres" | "embedded";
  close(): Promise<void>;
}

/** Migrated; without `databaseUrl`, PGlite under `dataDir`. Logs which one, never the password. */
export async function openDatabase(
  config: { databaseUrl?: string | null; dataDir: string },
): Promise<Database> {
  const onnotice = (notice: postgres.Notice) =>
    log.debug("Database notice: {message}", { message: notice.message });
  let database: Database;
  if (config.databaseUrl) {
    const sql = postgres(config.databaseUrl, { onnotice, ...RECONNECT });
    const ingest = postgres(config.databaseUrl, { onnotice, ...RECONNECT, max: 1 });
    database = {
      sql,
      ingest,
      kind: "postgres",
      close: async () => {
        await Promise.all([sql.end({ timeout: 5 }), ingest.end({ timeout: 5 })]);
      },
    };
    log.info("Database: PostgreSQL at {location}", { location: describeUrl(config.databaseUrl) });
  } else {
    const embedded = await startEmbedded(config.dataDir, { onnotice });
    database = { sql: embedded.sql, kind: "embedded", close: embedded.close };
    log.info("Database: embedded PGlite with its data in {dataDir} (served on {address})", {
      dataDir: config.dataDir,
      address: embedded.address,
    });
  }
  try {
    await migrate(database.sql);
  } catch (error) {
    await database.close().catch(() => undefined);
    throw error;
  }
  return database;
}

/** Host, port and database of a URL; user name kept, password and query left out. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    const user = u.username ? `${decodeURIComponent(u.username)}@` : "";
    return `${u.protocol}//${user}${u.host}${u.pathname}`;
  } catch {
    return "(a DATABASE_URL that is not a valid URL)";
  }
}
