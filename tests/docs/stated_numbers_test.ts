// Numbers the documents state that the code decides: each sentence is found and its number
// compared with the constant the service runs with, so the two cannot drift apart again.
import assert from "node:assert/strict";
import { MAX_BODY_BYTES } from "../../adapters/http/app.ts";
import { DEFAULT_SETTINGS } from "../../application/ports/deps.ts";
import { SYNC_NOW_WAIT_MS } from "../../application/push/sync_now.ts";
import { LEASE_MS } from "../../application/push/worker.ts";

const root = new URL("../../", import.meta.url).pathname;
const read = (file: string) => Deno.readTextFileSync(`${root}${file}`).replace(/\s+/g, " ");

/** [document, what, pattern with the number as its first group, the number the code has] */
const STATED: [string, string, RegExp, number][] = [
  ["docs/operations.md", "lease", /A lease lasts (\d+) seconds/, LEASE_MS / 1_000],
  [
    "README.md",
    "packages the start installs",
    /so `deno task start` installs (\d+) packages/,
    Object.keys(JSON.parse(Deno.readTextFileSync(`${root}deno.lock`)).npm).length,
  ],
  [
    "docs/integration.md",
    "coalescing",
    /A sync runs by itself about (a|\d+) seconds? after each report/,
    DEFAULT_SETTINGS.coalesceMs / 1_000,
  ],
  [
    "docs/integration.md",
    "push-now wait",
    /a push another worker has under way, waited for up to (\d+) s\b/,
    SYNC_NOW_WAIT_MS / 1_000,
  ],
  [
    "docs/errors.md",
    "body limit",
    /\| 413 \| the body is over (\d+) MiB/,
    MAX_BODY_BYTES / 2 ** 20,
  ],
];

Deno.test("docs: every number a document states for the code is the code's", async (t) => {
  for (const [file, what, pattern, expected] of STATED) {
    await t.step(`${file}: ${what}`, () => {
      const found = pattern.exec(read(file));
      assert.ok(found, `${file} states the ${what} (${pattern})`);
      const stated = found[1] === "a" ? 1 : Number(found[1]);
      assert.equal(stated, expected, `${file}: "${found[0]}"`);
    });
  }
});
