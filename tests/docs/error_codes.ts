import { join } from "node:path";

/** Where the service's own code lives (tests are not the service). */
const SOURCE_DIRECTORIES = ["domain", "application", "adapters"];
const SOURCE_FILES = ["main.ts"];

function sourceFiles(root: string, under: string): string[] {
  const files: string[] = [];
  for (const entry of Deno.readDirSync(join(root, under))) {
    const path = join(under, entry.name);
    if (entry.isDirectory) files.push(...sourceFiles(root, path));
    else if (entry.isFile && entry.name.endsWith(".ts")) files.push(path);
  }
  return files;
}

const CODE = String.raw`([a-z][a-z0-9]*(?:-[a-z0-9]+)*)`;

/**
 * Where a problem `code` is written in the source: a kebab-case first argument
 * of any `new ...Error(` but the built-in ones and UpstreamError, which takes
 * its message first (DomainError, NotFoundError, ConflictError and their
 * subclasses named `...Error` take the code first), or of `super(` in
 * such a subclass; a `code: "..."` property (an UpstreamError's options, a
 * problem document built by the HTTP layer); a default after `code ??`. A code
 * built from a template, such as `http-${status}`, is reported with the
 * placeholder `<status>`.
 */
const PATTERNS = [
  new RegExp(
    String
      .raw`new (?!(?:Type|Range|Syntax|Reference|Eval|URI|Aggregate|Upstream)?Error\()[A-Z]\w*Error\(\s*"${CODE}"\s*[,)]`,
    "g",
  ),
  new RegExp(String.raw`\bsuper\(\s*"${CODE}"\s*,`, "g"),
  new RegExp(String.raw`\bcode:\s*"${CODE}"`, "g"),
  new RegExp(String.raw`\bcode\s*\?\?\s*"${CODE}"`, "g"),
];
const TEMPLATE = /\bcode:\s*`([a-z][a-z0-9-]*-)\$\{(?:[\w.]*\.)?(\w+)\}`/g;

/** Every problem code the service's source can answer, with the files that write it. */
export function codesInSource(root: string): Map<string, string[]> {
  const codes = new Map<string, string[]>();
  const add = (code: string, file: string) => {
    const files = codes.get(code) ?? [];
    if (!files.includes(file)) codes.set(code, [...files, file]);
  };
  const files = [
    ...SOURCE_DIRECTORIES.flatMap((d) => sourceFiles(root, d)),
    ...SOURCE_FILES.filter((f) => {
      try {
        return Deno.statSync(join(root, f)).isFile;
      } catch {
        return false;
      }
    }),
  ];
  for (const file of files) {
    const text = Deno.readTextFileSync(join(root, file));
    for (const pattern of PATTERNS) {
      for (const m of text.matchAll(pattern)) add(m[1], file);
    }
    for (const m of text.matchAll(TEMPLATE)) add(`${m[1]}<${m[2]}>`, file);
  }
  return codes;
}

/** A row of the error page's tables: the code, and the HTTP status it answers with. */
export interface DocumentedCode {
  readonly code: string;
  /** Three digits, or a class such as `4xx`. */
  readonly status: string;
}

/** The codes the page documents: table rows whose first cell is a code in backticks. */
export function codesOnPage(markdown: string): DocumentedCode[] {
  const rows: DocumentedCode[] = [];
  for (const line of markdown.split("\n")) {
    const row = /^\|\s*`([a-z][a-z0-9<>-]*)`\s*\|\s*(\d{3}|\dxx)\s*\|/.exec(line);
    if (row) rows.push({ code: row[1], status: row[2] });
  }
  return rows;
}

/**
 * Codes of rules the request schema checks first (400 `invalid-request`), so
 * that no HTTP caller ever receives them: errors.md names them in its text,
 * not in a table row, and a test sends each case to see the schema's answer.
 */
export const CHECKED_BY_THE_SCHEMA_FIRST: ReadonlyMap<string, { path: string; body: unknown }> =
  new Map<string, { path: string; body: unknown }>([
    ["invalid-usage", {
      path: "POST /v1/msps/a/organizations/a-o1/usage",
      body: { eventId: "n", occurredAt: "2026-11-10T10:00:00Z", licenses: 1.5, servers: 0 },
    }],
    ["invalid-credentials", {
      path: "PUT /v1/msps/a/connectwise",
      body: {
        siteUrl: "https://na.myconnectwise.net",
        companyId: "",
        publicKey: "p",
        privateKey: "k",
      },
    }],
    ["invalid-period", { path: "GET /v1/msps/a/periods/2026-13", body: undefined }],
    ["product-identifier-too-long", {
      path: "PUT /v1/msps/a/product-mappings/lite",
      body: { license: { create: { identifier: "X".repeat(26), description: "Too long" } } },
    }],
  ]);
