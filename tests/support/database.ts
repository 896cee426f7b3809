import postgres from "postgres";
import { startEmbedded } from "../../adapters/postgres/embedded.ts";
import { copyEmbeddedTemplate } from "./embedded_template.ts";
import { realTimer, type StartTimer } from "./timers.ts";

/** Which database a test file got. */
export type TestDatabaseKind = "postgres" | "testcontainers" | "embedded";

/** A fresh, empty (not migrated) database of one test file. */
export interface TestDatabase {
  readonly kind: TestDatabaseKind;
  readonly sql: postgres.Sql;
  /**
   * Another, independent client on the same database (a second process, in
   * effect, or the service's ingest connection with `max: 1`); null on the
   * embedded database, which serves one connection.
   */
  readonly connect: ((options?: { max?: number }) => postgres.Sql) | null;
  /** Ends every client and drops what the database was made of. */
  close(): Promise<void>;
}

const quiet = { onnotice: () => {} };
/** Set once the choice was logged; the environment is shared by every test file of a run. */
const ANNOUNCED = "PSA_SYNC_TEST_DATABASE_ANNOUNCED";

/**
 * A fresh database for one test file: a new schema on DATABASE_URL when it is
 * set (dropped on close); otherwise a testcontainers Postgres when a Docker
 * engine answers; otherwise the embedded PGlite in a temporary directory.
 */
export async function testDatabase(): Promise<TestDatabase> {
  const url = Deno.env.get("DATABASE_URL");
  if (url) return announce(await schemaOn(url, "postgres"), "postgres (DATABASE_URL)");
  if (await dockerAnswers()) return announce(await container(), "testcontainers");
  return announce(await embedded(), "embedded PGlite");
}

function announce(db: TestDatabase, label: string): TestDatabase {
  if (!Deno.env.get(ANNOUNCED)) console.log(`database for tests: ${label}`);
  Deno.env.set(ANNOUNCED, label);
  return db;
}

/** A schema of its own on a shared server: clients see only it through search_path. */
async function schemaOn(url: string, kind: TestDatabaseKind): Promise<TestDatabase> {
  const admin = postgres(url, { ...quiet, max: 1 });
  const schema = `test_${crypto.randomUUID().replaceAll("-", "").slice(0, 16)}`;
  await admin`CREATE SCHEMA ${admin(schema)}`;
  const clients: postgres.Sql[] = [];
  const connect = (options: { max?: number } = {}) => {
    const sql = postgres(url, { ...quiet, ...options, connection: { search_path: schema } });
    clients.push(sql);
    return sql;
  };
  return {
    kind,
    sql: connect(),
    connect,
    close: async () => {
      await Promise.all(clients.map((c) => c.end({ timeout: 5 })));
      await admin`DROP SCHEMA ${admin(schema)} CASCADE`;
      await admin.end({ timeout: 5 });
    },
  };
}

async function container(): Promise<TestDatabase> {
  // Loaded only when Docker answers: the module and its dependencies are large.
  const { PostgreSqlContainer } = await import("@testcontainers/postgresql");
  const started = await new PostgreSqlContainer("postgres:15-alpine").start();
  const db = await schemaOn(started.getConnectionUri(), "testcontainers");
  return {
    ...db,
    close: async () => {
      await db.close();
      await started.stop();
    },
  };
}

async function embedded(): Promise<TestDatabase> {
  const dir = await Deno.makeTempDir({ prefix: "psa_sync_test_" });
  await copyEmbeddedTemplate(dir);
  const db = await startEmbedded(dir);
  return {
    kind: "embedded",
    sql: db.sql,
    connect: null,
    close: async () => {
      await db.close();
      await Deno.remove(dir, { recursive: true });
    },
  };
}

/** How long an engine may take to answer the ping. */
export const DOCKER_PING_MS = 2_000;

/**
 * Whether a Docker engine answers `GET /_ping` at `host` (DOCKER_HOST or the
 * default socket) before a timer of DOCKER_PING_MS fires; a missing socket or
 * a refused connection answers at once.
 */
export async function dockerAnswers(
  host = Deno.env.get("DOCKER_HOST") ?? "unix:///var/run/docker.sock",
  startTimer: StartTimer = realTimer,
): Promise<boolean> {
  let open: Deno.Conn | undefined;
  let settled = false;
  const ping = async () => {
    const conn = await dial(host);
    if (!conn || settled) {
      closeQuietly(conn);
      return false;
    }
    open = conn;
    try {
      await conn.write(new TextEncoder().encode("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n"));
      const buffer = new Uint8Array(64);
      const n = await conn.read(buffer);
      return n !== null &&
        /^HTTP\/1\.[01] 200/.test(new TextDecoder().decode(buffer.subarray(0, n)));
    } finally {
      closeQuietly(conn);
    }
  };
  const timer = startTimer(DOCKER_PING_MS);
  try {
    return await Promise.race([ping().catch(() => false), timer.fired.then(() => false)]);
  } finally {
    // A late connection is closed here, which also ends a read still waiting.
    settled = true;
    timer.cancel();
    closeQuietly(open);
  }
}

function closeQuietly(conn: Deno.Conn | undefined): void {
  try {
    conn?.close();
  } catch {
    // closed already
  }
}

function dial(host: string): Promise<Deno.Conn | undefined> {
  const url = new URL(host);
  if (url.protocol === "unix:") return Deno.connect({ transport: "unix", path: url.pathname });
  if (url.protocol === "tcp:") {
    return Deno.connect({ hostname: url.hostname, port: Number(url.port || 2375) });
  }
  return Promise.resolve(undefined);
}
