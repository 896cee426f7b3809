// The dependency rules of STYLE.md and docs/architecture.md, over domain/, application/,
// adapters/ and main.ts (imports of types included):
// - domain/ imports only domain/; application/ imports only domain/ and application/ (no
//   adapter, no npm package);
// - an adapter (a folder under adapters/) imports no other adapter; only the composition root
//   (adapters/composition_root.ts) puts them together, and a tool reaches them through it;
// - no import cycle between files, and none between folders (a folder depends on another when
//   one of its files imports one of the other's).
// Exits 1 and names every offence. Usage: deno run --allow-read .ci/check_deps.ts [root]

const IMPORT =
  /(?:import|export)\s[^'"]*?from\s+["']([^"']+)["']|import\s*\(\s*["']([^"']+)["']\s*\)|^import\s+["']([^"']+)["']/gm;
const COMPOSITION_ROOT = "adapters/composition_root.ts";
const LAYERS = ["domain", "application", "adapters"];

const root = (Deno.args[0] ?? new URL("..", import.meta.url).pathname).replace(/\/$/, "");

function* sourceFiles(dir: string): Generator<string> {
  let entries: Deno.DirEntry[];
  try {
    entries = [...Deno.readDirSync(`${root}/${dir}`)];
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return;
    throw error;
  }
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory) yield* sourceFiles(path);
    else if (/\.tsx?$/.test(entry.name)) yield path;
  }
}

function resolve(from: string, specifier: string): string {
  if (!specifier.startsWith(".")) return specifier;
  const parts = from.split("/").slice(0, -1);
  for (const part of specifier.split("/")) {
    if (part === "..") parts.pop();
    else if (part !== ".") parts.push(part);
  }
  return parts.join("/");
}

const folderOf = (file: string) => file.split("/").slice(0, -1).join("/") || ".";
const adapterOf = (file: string) => file.startsWith("adapters/") ? file.split("/")[1] : null;

/** Each file's imports of other source files (npm and node: specifiers kept apart). */
interface Imports {
  /** Source files imported, resolved from the root. */
  files: string[];
  /** Every specifier as written (files relative, packages as named). */
  specifiers: string[];
}

function importGraph(): Map<string, Imports> {
  const files = [...LAYERS.flatMap((layer) => [...sourceFiles(layer)])];
  try {
    Deno.statSync(`${root}/main.ts`);
    files.push("main.ts");
  } catch { /* a tree without an entry point (the check's own tests) */ }
  const graph = new Map<string, Imports>();
  for (const file of files) {
    const text = Deno.readTextFileSync(`${root}/${file}`);
    const imports: Imports = { files: [], specifiers: [] };
    for (const match of text.matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2] ?? match[3];
      imports.specifiers.push(specifier);
      if (specifier.startsWith(".")) imports.files.push(resolve(file, specifier));
    }
    graph.set(file, imports);
  }
  return graph;
}

/** The strongly connected parts of more than one node (Tarjan), each as a list. */
function cycles(edges: Map<string, Set<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const visit = (node: string) => {
    index.set(node, next);
    low.set(node, next++);
    stack.push(node);
    onStack.add(node);
    for (const to of edges.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) low.set(node, Math.min(low.get(node)!, index.get(to)!));
    }
    if (low.get(node) === index.get(node)) {
      const part: string[] = [];
      let top: string;
      do {
        top = stack.pop()!;
        onStack.delete(top);
        part.push(top);
      } while (top !== node);
      if (part.length > 1) found.push(part.sort());
    }
  };
  for (const node of [...edges.keys()].sort()) if (!index.has(node)) visit(node);
  return found;
}

/** One path around a cycle, for the message: a -> b -> ... -> a. */
function loopThrough(part: readonly string[], edges: Map<string, Set<string>>): string {
  const members = new Set(part);
  const start = part[0];
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const to of edges.get(node) ?? []) {
      if (!members.has(to)) continue;
      if (to === start) {
        const path = [start];
        for (let at = node; at !== start; at = previous.get(at)!) path.splice(1, 0, at);
        return [...path, start].join(" -> ");
      }
      if (!previous.has(to)) {
        previous.set(to, node);
        queue.push(to);
      }
    }
  }
  return part.join(", ");
}

/** The rest of a cycle's members, when there are more than its loop shows. */
const others = (part: readonly string[]) =>
  part.length > 2 ? ` (the cycle holds ${part.join(", ")})` : "";

const graph = importGraph();
const problems: string[] = [];

const allowed: Record<string, string[]> = {
  domain: ["domain/"],
  application: ["domain/", "application/"],
};
for (const [file, imports] of graph) {
  const layer = file.split("/")[0];
  const may = allowed[layer];
  if (may) {
    for (const specifier of imports.specifiers) {
      const target = resolve(file, specifier);
      if (!may.some((prefix) => target.startsWith(prefix))) {
        problems.push(
          `${file}: imports "${specifier}" (${layer}/ may import only ${may.join(", ")})`,
        );
      }
    }
  }
  const adapter = adapterOf(file);
  if (adapter && file !== COMPOSITION_ROOT) {
    for (const target of imports.files) {
      const other = adapterOf(target);
      if (other && other !== adapter && target !== COMPOSITION_ROOT) {
        problems.push(
          `${file}: imports ${target} (an adapter imports no other adapter; ${COMPOSITION_ROOT} puts them together)`,
        );
      }
    }
  }
}

const fileEdges = new Map<string, Set<string>>();
const folderEdges = new Map<string, Set<string>>();
for (const [file, imports] of graph) {
  fileEdges.set(file, new Set(imports.files.filter((t) => graph.has(t))));
  const from = folderOf(file);
  if (!folderEdges.has(from)) folderEdges.set(from, new Set());
  for (const target of imports.files) {
    const to = folderOf(target);
    if (graph.has(target) && to !== from) folderEdges.get(from)!.add(to);
  }
}
for (const part of cycles(fileEdges)) {
  problems.push(`import cycle between files: ${loopThrough(part, fileEdges)}${others(part)}`);
}
for (const part of cycles(folderEdges)) {
  problems.push(`import cycle between folders: ${loopThrough(part, folderEdges)}${others(part)}`);
}

if (problems.length > 0) {
  console.error(`Dependency rules broken:\n${problems.join("\n")}`);
  Deno.exit(1);
}
console.log(
  `Dependency rules hold over ${graph.size} files in ${folderEdges.size} folders: domain/ -> domain/; ` +
    `application/ -> domain/, application/; no adapter imports another but ${COMPOSITION_ROOT}; ` +
    `no import cycle between files or folders`,
);
