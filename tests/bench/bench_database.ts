// The database of a benchmark: a fresh schema on a real Postgres when one is
// at hand, otherwise the embedded PGlite, opened (and migrated) the way the
// service opens its own.
import postgres from "postgres";
import { type Database, describeUrl, openDatabase } from "../../adapters/postgres/database.ts";

/** The machine's Postgres, tried when DATABASE_URL is not set. */
export const LOCAL_URL = "postgres://postgres@127.0.0.1:5432/test";

const quiet = { onnotice: () => {} };

/** What another process needs to open the same database with `openDatabase`. */
export interface DatabaseTarget {
  readonly databaseUrl: string | null;
  readonly dataDir: string;
}

/** A migrated benchmark database, dropped on close. */
export interface BenchDatabase {
  readonly database: Database;
  /** Which database it is, for the printed figures. */
  readonly label: string;
  readonly target: DatabaseTarget;
  /** Ends this process's client; the data stays (the embedded one then opens elsewhere). */
  release(): Promise<void>;
  /** Releases and drops the schema (or the embedded data directory). */
  close(): Promise<void>;
}

/**
 * A fresh schema on DATABASE_URL when set, else on the machine's Postgres at
 * LOCAL_URL when it answers, else the embedded PGlite in a temporary directory.
 */
export async function openBenchDatabase(): Promise<BenchDatabase> {
  const fromEnv = Deno.env.get("DATABASE_URL");
  if (fromEnv) return await freshSchema(fromEnv, "DATABASE_URL");
  if (await answers(LOCAL_URL)) return await freshSchema(LOCAL_URL, "the machine's Postgres");
  return await embedded();
}

async function answers(url: string): Promise<boolean> {
  const sql = postgres(url, { ...quiet, max: 1, connect_timeout: 2 });
  try {
    await sql`SELECT 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

async function freshSchema(url: string, source: string): Promise<BenchDatabase> {
  const schema = `bench_${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const admin = postgres(url, { ...quiet, max: 1 });
  await admin`CREATE SCHEMA ${admin(schema)}`;
  const target = new URL(url);
  // postgres.js sends unknown URL parameters as session settings.
  target.searchParams.set("search_path", schema);
  const databaseUrl = target.toString();
  const database = await openDatabase({ databaseUrl, dataDir: "unused" });
  const release = once(() => database.close());
  return {
    database,
    label: `postgres ${describeUrl(url)} (${source}), schema ${schema}`,
    target: { databaseUrl, dataDir: "unused" },
    release,
    close: async () => {
      await release();
      try {
        await verifyFiguresAfter({ databaseUrl, dataDir: "unused" }, `schema ${schema}`);
      } finally {
        await admin`DROP SCHEMA ${admin(schema)} CASCADE`;
        await admin.end({ timeout: 5 });
      }
    },
  };
}

async function embedded(): Promise<BenchDatabase> {
  const dataDir = await Deno.makeTempDir({ prefix: "psa_sync_bench_" });
  const database = await openDatabase({ databaseUrl: null, dataDir });
  const release = once(() => database.close());
  return {
    database,
    label: "embedded PGlite (no Postgres answered)",
    target: { databaseUrl: null, dataDir },
    release,
    close: async () => {
      await release();
      try {
        await verifyFiguresAfter({ databaseUrl: null, dataDir }, "the embedded database");
      } finally {
        await Deno.remove(dataDir, { recursive: true });
      }
    },
  };
}

/**
 * Runs `deno task figures:verify` (its script, as a process of its own) on a
 * benchmark's database before it is dropped, prints its verdict, and fails
 * the benchmark on any difference: every figure a benchmark left must equal
 * the one recomputed from the ledger.
 */
async function verifyFiguresAfter(target: DatabaseTarget, label: string): Promise<void> {
  const env: Record<string, string> = { DATA_DIR: target.dataDir };
  if (target.databaseUrl) env.DATABASE_URL = target.databaseUrl;
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-net",
      "--allow-env",
      "--allow-read",
      "--allow-write",
      "--allow-sys",
      new URL("../../adapters/cli/figures_verify.ts", import.meta.url).pathname,
    ],
    cwd: new URL("../../", import.meta.url).pathname,
    env,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(stdout).trim();
  const verdict = text.split("\n").find((line) => line.startsWith("figures:verify:")) ?? text;
  console.log(`${verdict} (after the benchmark, on ${label})`);
  if (code !== 0) {
    throw new Error(
      `figures:verify found differences (exit ${code}): ${new TextDecoder().decode(stderr)}`,
    );
  }
}

function once(step: () => Promise<void>): () => Promise<void> {
  let run: Promise<void> | undefined;
  return () => run ??= step();
}

/** A base64 ENCRYPTION_KEY of 32 random bytes. */
export function randomKey(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));
}
