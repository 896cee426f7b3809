import { dirname, join, normalize, relative } from "node:path";
import { anchors, links } from "./markdown.ts";

const SKIPPED_DIRECTORIES = new Set([".git", "node_modules", "data"]);

/** Every Markdown file under `root`, as paths relative to it, sorted. */
export function markdownFiles(root: string, under = ""): string[] {
  const files: string[] = [];
  for (const entry of Deno.readDirSync(join(root, under))) {
    const path = join(under, entry.name);
    if (entry.isDirectory && !SKIPPED_DIRECTORIES.has(entry.name)) {
      files.push(...markdownFiles(root, path));
    } else if (entry.isFile && entry.name.endsWith(".md")) files.push(path);
  }
  return files.sort();
}

function exists(path: string): boolean {
  try {
    Deno.statSync(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * What is wrong with one link of `file` (relative to `root`), or null. A link
 * may only point inside the repository (no scheme, no escape with `..`), to a
 * file that exists, and to an anchor its Markdown target has.
 */
export function linkProblem(
  root: string,
  file: string,
  target: string,
  read: (path: string) => string = (path) => Deno.readTextFileSync(path),
): string | null {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith("//")) {
    return "points outside the repository";
  }
  const hash = target.indexOf("#");
  const pathPart = decodeURIComponent(hash < 0 ? target : target.slice(0, hash));
  const anchor = hash < 0 ? null : decodeURIComponent(target.slice(hash + 1));
  const absolute = pathPart === ""
    ? join(root, file)
    : pathPart.startsWith("/")
    ? join(root, pathPart)
    : normalize(join(root, dirname(file), pathPart));
  const inside = relative(root, absolute);
  if (inside.startsWith("..")) return "points outside the repository";
  if (!exists(absolute)) return `${inside} does not exist`;
  if (anchor === null) return null;
  if (!absolute.endsWith(".md")) return `${inside} has no anchors to link to`;
  return anchors(read(absolute)).has(anchor) ? null : `${inside} has no anchor #${anchor}`;
}

/** Every broken link of every Markdown file under `root`, as `file:line target: why`. */
export function brokenLinks(root: string): string[] {
  const problems: string[] = [];
  for (const file of markdownFiles(root)) {
    for (const link of links(Deno.readTextFileSync(join(root, file)))) {
      const why = linkProblem(root, file, link.target);
      if (why) problems.push(`${file}:${link.line} ${link.target}: ${why}`);
    }
  }
  return problems;
}
