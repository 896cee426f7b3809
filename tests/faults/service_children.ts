// main.ts as child processes for the fault suite: a database that outlives
// them (a schema of its own on DATABASE_URL, else the embedded database in
// a data directory), their environment, and calls to their API.
import assert from "node:assert/strict";
import type postgres from "postgres";
import { startEmbedded } from "../../adapters/postgres/embedded.ts";
import { testDatabase } from "../support/database.ts";
import type { FaultySite } from "./faulty_site.ts";
import { CLIENT_ID } from "./site_seed.ts";

/** A database child processes share or inherit from one another. */
export interface ChildDatabase {
  readonly kind: "postgres" | "embedded";
  /** DATABASE_URL (with the schema in `options`) or DATA_DIR. */
  readonly env: Readonly<Record<string, string>>;
  /**
   * Lets the leases of the process `pid` run out, as 60 s of waiting would.
   * On the embedded database no process may be using it.
   */
  expireLeasesOf(pid: number): Promise<number>;
  close(): Promise<void>;
}

async function expireLeases(sql: postgres.Sql, pid: number): Promise<number> {
  const expired = await sql`
    UPDATE sync_queue SET lease_until = ${new Date(Date.now() - 1_000)}
    WHERE lease_owner LIKE ${`%:${pid}:%`}`;
  return expired.count;
}

/**
 * A fresh database for child processes: a new schema on DATABASE_URL, or a
 * new data directory (a copy of `template`, a migrated one, when given: it
 * saves the embedded database's initialisation).
 */
export async function childDatabase(options: { template?: string } = {}): Promise<ChildDatabase> {
  const url = Deno.env.get("DATABASE_URL");
  if (url) {
    // testDatabase() makes a schema of its own on DATABASE_URL and drops it on close;
    // the children reach it through the search_path in the URL's `options`.
    const db = await testDatabase();
    const [{ search_path: schema }] = await db.sql`SHOW search_path`;
    const withSchema = new URL(url);
    withSchema.searchParams.set("options", `-c search_path=${schema}`);
    return {
      kind: "postgres",
      env: { DATABASE_URL: withSchema.href },
      expireLeasesOf: (pid) => expireLeases(db.sql, pid),
      close: () => db.close(),
    };
  }
  const dir = await Deno.makeTempDir({ prefix: "psa_sync_faults_" });
  if (options.template) {
    const copy = await new Deno.Command("cp", { args: ["-a", options.template, `${dir}/data`] })
      .output();
    assert.ok(copy.success, new TextDecoder().decode(copy.stderr));
  }
  return {
    kind: "embedded",
    env: { DATA_DIR: `${dir}/data` },
    async expireLeasesOf(pid) {
      const db = await startEmbedded(`${dir}/data`);
      try {
        return await expireLeases(db.sql, pid);
      } finally {
        await db.close();
      }
    },
    close: () => Deno.remove(dir, { recursive: true }),
  };
}

/** The environment of a service child reaching `sites`, at debug level so the scan sees most. */
export function childEnv(input: {
  db: Pick<ChildDatabase, "env">;
  sites: readonly Pick<FaultySite, "hostPort">[];
  apiTokens: readonly string[];
  encryptionKey: string;
}): Record<string, string> {
  const home = Deno.env.get("HOME") ?? "/tmp";
  const denoDir = Deno.env.get("DENO_DIR");
  return {
    ...input.db.env,
    API_TOKENS: input.apiTokens.join(","),
    ENCRYPTION_KEY: input.encryptionKey,
    CONNECTWISE_CLIENT_ID: CLIENT_ID,
    CONNECTWISE_HOST_ALLOWLIST: input.sites.map((s) => s.hostPort).join(","),
    CONNECTWISE_REQUESTS_PER_MINUTE: "60000",
    LOG_LEVEL: "debug",
    LOG_FORMAT: "json",
    HOME: home,
    ...(denoDir ? { DENO_DIR: denoDir } : {}),
  };
}

/** A JSON answer of the API. */
export interface Answer<T> {
  readonly status: number;
  readonly body: T;
}

/** How a client sends a request: `fetch`, or an app's `request` in-process. */
export type Send = (url: string, init: RequestInit) => Response | Promise<Response>;

/**
 * Calls the service at `baseUrl` with the bearer token (through `send`,
 * `fetch` by default); asserts the status when `expect` is given.
 */
export function apiClient(baseUrl: string, token: string, send: Send = fetch) {
  return async function call<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    expect?: number,
  ): Promise<Answer<T>> {
    const res = await send(baseUrl + path, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (expect !== undefined) assert.equal(res.status, expect, `${method} ${path}: ${text}`);
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  };
}

/** An API client. */
export type ApiCall = ReturnType<typeof apiClient>;

/**
 * An embedded data directory a service process created and migrated, then
 * left cleanly: a template for `childDatabase`. Null with DATABASE_URL.
 */
export async function migratedTemplate(
  start: (env: Record<string, string>) => Promise<{ stop(): Promise<void> }>,
  env: Record<string, string>,
): Promise<{ path: string; remove(): Promise<void> } | null> {
  if (Deno.env.get("DATABASE_URL")) return null;
  const dir = await Deno.makeTempDir({ prefix: "psa_sync_template_" });
  const service = await start({ ...env, DATA_DIR: `${dir}/data` });
  await service.stop();
  return { path: `${dir}/data`, remove: () => Deno.remove(dir, { recursive: true }) };
}
