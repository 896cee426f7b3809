// The house in numbers, for anyone to rerun (`deno task house`): source and test files per
// folder, the comment share per layer and the longest functions of the source. A function's own
// lines leave out the functions defined inside it (a factory of methods is as long as its longest
// method); a comment line holds nothing but comment. `deno task house 20` lists 20 functions a layer.
const ROOT = new URL("..", import.meta.url).pathname.replace(/\/$/, "");
const SOURCE = ["domain", "application", "adapters", "main.ts"];
const LONGEST = Number(Deno.args[0] ?? 5);

function filesPerFolder(top: string): Map<string, number> {
  const counts = new Map<string, number>();
  const walk = (dir: string) => {
    for (const entry of Deno.readDirSync(`${ROOT}/${dir}`)) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory && entry.name !== "node_modules") walk(path);
      else if (/\.tsx?$/.test(entry.name)) counts.set(dir, (counts.get(dir) ?? 0) + 1);
    }
  };
  walk(top);
  return new Map([...counts].sort(([a], [b]) => a.localeCompare(b)));
}

interface Found {
  file: string;
  line: number;
  name: string;
  start: number;
  end: number;
  lines: number;
}

interface Diagnostic {
  filename: string;
  code: string;
  message: string;
  range: { start: { line: number; bytePos: number }; end: { bytePos: number } };
}

async function measure(): Promise<Diagnostic[]> {
  const lint = new Deno.Command(Deno.execPath(), {
    args: ["lint", "--config", `${ROOT}/.ci/house_lint.json`, "--json", ...SOURCE],
    cwd: ROOT,
    stdout: "piped",
    stderr: "null",
  });
  const { stdout } = await lint.output();
  return (JSON.parse(new TextDecoder().decode(stdout)) as { diagnostics: Diagnostic[] })
    .diagnostics.map((d) => ({ ...d, filename: d.filename.replace(`file://${ROOT}/`, "") }));
}

function functions(diagnostics: readonly Diagnostic[]): Found[] {
  return diagnostics.filter((d) => d.code === "house/function-length").map((d) => {
    const cut = d.message.lastIndexOf(" ");
    return {
      file: d.filename,
      line: d.range.start.line,
      name: d.message.slice(0, cut),
      start: d.range.start.bytePos,
      end: d.range.end.bytePos,
      lines: Number(d.message.slice(cut + 1)),
    };
  });
}

/** Comment lines and non-blank lines of the files under any of `tops`. */
function commentShare(diagnostics: readonly Diagnostic[], tops: readonly string[]): number[] {
  const under = (file: string) => tops.some((t) => file === t || file.startsWith(`${t}/`));
  return diagnostics
    .filter((d) => d.code === "house/comment-lines" && under(d.filename))
    .map((d) => d.message.split(" ").slice(1).map(Number))
    .reduce(([c, n], [dc, dn]) => [c + dc, n + dn], [0, 0]);
}

/** Lines of `f` that are not in a function defined inside it. */
function ownLines(f: Found, all: readonly Found[]): number {
  const inside = all.filter((g) =>
    g !== f && g.file === f.file && g.start >= f.start && g.end <= f.end
  );
  const direct = inside.filter((g) =>
    !inside.some((h) => h !== g && h.start <= g.start && h.end >= g.end)
  );
  return f.lines - direct.reduce((n, g) => n + g.lines, 0);
}

for (const top of ["domain", "application", "adapters", "tests"]) {
  console.log(`\nFiles per folder under ${top}/:`);
  for (const [dir, n] of filesPerFolder(top)) console.log(`  ${String(n).padStart(3)}  ${dir}/`);
}
const diagnostics = await measure();
console.log("\nComment share (comment lines / non-blank lines of .ts and .tsx files):");
for (const tops of [["domain"], ["application"], ["adapters"], ["main.ts"], SOURCE]) {
  const [comment, nonBlank] = commentShare(diagnostics, tops);
  const share = (100 * comment / nonBlank).toFixed(1);
  const name = tops.length > 1 ? "all" : tops[0];
  console.log(`  ${share.padStart(5)}%  ${name.padEnd(12)} ${comment} of ${nonBlank}`);
}
const found = functions(diagnostics);
const measured = found.map((f) => ({ ...f, own: ownLines(f, found) }));
for (const layer of ["domain", "application", "adapters"]) {
  console.log(`\nLongest functions in ${layer}/ (own lines, all lines):`);
  const top = measured.filter((f) => f.file.startsWith(`${layer}/`)).sort((a, b) => b.own - a.own);
  for (const f of top.slice(0, LONGEST)) {
    console.log(
      `  ${String(f.own).padStart(3)} ${
        String(f.lines).padStart(4)
      }  ${f.name} (${f.file}:${f.line})`,
    );
  }
}
