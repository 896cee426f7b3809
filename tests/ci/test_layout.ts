// The rules of tests/'s layout (tests/README.md), as functions over a repository root, so
// tests/ci/test_layout_test.ts checks this repository and shows on small trees that each rule
// can fail.
import { basename, dirname, join, relative } from "node:path";

/** Every .ts file under `dir` (node_modules left out), as paths relative to `root`. */
export function tsFiles(root: string, dir: string): string[] {
  const found: string[] = [];
  const walk = (at: string) => {
    for (const entry of Deno.readDirSync(join(root, at))) {
      const path = join(at, entry.name);
      if (entry.isDirectory && entry.name !== "node_modules") walk(path);
      else if (entry.isFile && entry.name.endsWith(".ts")) found.push(path);
    }
  };
  walk(dir);
  return found.sort();
}

const exists = (path: string) => {
  try {
    Deno.statSync(path);
    return true;
  } catch {
    return false;
  }
};

/** tests/X/y_test.ts tests X/y.ts (or .tsx, or a migration's .sql): the file it mirrors. */
function mirrors(root: string, test: string): boolean {
  const source = test.replace(/^tests\//, "").replace(/(_property)?_test\.ts$/, "");
  return [".ts", ".tsx", ".sql"].some((ext) => exists(join(root, `${source}${ext}`)));
}

/** A runner of a shared suite: under tests/adapters/<adapter>/, importing one from tests/application/ports/. */
function runsSharedSuite(root: string, test: string): boolean {
  if (!/^tests\/adapters\/[^/]+\/[^/]+_test\.ts$/.test(test)) return false;
  return /from "\.\.\/\.\.\/application\/ports\/[a-z_]+\.ts"/.test(
    Deno.readTextFileSync(join(root, test)),
  );
}

/**
 * Test file names used more than once where that does not tell the files apart: a name may
 * repeat only when every file with it mirrors a source file or runs a shared suite.
 */
export function repeatedFileNames(root: string): string[] {
  const byName = Map.groupBy(
    tsFiles(root, "tests").filter((f) => f.endsWith("_test.ts")),
    (f) => basename(f),
  );
  return [...byName].filter(([, files]) =>
    files.length > 1 && !files.every((f) => mirrors(root, f) || runsSharedSuite(root, f))
  ).map(([name, files]) => `${name}: ${files.join(", ")}`);
}

/**
 * Tests of the layers outside their source twin: a test under tests/domain, tests/application
 * or tests/adapters sits in tests/X/ only where X/ holds files of its own (code or migrations).
 */
export function misplacedTests(root: string): string[] {
  const layers = ["domain", "application", "adapters"].filter((l) =>
    exists(join(root, "tests", l))
  );
  return layers.flatMap((layer) => tsFiles(root, join("tests", layer)))
    .filter((f) => f.endsWith("_test.ts"))
    .filter((f) => {
      const twin = join(root, relative("tests", dirname(f)));
      return !exists(twin) ||
        ![...Deno.readDirSync(twin)].some((e) => e.isFile && /\.(tsx?|sql)$/.test(e.name));
    }).sort();
}

/**
 * Shared suites (tests/application/ports/*_contract.ts and *_property.ts) that do not run on
 * both kinds of adapter: each must be imported by a runner under tests/adapters/memory/ and by
 * one under another tests/adapters/<adapter>/.
 */
export function suitesNotOnBoth(root: string): string[] {
  const suites = tsFiles(root, "tests/application/ports").filter((f) =>
    /_(contract|property)\.ts$/.test(f)
  );
  const runners = tsFiles(root, "tests/adapters").filter((f) => runsSharedSuite(root, f));
  const importers = (suite: string) =>
    runners.filter((r) => Deno.readTextFileSync(join(root, r)).includes(`/${basename(suite)}"`));
  return suites.filter((suite) => {
    const by = importers(suite);
    const memory = by.some((r) => r.startsWith("tests/adapters/memory/"));
    const real = by.some((r) => !r.startsWith("tests/adapters/memory/"));
    // A suite only other suites use (the store's cases, say) runs through them.
    const used = tsFiles(root, "tests/application/ports").some((f) =>
      f !== suite && Deno.readTextFileSync(join(root, f)).includes(`./${basename(suite)}"`)
    );
    return !(memory && real) && !used;
  });
}

/** Tests in tests/support/, which holds helpers only. */
export function testsInSupport(root: string): string[] {
  if (!exists(join(root, "tests/support"))) return [];
  return tsFiles(root, "tests/support").filter((f) => f.endsWith("_test.ts"));
}

/** The name of every `Deno.test` and step in `files` (through the lint plugin beside this file). */
export async function testNames(
  root: string,
  files: readonly string[],
): Promise<{ file: string; name: string; step: boolean }[]> {
  const config = new URL("./test_names_lint.json", import.meta.url).pathname;
  const lint = new Deno.Command(Deno.execPath(), {
    args: ["lint", "--config", config, "--json", ...files],
    cwd: root,
    stdout: "piped",
    stderr: "null",
  });
  const report = JSON.parse(new TextDecoder().decode((await lint.output()).stdout)) as {
    diagnostics: { filename: string; code: string; message: string }[];
  };
  return report.diagnostics.filter((d) => d.code.startsWith("tests/")).map((d) => ({
    file: relative(root, new URL(d.filename).pathname),
    name: d.message,
    step: d.code === "tests/step-name",
  }));
}

/**
 * Names given to more than one `Deno.test` in all of `files` (or one whose name is computed, not
 * written), and step names given twice in one file.
 */
export async function repeatedTestNames(root: string, files: readonly string[]): Promise<string[]> {
  const names = await testNames(root, files);
  const tests = Map.groupBy(names.filter((n) => !n.step), (t) => t.name);
  const steps = Map.groupBy(names.filter((n) => n.step), (t) => `${t.file} ${t.name}`);
  return [
    ...[...tests].filter(([name, found]) => found.length > 1 || name === "(computed)")
      .map(([name, found]) => `${name.replace(/^=/, "")}: ${found.map((t) => t.file).join(", ")}`),
    ...[...steps].filter(([, found]) => found.length > 1)
      .map(([, [s]]) => `step ${s.name.replace(/^=/, "")}: ${s.file}, twice`),
  ];
}
