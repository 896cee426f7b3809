// Every worked example of docs/billing.md runs through the domain's own
// functions, so the page and the rules cannot drift apart.
import assert from "node:assert/strict";
import { fencedBlocks, withoutFences } from "./markdown.ts";
import { catalog, parseStatements } from "./billing_script.ts";
import { type Pending, runExample } from "./billing_world.ts";
import { runInvoiceExample } from "./invoice_world.ts";
import { codesInSource } from "./error_codes.ts";

const root = new URL("../../", import.meta.url).pathname;
const page = Deno.readTextFileSync(`${root}docs/billing.md`);
const blocks = fencedBlocks(page);
const lines = withoutFences(page).split("\n");
const knownCodes = new Set(codesInSource(root).keys());

/** The heading an example stands under. */
function headingBefore(line: number): string {
  for (let i = line - 1; i >= 0; i--) {
    const heading = /^#{1,6}\s+(.*)$/.exec(lines[i]);
    if (heading) return heading[1];
  }
  return "(no heading)";
}

const plans = blocks.filter((b) => b.info === "billing-plans");
const examples = blocks.filter((b) => b.info === "billing-example");
const invoiceExamples = blocks.filter((b) => b.info === "invoice-example");
const shared = catalog(parseStatements(plans[0]?.text ?? "", (plans[0]?.line ?? 0) + 1));
const pending: Pending[] = [];

Deno.test("billing.md: one plans block and an example for every case the page promises", () => {
  assert.equal(plans.length, 1);
  const headings = new Set(examples.map((b) => headingBefore(b.line)));
  for (
    const expected of [
      "A month with a tier change",
      "A trial that converts",
      "Two organizations on one agreement",
      "An unmap mid-month",
      "A late report",
      "A report refused as finalized or too old",
    ]
  ) assert.ok(headings.has(expected), `an example under "${expected}"`);
});

for (const block of examples) {
  Deno.test(`billing.md: "${headingBefore(block.line)}" (line ${block.line})`, () => {
    const statements = parseStatements(block.text, block.line + 1);
    assert.ok(statements.some((s) => s.verb === "connectwise"), "states what ConnectWise holds");
    pending.push(...runExample(statements, { catalog: shared, knownCodes }));
  });
}

Deno.test("billing.md: an invoice example for every case of ConnectWise's invoicing the page promises", () => {
  const headings = new Set(invoiceExamples.map((b) => headingBefore(b.line)));
  for (
    const expected of ["Invoiced on the 3rd", "Invoiced before the final", "A prorated agreement"]
  ) assert.ok(headings.has(expected), `an invoice example under "${expected}"`);
});

for (const block of invoiceExamples) {
  Deno.test(`billing.md: "${headingBefore(block.line)}" (line ${block.line}), through the service against the simulator`, async () => {
    const statements = parseStatements(block.text, block.line + 1);
    assert.ok(statements.some((s) => s.verb === "invoiced"), "states what the invoice bills");
    await runInvoiceExample(statements, { catalog: shared });
  });
}

Deno.test("billing.md: refusals the domain cannot give yet are only the announced ones", () => {
  const unexpected = pending.filter((p) => p.code !== "report-too-old");
  assert.deepEqual(unexpected, [], "every other refusal is checked against the domain");
  if (pending.length > 0) {
    console.log(
      `billing.md: ${pending.length} report(s) refused with report-too-old are not checked yet: ` +
        "the domain has no such rule on this branch (issue 10 adds it)",
    );
  }
});

Deno.test("billing.md: a stated figure that the domain does not give fails the example", () => {
  const run = (text: string) =>
    runExample(parseStatements(text, 1), { catalog: shared, knownCodes });
  const base = "now 2026-11-02T00:00:00Z\norg a standard plan core\nmap a agreement 9\n" +
    "report 2026-11-02T00:00:00Z a licenses 4 servers 1\n";
  assert.deepEqual(run(base + "figures 2026-11 a plan core licenses 4 servers 1"), []);
  assert.throws(() => run(base + "figures 2026-11 a plan core licenses 5 servers 1"), /line 5/);
  assert.throws(
    () => run(base + "connectwise 2026-11 agreement 9 product 502 quantity 4"),
    /lines/,
  );
  assert.throws(
    () => run(base + "report 2026-11-03T00:00:00Z a licenses 4 servers 1 refused period-finalized"),
    /the report's answer/,
  );
});
