// docs/architecture.md holds the one layout map: every folder of domain/, application/ and
// adapters/ has its line, and every folder it names exists. The README keeps only a link to it.
import assert from "node:assert/strict";
import { fencedBlocks, withoutFences } from "./markdown.ts";

const root = new URL("../../", import.meta.url).pathname;
const SOURCE = ["domain", "application", "adapters"];

/** The folders the map's table names (`x/y/` in its first column), in order. */
function mappedFolders(architecture: string): string[] {
  const section = architecture.split("\n## Layout\n")[1]?.split("\n## ")[0] ?? "";
  return [...section.matchAll(/^\| `([^`]+\/)` +\|/gm)].map((m) => m[1]);
}

/** Every folder under the source layers, as `x/y/`. */
function sourceFolders(base: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    found.push(`${dir}/`);
    for (const entry of Deno.readDirSync(`${base}${dir}`)) {
      if (entry.isDirectory && entry.name !== "node_modules") walk(`${dir}/${entry.name}`);
    }
  };
  for (const top of SOURCE) walk(top);
  return found.sort();
}

function isFolder(path: string): boolean {
  try {
    return Deno.statSync(`${root}${path}`).isDirectory;
  } catch {
    return false;
  }
}

/** Source folders the map leaves out, and folders it names that are not there. */
function mapProblems(
  mapped: readonly string[],
  folders: readonly string[],
  exists: (path: string) => boolean,
): { missing: string[]; gone: string[] } {
  return {
    missing: folders.filter((f) => !mapped.includes(f)),
    gone: mapped.filter((f) => !exists(f)),
  };
}

const architecture = Deno.readTextFileSync(`${root}docs/architecture.md`);

Deno.test("layout map: every source folder has its line, and every folder named exists", () => {
  const mapped = mappedFolders(architecture);
  assert.ok(mapped.length > SOURCE.length, "docs/architecture.md has a Layout table");
  assert.deepEqual(mapProblems(mapped, sourceFolders(root), isFolder), { missing: [], gone: [] });
  assert.equal(new Set(mapped).size, mapped.length, "each folder once");
});

Deno.test("layout map: a folder left out, or one that is gone, is found", () => {
  const mapped = mappedFolders("\n## Layout\n\n| `domain/` | rules |\n| `domain/old/` | gone |\n");
  assert.deepEqual(mapped, ["domain/", "domain/old/"]);
  const problems = mapProblems(mapped, ["domain/", "domain/new/"], (f) => f !== "domain/old/");
  assert.deepEqual(problems, { missing: ["domain/new/"], gone: ["domain/old/"] });
});

Deno.test("layout map: the README links to it and keeps no layout of its own", () => {
  const readme = Deno.readTextFileSync(`${root}README.md`);
  assert.match(readme, /\]\(docs\/architecture\.md#layout\)/);
  const folderLine = /^\|? *`?(domain|application|adapters)\/[^`\s]*`? /m;
  assert.deepEqual(fencedBlocks(readme).filter((b) => folderLine.test(b.text)), []);
  assert.doesNotMatch(withoutFences(readme), folderLine);
});

Deno.test("layout map: it points to tests/README.md for where each kind of test lives", () => {
  const section = architecture.split("\n## Layout\n")[1]?.split("\n## ")[0] ?? "";
  assert.ok(Deno.statSync(`${root}tests/README.md`).isFile, "tests/README.md exists");
  assert.match(section, /\]\(\.\.\/tests\/README\.md\)/);
});
