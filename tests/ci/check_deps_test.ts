import assert from "node:assert/strict";

const script = new URL("../../.ci/check_deps.ts", import.meta.url).pathname;

async function checkTree(files: Record<string, string>): Promise<{ code: number; text: string }> {
  const root = await Deno.makeTempDir({ prefix: "deps-" });
  try {
    for (
      const [path, text] of Object.entries({
        "domain/ok.ts": "",
        "application/ok.ts": "",
        ...files,
      })
    ) {
      await Deno.mkdir(`${root}/${path.split("/").slice(0, -1).join("/")}`, { recursive: true });
      await Deno.writeTextFile(`${root}/${path}`, text);
    }
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "--allow-read", script, root],
    }).output();
    const decode = (b: Uint8Array) => new TextDecoder().decode(b);
    return { code: out.code, text: decode(out.stdout) + decode(out.stderr) };
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}

Deno.test("dependency rule: domain/ importing a package or another layer fails the check", async () => {
  const result = await checkTree({
    "domain/a.ts": 'import { z } from "zod";\n',
    "domain/b.ts": 'import { x } from "../application/ok.ts";\n',
  });
  assert.equal(result.code, 1);
  assert.match(result.text, /domain\/a\.ts: imports "zod"/);
  assert.match(result.text, /domain\/b\.ts: imports "\.\.\/application\/ok\.ts"/);
});

Deno.test("dependency rule: application/ importing an adapter or an npm package fails the check", async () => {
  const result = await checkTree({
    "application/a.ts": 'import { app } from "../adapters/http/app.ts";\n',
    "application/b.ts": 'import * as v from "npm:valibot@1";\n',
    "application/c.ts": 'const m = await import("postgres");\n',
  });
  assert.equal(result.code, 1);
  for (const file of ["a", "b", "c"]) {
    assert.match(result.text, new RegExp(`application/${file}\\.ts`));
  }
});

Deno.test("dependency rule: inward imports pass", async () => {
  const result = await checkTree({
    "domain/a.ts": 'import { x } from "./ok.ts";\n',
    "application/a.ts": 'import { x } from "../domain/a.ts";\nimport { y } from "./ok.ts";\n',
  });
  assert.equal(result.code, 0, result.text);
});

Deno.test("dependency rule: an import cycle between two files fails the check, naming the loop", async () => {
  const result = await checkTree({
    "application/push/a.ts": 'import { b } from "./b.ts";\n',
    "application/push/b.ts": 'import type { a } from "./a.ts";\n',
  });
  assert.equal(result.code, 1);
  assert.match(
    result.text,
    /import cycle between files: application\/push\/a\.ts -> application\/push\/b\.ts -> application\/push\/a\.ts/,
  );
});

Deno.test("dependency rule: folders importing each other fail the check, even with no file cycle", async () => {
  const result = await checkTree({
    "application/push/a.ts": 'import { c } from "../month_end/c.ts";\n',
    "application/push/b.ts": "",
    "application/month_end/c.ts": "",
    "application/month_end/d.ts": 'import { b } from "../push/b.ts";\n',
  });
  assert.equal(result.code, 1);
  assert.doesNotMatch(result.text, /between files/);
  assert.match(
    result.text,
    /import cycle between folders: application\/month_end -> application\/push -> application\/month_end/,
  );
});

Deno.test("dependency rule: an adapter importing another fails the check; the composition root may", async () => {
  const result = await checkTree({
    "adapters/http/app.ts": 'import { store } from "../postgres/store.ts";\n',
    "adapters/postgres/store.ts": "",
    "adapters/cli/tool.ts": 'import { open } from "../composition_root.ts";\n',
    "adapters/composition_root.ts":
      'import { app } from "./http/app.ts";\nimport { store } from "./postgres/store.ts";\n',
  });
  assert.equal(result.code, 1);
  assert.match(result.text, /adapters\/http\/app\.ts: imports adapters\/postgres\/store\.ts/);
  assert.doesNotMatch(result.text, /adapters\/composition_root\.ts: imports/);
  assert.doesNotMatch(result.text, /adapters\/cli\/tool\.ts/);
});
