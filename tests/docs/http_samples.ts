import type { FencedBlock } from "./markdown.ts";

/** A request as the guide writes it. */
export interface SampleRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: [string, string][];
  readonly body: string | null;
  readonly line: number;
}

/** An answer as the guide writes it; `body` is null when none is shown. */
export interface SampleAnswer {
  readonly status: number;
  readonly headers: [string, string][];
  readonly body: unknown;
  readonly line: number;
}

/** A request and the answer shown right after it, if any. */
export interface Sample {
  readonly request: SampleRequest;
  readonly answer: SampleAnswer | null;
}

function split(block: FencedBlock) {
  const lines = block.text.split("\n");
  const blank = lines.findIndex((l) => l.trim() === "");
  const head = blank < 0 ? lines : lines.slice(0, blank);
  const rest = blank < 0 ? "" : lines.slice(blank + 1).join("\n").trim();
  const headers = head.slice(1).map((l): [string, string] => {
    const colon = l.indexOf(":");
    return [l.slice(0, colon).trim(), l.slice(colon + 1).trim()];
  });
  return { first: head[0] ?? "", headers, rest };
}

/**
 * The `http` blocks of a page as samples, in order: a block starting with a
 * method is a request; a block starting with `HTTP/1.1` right after it is its
 * answer. Blocks whose info string is `http pending` are returned apart.
 */
export function samples(blocks: readonly FencedBlock[], info = "http"): Sample[] {
  const result: Sample[] = [];
  for (const block of blocks.filter((b) => b.info === info)) {
    const { first, headers, rest } = split(block);
    const request = /^([A-Z]+) (\S+)$/.exec(first);
    const answer = /^HTTP\/1\.1 (\d{3})\b/.exec(first);
    if (request) {
      result.push({
        request: {
          method: request[1],
          path: request[2],
          headers,
          body: rest === "" ? null : rest,
          line: block.line,
        },
        answer: null,
      });
    } else if (answer && result.length > 0 && result.at(-1)!.answer === null) {
      const last = result.pop()!;
      const body = rest === "" ? null : JSON.parse(rest);
      result.push({
        ...last,
        answer: { status: Number(answer[1]), headers, body, line: block.line },
      });
    } else throw new Error(`line ${block.line}: an http block that is neither request nor answer`);
  }
  return result;
}

/** The value a sample writes for "varies from run to run". */
export const ANY = "...";

/**
 * Where `actual` differs from the shortened `expected`: every key the sample
 * shows must match; the items of a sample list must appear in the answer's
 * list in the same order (others may sit between them); `"..."` matches anything.
 */
export function differences(expected: unknown, actual: unknown, path = "$"): string[] {
  if (expected === ANY) return actual === undefined ? [`${path}: missing`] : [];
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${path}: expected a list`];
    let from = 0;
    for (const [i, item] of expected.entries()) {
      const at = actual.findIndex((a, j) => j >= from && differences(item, a).length === 0);
      if (at < 0) return [`${path}[${i}]: no item matches ${JSON.stringify(item)}`];
      from = at + 1;
    }
    return [];
  }
  if (expected !== null && typeof expected === "object") {
    if (actual === null || typeof actual !== "object" || Array.isArray(actual)) {
      return [`${path}: expected an object, got ${JSON.stringify(actual)}`];
    }
    return Object.entries(expected).flatMap(([key, value]) =>
      differences(value, (actual as Record<string, unknown>)[key], `${path}.${key}`)
    );
  }
  return Object.is(expected, actual)
    ? []
    : [`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
}
