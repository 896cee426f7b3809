import assert from "node:assert/strict";
import postgres from "postgres";
import { DOCKER_PING_MS, dockerAnswers, testDatabase } from "../../support/database.ts";
import { handTimers, turnsUntil } from "../../support/timers.ts";

/**
 * A Unix socket that accepts, reads the request and then writes `reply` (or nothing) on each
 * connection; `pinged` resolves once a request arrived.
 */
async function fakeEngine(reply: string | null) {
  const dir = await Deno.makeTempDir({ prefix: "psa_sync_docker_" });
  const listener = Deno.listen({ transport: "unix", path: `${dir}/docker.sock` });
  const conns: Deno.Conn[] = [];
  let ping!: () => void;
  const pinged = new Promise<void>((resolve) => (ping = resolve));
  const serving = (async () => {
    for await (const conn of listener) {
      conns.push(conn);
      await conn.read(new Uint8Array(256)).catch(() => null);
      ping();
      if (reply !== null) await conn.write(new TextEncoder().encode(reply));
    }
  })();
  return {
    host: `unix://${dir}/docker.sock`,
    pinged,
    close: async () => {
      listener.close();
      await serving;
      for (const c of conns) {
        try {
          c.close();
        } catch {
          // closed by the client already
        }
      }
      await Deno.remove(dir, { recursive: true });
    },
  };
}

Deno.test("dockerAnswers: no socket is a no before its timer fires", async () => {
  const timers = handTimers();
  let answer: boolean | undefined;
  void dockerAnswers("unix:///nonexistent/docker.sock", timers.start).then((a) => (answer = a));
  assert.ok(await turnsUntil(() => answer !== undefined), "answered without the timer");
  assert.equal(answer, false);
  assert.deepEqual(timers.started, [DOCKER_PING_MS]);
  assert.equal(timers.fired(), 0);
  assert.equal(timers.cancelled(), 1, "the timer is stopped once answered");
});

Deno.test("dockerAnswers: an engine that never answers the ping is a no when the timer fires, not before", async () => {
  const engine = await fakeEngine(null);
  const timers = handTimers();
  const order: string[] = [];
  try {
    const answer = dockerAnswers(engine.host, timers.start).then((
      a,
    ) => (order.push("answered"), a));
    await engine.pinged;
    order.push("pinged");
    await turnsUntil(() => order.includes("answered"), 50);
    order.push("timer fires");
    timers.fireAll();
    assert.equal(await answer, false);
    assert.deepEqual(order, ["pinged", "timer fires", "answered"]);
    assert.deepEqual(timers.started, [DOCKER_PING_MS]);
  } finally {
    await engine.close();
  }
});

Deno.test("dockerAnswers: an engine answering the ping is a yes, and its timer never fires", async () => {
  const engine = await fakeEngine("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOK");
  const timers = handTimers();
  try {
    assert.equal(await dockerAnswers(engine.host, timers.start), true);
    assert.equal(timers.fired(), 0);
    assert.equal(timers.cancelled(), 1);
  } finally {
    await engine.close();
  }
});

const databaseUrl = Deno.env.get("DATABASE_URL");

if (!databaseUrl) {
  console.log("test_database_test.ts: skipping the schema case, it needs DATABASE_URL");
}
Deno.test({
  name: "testDatabase: on DATABASE_URL, a schema of its own, dropped on close",
  ignore: !databaseUrl,
  fn: async () => {
    const db = await testDatabase();
    assert.equal(db.kind, "postgres");
    const [{ schema }] = await db.sql`SELECT current_schema() AS schema`;
    assert.match(schema, /^test_/);
    await db.sql`CREATE TABLE mine (n integer)`;
    await db.close();
    const admin = postgres(databaseUrl!, { max: 1 });
    try {
      const rows = await admin`SELECT 1 FROM pg_namespace WHERE nspname = ${schema}`;
      assert.equal(rows.length, 0);
    } finally {
      await admin.end();
    }
  },
});
