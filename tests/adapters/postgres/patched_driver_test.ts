// The vendored postgres.js (vendor/postgres, the "postgres" import of
// deno.json) guards nextWrite: on 3.4.9 as published, a query on a reserved
// connection whose backend died schedules a write with setImmediate, and that
// write throws "Cannot read properties of null (reading 'write')" outside
// every try/catch, ending the process (porsager/postgres#1154, #1208). Here
// that query must be rejected with CONNECTION_CLOSED instead: on the
// unpatched driver this test fails with the uncaught TypeError (or, when the
// close arrives as a reset, with a query that never settles). And the query
// after a backend terminated mid-query must run, not inherit the dead
// backend's 57P01 (porsager/postgres#1215, #1223).
import assert from "node:assert/strict";
import postgres from "postgres";
import { isDatabaseUnavailable } from "../../../adapters/postgres/unavailable.ts";

const url = Deno.env.get("DATABASE_URL");
const quiet = { onnotice: () => {} };

/** The rejection code of `query`, or "settled" / "hung" when it does not reject in time. */
function outcome(query: Promise<unknown>): Promise<string> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hung = new Promise<string>((resolve) => timer = setTimeout(() => resolve("hung"), 3_000));
  const settled = query.then(
    () => "settled",
    (error) => String((error as { code?: unknown }).code),
  );
  return Promise.race([settled, hung]).finally(() => clearTimeout(timer));
}

Deno.test({
  name: "patched postgres.js: a query on a reserved connection whose backend died is rejected, " +
    "the process survives",
  ignore: !url,
  fn: async () => {
    const sql = postgres(url!, { ...quiet, max: 2 });
    const killer = postgres(url!, { ...quiet, max: 1 });
    try {
      const reserved = await sql.reserve();
      const [{ pid }] = await reserved`SELECT pg_backend_pid() AS pid`;
      await killer`SELECT pg_terminate_backend(${pid})`;
      const first = await outcome(reserved`SELECT 1`);
      assert.ok(["CONNECTION_CLOSED", "ECONNRESET", "EPIPE", "57P01"].includes(first), first);
      // The write of this query is the one scheduled after the socket is gone.
      const second = await outcome(reserved`SELECT 1`);
      assert.equal(second, "CONNECTION_CLOSED");
      const third = await outcome(reserved`SELECT 1`);
      assert.equal(third, "CONNECTION_CLOSED");
      // The pool itself still works: a new connection answers.
      const [{ answer }] = await killer`SELECT 42 AS answer`;
      assert.equal(answer, 42);
    } finally {
      await sql.end({ timeout: 1 });
      await killer.end({ timeout: 1 });
    }
  },
});

Deno.test({
  name:
    "patched postgres.js: after a backend is terminated mid-query (as on a Postgres restart), " +
    "the next query on the pool runs on a new connection instead of failing with the old 57P01",
  ignore: !url,
  fn: async () => {
    for (let round = 1; round <= 3; round++) {
      const sql = postgres(url!, { ...quiet, max: 1 });
      const killer = postgres(url!, { ...quiet, max: 1 });
      try {
        const [{ pid }] = await sql`SELECT pg_backend_pid() AS pid`;
        const sleeping = outcome(sql`SELECT pg_sleep(2)`);
        // The query is running on the backend when it is terminated: its 57P01 arrives mid-query.
        while (
          (await killer`SELECT 1 FROM pg_stat_activity WHERE pid = ${pid} AND state = 'active'`)
            .length === 0
        ) await new Promise((r) => setTimeout(r, 10));
        await killer`SELECT pg_terminate_backend(${pid})`;
        assert.ok(["CONNECTION_CLOSED", "57P01"].includes(await sleeping), `round ${round}`);
        // Published 3.4.9 rejects this one with the dead backend's 57P01 (porsager/postgres#1215).
        assert.equal(await outcome(sql`SELECT 1`), "settled", `round ${round}: the next query`);
        const [{ other }] = await sql`SELECT pg_backend_pid() <> ${pid} AS other`;
        assert.equal(other, true, `round ${round}: a new backend`);
      } finally {
        await sql.end({ timeout: 1 });
        await killer.end({ timeout: 1 });
      }
    }
  },
});

if (!url) console.log("patched postgres.js test skipped: it needs DATABASE_URL (a real server)");

Deno.test("isDatabaseUnavailable: connection failures yes, query errors no", () => {
  for (const code of ["ECONNREFUSED", "CONNECTION_CLOSED", "57P01", "57P03", "08006"]) {
    assert.equal(isDatabaseUnavailable(Object.assign(new Error("x"), { code })), true, code);
  }
  for (const code of ["23505", "40001", "42P01", "22P02", undefined]) {
    assert.equal(isDatabaseUnavailable(Object.assign(new Error("x"), { code })), false, code);
  }
  assert.equal(isDatabaseUnavailable(new Deno.errors.ConnectionRefused("down")), true);
  assert.equal(isDatabaseUnavailable("ECONNREFUSED"), false);
});
