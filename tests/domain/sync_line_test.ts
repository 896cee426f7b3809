import assert from "node:assert/strict";
import { finalFiguresPushed, lineKey, lineStatusNow } from "../../domain/sync_line.ts";

Deno.test("sync line: one line per (agreement, product), whatever the kind or plan using it", () => {
  assert.equal(lineKey({ agreementId: 7, productId: 21, kind: "license" }), "7:21");
  assert.equal(
    lineKey({ agreementId: 7, productId: 21, kind: "server" }),
    lineKey({ agreementId: 7, productId: 21, kind: "license" }),
  );
  assert.notEqual(lineKey({ agreementId: 8, productId: 21, kind: "license" }), "7:21");
});

Deno.test("sync line: usage blocked without a product is one line per (agreement, kind)", () => {
  assert.equal(lineKey({ agreementId: 7, productId: null, kind: "server" }), "7:server:none");
  assert.notEqual(
    lineKey({ agreementId: 7, productId: null, kind: "server" }),
    lineKey({ agreementId: 7, productId: null, kind: "license" }),
  );
});

const line = (period: string, final: boolean, status: "in-sync" | "pending" | "failed") => ({
  period,
  final,
  status,
});

Deno.test("sync line: final figures come before the new period's; a final line pending or failed is not pushed yet", () => {
  assert.equal(finalFiguresPushed([line("2026-10", true, "in-sync")], "2026-10"), true);
  assert.equal(finalFiguresPushed([line("2026-11", false, "in-sync")], "2026-10"), true);
  for (const status of ["pending", "failed"] as const) {
    assert.equal(finalFiguresPushed([line("2026-10", true, status)], "2026-10"), false, status);
  }
  assert.equal(finalFiguresPushed([line("2026-10", false, "in-sync")], "2026-10"), false);
  assert.equal(
    finalFiguresPushed(
      [line("2026-10", true, "in-sync"), line("2026-09", true, "in-sync")],
      "2026-10",
    ),
    false,
    "every line of the agreement must carry the final figures",
  );
  assert.equal(
    finalFiguresPushed([], "2026-10"),
    false,
    "an agreement never pushed has not had them",
  );
});

Deno.test("final order: a month finalized with a later one is never written; the previous month is", async () => {
  const { finalNotPushed } = await import("../../domain/final_not_pushed.ts");
  const now = new Date("2026-12-03T00:00:00Z");
  assert.equal(finalNotPushed("2026-10", now), true);
  assert.equal(finalNotPushed("2026-11", now), false);
});

Deno.test("company mapping: a remap pushes the agreement left and the one mapped to", async () => {
  const { agreementsToPush } = await import("../../domain/company_mapping.ts");
  const m = (agreementId: number) => ({ organizationId: "o1", companyId: 1, agreementId });
  assert.deepEqual(agreementsToPush(m(10), m(20)), [10, 20]);
  assert.deepEqual(agreementsToPush(m(10), undefined), [10]);
  assert.deepEqual(agreementsToPush(undefined, m(20)), [20]);
  assert.deepEqual(agreementsToPush(m(10), m(10)), [10]);
});

Deno.test("sync line: an in-sync line of an agreement waiting for a push is pending; other statuses stand", () => {
  assert.equal(lineStatusNow("in-sync", true), "pending");
  assert.equal(lineStatusNow("in-sync", false), "in-sync");
  for (const status of ["pending", "blocked", "failed"] as const) {
    assert.equal(lineStatusNow(status, true), status);
    assert.equal(lineStatusNow(status, false), status);
  }
});
