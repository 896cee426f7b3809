import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import {
  misplacedTests,
  repeatedFileNames,
  repeatedTestNames,
  suitesNotOnBoth,
  testsInSupport,
  tsFiles,
} from "./test_layout.ts";

const ROOT = new URL("../../", import.meta.url).pathname;

/** A small repository of `files` (path: text) for the rules to judge. */
async function withTree(files: Record<string, string>, body: (root: string) => Promise<void>) {
  const root = await Deno.makeTempDir({ prefix: "layout-" });
  try {
    for (const [path, text] of Object.entries(files)) {
      await Deno.mkdir(join(root, dirname(path)), { recursive: true });
      await Deno.writeTextFile(join(root, path), text);
    }
    await body(root);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}

Deno.test("test layout: no two Deno.test registrations in tests/ share a name, nor two steps of a file", async () => {
  const files = tsFiles(ROOT, "tests");
  assert.ok(files.length > 200, `only ${files.length} files read`);
  assert.deepEqual(await repeatedTestNames(ROOT, files), []);
});

Deno.test("test layout: a test file's name repeats only where each one mirrors a source file or runs a shared suite", () => {
  assert.deepEqual(repeatedFileNames(ROOT), []);
});

Deno.test("test layout: each test of domain/, application/ and adapters/ sits in its source folder's twin", () => {
  assert.deepEqual(misplacedTests(ROOT), []);
});

Deno.test("test layout: every contract suite runs on the memory adapter and on a real one", () => {
  assert.deepEqual(suitesNotOnBoth(ROOT), []);
});

Deno.test("test layout: tests/support/ holds helpers, no tests", () => {
  assert.deepEqual(testsInSupport(ROOT), []);
});

Deno.test("test layout: each rule fails on a tree that breaks it", async () => {
  await withTree({
    "domain/plan.ts": "",
    "adapters/postgres/migrations/002_summaries.sql": "",
    "tests/adapters/postgres/migrations/002_summaries_test.ts": "",
    "tests/adapters/postgres/summaries_test.ts": "",
    "application/usage/report.ts": "",
    "tests/domain/plan_test.ts": 'Deno.test("plan: a rule", () => {});\n',
    "tests/application/plan_test.ts": 'Deno.test({ name: "plan: " + "a rule", fn() {} });\n',
    "tests/application/usage/report_test.ts": "Deno.test(`usage ${1}`, async (t) => {\n" +
      '  await t.step("a", () => {});\n  await t.step({ name: "a", fn() {} });\n});\n',
    "tests/application/ports/plans_contract.ts": "export function plansContract() {}\n",
    "tests/adapters/memory/plans_test.ts":
      'import { plansContract } from "../../application/ports/plans_contract.ts";\n',
    "tests/support/world_test.ts": "",
  }, async (root) => {
    const files = tsFiles(root, "tests");
    assert.deepEqual(await repeatedTestNames(root, files), [
      "plan: a rule: tests/application/plan_test.ts, tests/domain/plan_test.ts",
      "step a: tests/application/usage/report_test.ts, twice",
    ]);
    assert.deepEqual(repeatedFileNames(root), [
      "plan_test.ts: tests/application/plan_test.ts, tests/domain/plan_test.ts",
    ]);
    assert.deepEqual(misplacedTests(root), [
      "tests/adapters/memory/plans_test.ts",
      "tests/adapters/postgres/summaries_test.ts",
      "tests/application/plan_test.ts",
    ]);
    assert.deepEqual(suitesNotOnBoth(root), ["tests/application/ports/plans_contract.ts"]);
    assert.deepEqual(testsInSupport(root), ["tests/support/world_test.ts"]);
  });
});
