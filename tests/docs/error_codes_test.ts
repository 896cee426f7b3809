// docs/errors.md lists every problem code the service can answer, and only those.
import assert from "node:assert/strict";
import { CHECKED_BY_THE_SCHEMA_FIRST, codesInSource, codesOnPage } from "./error_codes.ts";

const root = new URL("../../", import.meta.url).pathname;
const text = Deno.readTextFileSync(`${root}docs/errors.md`);
const page = codesOnPage(text);

/**
 * Codes documented ahead of their code, because another branch adds them. Each
 * entry must leave this list as soon as the source has the code (a test below
 * fails until it does), so the list cannot hide a stale row for long.
 */
const ANNOUNCED: ReadonlyMap<string, string> = new Map([]);

Deno.test("errors.md: every code the source can answer is documented", () => {
  const documented = new Set(page.map((row) => row.code));
  const missing = [...codesInSource(root)]
    .filter(([code]) => !documented.has(code) && !CHECKED_BY_THE_SCHEMA_FIRST.has(code))
    .map(([code, files]) => `${code} (${files.join(", ")})`);
  assert.deepEqual(missing, [], "add these codes to docs/errors.md");
});

Deno.test("errors.md: codes the schema answers first are named in the text, not as table rows", () => {
  const used = codesInSource(root);
  for (const code of CHECKED_BY_THE_SCHEMA_FIRST.keys()) {
    assert.ok(used.has(code), `${code} is no longer in the source: drop it from the list`);
    assert.ok(text.includes(`\`${code}\``), `errors.md names ${code}`);
    assert.ok(!page.some((row) => row.code === code), `${code} has no row: no caller gets it`);
  }
});

Deno.test("errors.md: every documented code is still used by the source", () => {
  const used = codesInSource(root);
  const stale = page.map((row) => row.code).filter((code) =>
    !used.has(code) && !ANNOUNCED.has(code)
  );
  assert.deepEqual(stale, [], "remove these codes from docs/errors.md, nothing answers them");
});

Deno.test("errors.md: announced codes leave the list once the source has them", () => {
  const used = codesInSource(root);
  const arrived = [...ANNOUNCED.keys()].filter((code) => used.has(code));
  assert.deepEqual(arrived, [], "the source now has these codes: drop them from ANNOUNCED");
  const documented = new Set(page.map((row) => row.code));
  assert.deepEqual([...ANNOUNCED.keys()].filter((code) => !documented.has(code)), []);
});

Deno.test("errors.md: each code has one row, with the status its kind answers", () => {
  const codes = page.map((row) => row.code);
  assert.deepEqual(codes.filter((code, i) => codes.indexOf(code) !== i), [], "listed twice");
  const statusOf = new Map(page.map((row) => [row.code, row.status]));
  for (const [code, status] of statusesInSource(root)) {
    assert.equal(statusOf.get(code), String(status), `${code} answers ${status}`);
  }
});

/** Statuses the source states next to a code: 404 and 409 errors, problem documents. */
function statusesInSource(dir: string): Map<string, number> {
  const statuses = new Map<string, number>();
  const patterns: [RegExp, (m: RegExpMatchArray) => number][] = [
    [/new NotFoundError\(\s*"([a-z0-9-]+)"/g, () => 404],
    [/new ConflictError\(\s*"([a-z0-9-]+)"/g, () => 409],
    [/problem\((\d{3}),\s*\{\s*code:\s*"([a-z0-9-]+)"/g, (m) => Number(m[1])],
  ];
  for (const file of codesInSource(dir).values()) {
    for (const path of file) {
      const text = Deno.readTextFileSync(`${dir}${path}`);
      for (const [pattern, status] of patterns) {
        for (const m of text.matchAll(pattern)) {
          statuses.set(m.length > 2 ? m[2] : m[1], status(m));
        }
      }
    }
  }
  return statuses;
}

Deno.test("errors.md: the collector finds codes in every form the source writes them", async () => {
  const dir = await Deno.makeTempDir();
  try {
    for (const d of ["domain", "application", "adapters"]) await Deno.mkdir(`${dir}/${d}`);
    await Deno.writeTextFile(
      `${dir}/domain/rules.ts`,
      [
        'throw new DomainError(\n  "first-code",\n  "message");',
        'throw new NotFoundError("second-code", "message");',
        'class LinkUsed extends DomainError { constructor() { super("third-code", "m"); } }',
        'throw new LinkExpiredError("fourth-code");',
        'throw new Error("not-a-code");',
      ].join("\n"),
    );
    await Deno.writeTextFile(
      `${dir}/adapters/http.ts`,
      'problem(401, { code: "fifth" }); new UpstreamError("m", { code: "sixth-code" });\n' +
        'problem(s, { code: `http-${error.status}` }); x = options.code ?? "seventh-code";',
    );
    assert.deepEqual([...codesInSource(dir).keys()].sort(), [
      "fifth",
      "first-code",
      "fourth-code",
      "http-<status>",
      "second-code",
      "seventh-code",
      "sixth-code",
      "third-code",
    ]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
