/** Reading Markdown the way GitHub renders it: code is not text, headings have anchors. */

/** One fenced code block: its info string (after the fence), its text and where it starts. */
export interface FencedBlock {
  readonly info: string;
  readonly text: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;

/** The fenced code blocks of a document, in order. */
export function fencedBlocks(markdown: string): FencedBlock[] {
  const blocks: FencedBlock[] = [];
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]);
    if (!open) continue;
    const [, fence, info] = open;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const close = FENCE.exec(lines[j]);
      if (
        close && close[1][0] === fence[0] && close[1].length >= fence.length && !close[2].trim()
      ) {
        break;
      }
      body.push(lines[j]);
    }
    blocks.push({ info: info.trim(), text: body.join("\n"), line: i + 1 });
    i = j;
  }
  return blocks;
}

/** The document with every fenced block's lines blanked (line numbers stay the same). */
export function withoutFences(markdown: string): string {
  const lines = markdown.split("\n");
  let fence: string | null = null;
  return lines.map((line) => {
    const match = FENCE.exec(line);
    if (fence === null && match) {
      fence = match[1];
      return "";
    }
    if (fence !== null) {
      if (
        match && match[1][0] === fence[0] && match[1].length >= fence.length && !match[2].trim()
      ) {
        fence = null;
      }
      return "";
    }
    return line;
  }).join("\n");
}

/** Heading text as GitHub reads it for the anchor: inline code, links and emphasis unwrapped. */
function headingText(raw: string): string {
  return raw
    .replace(/\s+#+\s*$/, "")
    .replace(/`([^`]*)`/g, "$1")
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\*+/g, "")
    .trim();
}

/** GitHub's anchor for a heading: lower case, punctuation but `-` and `_` dropped, spaces to `-`. */
export function slug(text: string): string {
  return headingText(text).toLowerCase().replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, "").replace(
    / /g,
    "-",
  );
}

/** Every anchor a document offers: its headings' slugs (repeats get `-1`, `-2`) and explicit ids. */
export function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  for (const line of withoutFences(markdown).split("\n")) {
    const heading = /^ {0,3}#{1,6}\s+(.*)$/.exec(line);
    if (heading) {
      const base = slug(heading[1]);
      const count = seen.get(base) ?? 0;
      seen.set(base, count + 1);
      result.add(count === 0 ? base : `${base}-${count}`);
    }
    for (const id of line.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) result.add(id[1]);
  }
  return result;
}

/** A link found in a document: its target as written and its line. */
export interface Link {
  readonly target: string;
  readonly line: number;
}

/** Inline links and images, reference definitions and autolinks outside code. */
export function links(markdown: string): Link[] {
  const found: Link[] = [];
  withoutFences(markdown).split("\n").forEach((text, i) => {
    const line = text.replace(/(`+)[^`]*?\1/g, "");
    for (const m of line.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)/g)) {
      found.push({ target: m[1], line: i + 1 });
    }
    const definition = /^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/.exec(line);
    if (definition) found.push({ target: definition[1], line: i + 1 });
    for (const m of line.matchAll(/<((?:[a-z][a-z0-9+.-]*:)[^\s>]+)>/gi)) {
      found.push({ target: m[1], line: i + 1 });
    }
  });
  return found;
}
