// The service's deno.json holds only what the service loads, so `deno task start` installs only
// that; tests/deno.json adds the test-only packages (tests run with `--config tests/deno.json`).
// Both are pinned and locked, and the service's packages resolve the same in both locks.
import assert from "node:assert/strict";
import { join } from "node:path";

const root = new URL("../../", import.meta.url).pathname;
type Config = { imports: Record<string, string> };
type Lock = { npm: Record<string, { dependencies?: string[] }> };
const json = <T>(path: string): T => JSON.parse(Deno.readTextFileSync(join(root, path)));
const service = json<Config>("deno.json");
const tests = json<Config>("tests/deno.json");

function sourceFiles(dir: string): string[] {
  return [...Deno.readDirSync(join(root, dir))].flatMap((e) =>
    e.isDirectory
      ? sourceFiles(join(dir, e.name))
      : /\.tsx?$/.test(e.name)
      ? [join(dir, e.name)]
      : []
  );
}
const serviceSource = [
  ...["domain", "application", "adapters"].flatMap(sourceFiles),
  "main.ts",
]
  .map((file) => Deno.readTextFileSync(join(root, file))).join("\n");

/** Whether the service's code loads `name` (an import, or `import.meta.resolve`). */
function loaded(name: string): boolean {
  const quoted = name.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&").replace(
    /\\\/$/,
    "",
  );
  return new RegExp(`(from |import\\(|resolve\\()\\s*"${quoted}(/[^"]*)?"`)
    .test(serviceSource);
}

/** Package name of a lock key such as `@hono/zod-openapi@1.6.3_hono@4.13.19`. */
const packageOf = (key: string) => key.slice(0, key.indexOf("@", 1));

Deno.test("dependencies: every package of the service's deno.json is loaded by the service, or a dependency of one", () => {
  const lock = json<Lock>("deno.lock");
  const dependedOn = new Set(
    Object.values(lock.npm).flatMap((p) => p.dependencies ?? []),
  );
  const unused = Object.keys(service.imports).filter((name) =>
    !loaded(name) && !dependedOn.has(name)
  );
  assert.deepEqual(unused, [], "move these to tests/deno.json, or drop them");
  for (const [name, target] of Object.entries(service.imports)) {
    assert.match(
      target,
      /^(npm:\/?[^@]*@?[^@]+@\d+\.\d+\.\d+\/?$|\.\/vendor\/)/,
      `${name} is pinned`,
    );
  }
});

Deno.test("dependencies: test-only packages live in tests/deno.json, and the service never imports them", () => {
  const testOnly = Object.keys(tests.imports).filter((name) => !(name in service.imports));
  assert.ok(
    testOnly.includes("testcontainers") && testOnly.includes("playwright-core"),
  );
  assert.deepEqual(testOnly.filter(loaded), []);
  const lock = json<Lock>("deno.lock");
  const installed = new Set(Object.keys(lock.npm).map(packageOf));
  assert.deepEqual(
    testOnly.filter((name) => installed.has(name)),
    [],
    "locked for the service",
  );
});

Deno.test("dependencies: tests pin the service's packages as the service does, and both locks resolve them the same", () => {
  for (const [name, target] of Object.entries(service.imports)) {
    const same = target.startsWith("./") ? `../${target.slice(2)}` : target;
    assert.equal(tests.imports[name], same, name);
  }
  const serviceLock = json<Lock>("deno.lock");
  const testsLock = json<Lock>("tests/deno.lock");
  const differing = Object.entries(serviceLock.npm)
    .filter(([key, entry]) => JSON.stringify(testsLock.npm[key]) !== JSON.stringify(entry))
    .map(([key]) => key);
  assert.deepEqual(
    differing,
    [],
    "run `deno install` and `deno install --config tests/deno.json`",
  );
});
