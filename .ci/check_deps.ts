// The dependency rule of STYLE.md: domain/ imports only domain/; application/
// imports only domain/ and application/ (no adapter, no npm package).
// Exits 1 and names every offending import.

const IMPORT =
  /(?:import|export)\s[^'"]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

function* tsFiles(dir: string): Generator<string> {
  for (const entry of Deno.readDirSync(dir)) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory) yield* tsFiles(path);
    else if (entry.name.endsWith(".ts")) yield path;
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

const allowed: Record<string, string[]> = {
  domain: ["domain/"],
  application: ["domain/", "application/"],
};

const root = (Deno.args[0] ?? new URL("..", import.meta.url).pathname).replace(/\/$/, "");
const problems: string[] = [];
for (const [layer, may] of Object.entries(allowed)) {
  for (const file of tsFiles(`${root}/${layer}`)) {
    const relative = file.slice(root.length + 1);
    const text = Deno.readTextFileSync(file);
    for (const match of text.matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2];
      const target = resolve(relative, specifier);
      if (!may.some((prefix) => target.startsWith(prefix))) {
        problems.push(
          `${relative}: imports "${specifier}" (${layer}/ may import only ${may.join(", ")})`,
        );
      }
    }
  }
}

if (problems.length > 0) {
  console.error(`Dependency rule broken:\n${problems.join("\n")}`);
  Deno.exit(1);
}
console.log("Dependency rule holds: domain/ -> domain/; application/ -> domain/, application/");
