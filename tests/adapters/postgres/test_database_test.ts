import assert from "node:assert/strict";
import postgres from "postgres";
import { dockerAnswers, testDatabase } from "../../support/database.ts";

/** A Unix socket that accepts and then does `reply` (or nothing) with each connection. */
async function fakeEngine(reply: string | null) {
  const dir = await Deno.makeTempDir({ prefix: "psa_sync_docker_" });
  const listener = Deno.listen({ transport: "unix", path: `${dir}/docker.sock` });
  const conns: Deno.Conn[] = [];
  const serving = (async () => {
    for await (const conn of listener) {
      conns.push(conn);
      if (reply !== null) await conn.write(new TextEncoder().encode(reply));
    }
  })();
  return {
    host: `unix://${dir}/docker.sock`,
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

Deno.test("dockerAnswers: no socket is a quick no", async () => {
  const started = performance.now();
  assert.equal(await dockerAnswers("unix:///nonexistent/docker.sock"), false);
  assert.ok(performance.now() - started < 1000);
});

Deno.test("dockerAnswers: an engine that never answers is a no after 2 s", async () => {
  const engine = await fakeEngine(null);
  try {
    const started = performance.now();
    assert.equal(await dockerAnswers(engine.host), false);
    assert.ok(performance.now() - started < 3000);
  } finally {
    await engine.close();
  }
});

Deno.test("dockerAnswers: an engine answering the ping is a yes", async () => {
  const engine = await fakeEngine("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOK");
  try {
    assert.equal(await dockerAnswers(engine.host), true);
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
