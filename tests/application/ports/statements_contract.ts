import assert from "node:assert/strict";
import type { Statement } from "../../../domain/statement.ts";
import { contractCase, type OpenStore } from "./store_contract.ts";

function statement(organizationId: string, period: string, licenses = 10): Statement {
  return {
    organizationId,
    period,
    planId: "core",
    licenses,
    servers: 2,
    final: true,
    finalizedAt: new Date("2026-11-01T00:00:05.123Z"),
  };
}

/** Statements: a period is finalized once, with its statements, per MSP. */
export async function statementsContract(t: Deno.TestContext, open: OpenStore): Promise<void> {
  await contractCase(t, open, "statements: nothing is final at first", async (s) => {
    assert.equal(await s.statements.isFinalized("msp-a", "2026-10"), false);
    assert.deepEqual(await s.statements.list("msp-a", "2026-10"), []);
    assert.equal(await s.statements.lastFinalized("msp-a"), null);
  });

  await contractCase(
    t,
    open,
    "statements: finalize records the period and its statements",
    async (s) => {
      const all = [statement("o1", "2026-10"), statement("o2", "2026-10", 0)];
      assert.equal(await s.statements.finalize("msp-a", "2026-10", [all]), true);
      assert.equal(await s.statements.isFinalized("msp-a", "2026-10"), true);
      assert.deepEqual(await s.statements.list("msp-a", "2026-10"), all);
      assert.equal(await s.statements.isFinalized("msp-b", "2026-10"), false);
    },
  );

  await contractCase(t, open, "statements: finalizing twice changes nothing", async (s) => {
    await s.statements.finalize("msp-a", "2026-10", [[statement("o1", "2026-10")]]);
    const again = [statement("o1", "2026-10", 99), statement("o3", "2026-10")];
    assert.equal(await s.statements.finalize("msp-a", "2026-10", [again]), false);
    assert.deepEqual(await s.statements.list("msp-a", "2026-10"), [statement("o1", "2026-10")]);
  });

  await contractCase(t, open, "statements: a period without statements is final too", async (s) => {
    assert.equal(await s.statements.finalize("msp-a", "2026-09", []), true);
    assert.equal(await s.statements.isFinalized("msp-a", "2026-09"), true);
    assert.deepEqual(await s.statements.list("msp-a", "2026-09"), []);
  });

  await contractCase(
    t,
    open,
    "statements: lastFinalized is the latest period of the MSP",
    async (s) => {
      for (const period of ["2026-09", "2026-11", "2026-10"]) {
        await s.statements.finalize("msp-a", period, [[statement("o1", period)]]);
      }
      await s.statements.finalize("msp-b", "2027-01", []);
      assert.equal(await s.statements.lastFinalized("msp-a"), "2026-11");
      assert.equal(await s.statements.lastFinalized("msp-b"), "2027-01");
      assert.deepEqual(await s.statements.list("msp-a", "2026-09"), [statement("o1", "2026-09")]);
    },
  );

  await contractCase(
    t,
    open,
    "statements: list can be limited to some organizations",
    async (s) => {
      const all = ["o1", "o2", "o3"].map((o) => statement(o, "2026-10"));
      await s.statements.finalize("msp-a", "2026-10", [all]);
      const some = await s.statements.list("msp-a", "2026-10", ["o3", "o1", "nobody"]);
      assert.deepEqual(some.map((x) => x.organizationId).sort(), ["o1", "o3"]);
      assert.deepEqual(await s.statements.list("msp-a", "2026-10", []), []);
    },
  );

  await contractCase(
    t,
    open,
    "statements: a statement of another period is refused, the period stays open",
    async (s) => {
      const mixed = [statement("o1", "2026-10"), statement("o2", "2026-09")];
      await assert.rejects(s.statements.finalize("msp-a", "2026-10", [mixed]), /2026-09/);
      assert.equal(await s.statements.isFinalized("msp-a", "2026-10"), false);
      assert.deepEqual(await s.statements.list("msp-a", "2026-10"), []);
      assert.equal(await s.statements.finalize("msp-a", "2026-10", [[mixed[0]]]), true);
    },
  );

  await contractCase(
    t,
    open,
    "statements: a set of many chunks is written whole, as one",
    async (s) => {
      const ids = Array.from({ length: 1_200 }, (_, i) => `o${String(i).padStart(4, "0")}`);
      const all = ids.map((id, i) => statement(id, "2026-10", i % 13));
      async function* chunks() {
        for (let i = 0; i < all.length; i += 500) yield all.slice(i, i + 500);
      }
      assert.equal(await s.statements.finalize("msp-a", "2026-10", chunks()), true);
      assert.deepEqual(await s.statements.list("msp-a", "2026-10"), all);
    },
  );

  await contractCase(
    t,
    open,
    "statements: finalizing twice writes once and reads no chunk the second time",
    async (s) => {
      let read = 0;
      async function* chunks(licenses: number) {
        read++;
        yield [statement("o1", "2026-10", licenses)];
        yield [statement("o2", "2026-10", licenses)];
      }
      assert.equal(await s.statements.finalize("msp-a", "2026-10", chunks(1)), true);
      assert.equal(await s.statements.finalize("msp-a", "2026-10", chunks(2)), false);
      assert.equal(read, 1);
      const listed = await s.statements.list("msp-a", "2026-10");
      assert.deepEqual(listed, [statement("o1", "2026-10", 1), statement("o2", "2026-10", 1)]);
    },
  );

  await contractCase(
    t,
    open,
    "statements: a chunk refused after a written one leaves the period open and empty",
    async (s) => {
      const chunks = [[statement("o1", "2026-10")], [statement("o2", "2026-09")]];
      await assert.rejects(s.statements.finalize("msp-a", "2026-10", chunks), /2026-09/);
      assert.equal(await s.statements.isFinalized("msp-a", "2026-10"), false);
      assert.deepEqual(await s.statements.list("msp-a", "2026-10"), []);
    },
  );

  await contractCase(
    t,
    open,
    "statements: a refused finalize inside a transaction that goes on leaves the period open",
    async (s) => {
      const chunks = [[statement("o1", "2026-10")], [statement("o2", "2026-09")]];
      await s.transaction(async (r) => {
        await assert.rejects(r.statements.finalize("msp-a", "2026-10", chunks), /2026-09/);
        assert.equal(await r.statements.isFinalized("msp-a", "2026-10"), false);
        assert.equal(await r.statements.finalize("msp-a", "2026-11", [[]]), true);
      });
      assert.equal(await s.statements.isFinalized("msp-a", "2026-10"), false);
      assert.deepEqual(await s.statements.list("msp-a", "2026-10"), []);
      assert.equal(await s.statements.isFinalized("msp-a", "2026-11"), true);
    },
  );
}
