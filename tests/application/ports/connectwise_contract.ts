import assert from "node:assert/strict";
import {
  PermissionMissing,
  ProductIdentifierTaken,
  UpstreamError,
} from "../../../application/ports/errors.ts";
import type { ConnectWise, ConnectWiseSession } from "../../../application/ports/connectwise.ts";
import { permissionReport, PROBED_AREAS } from "../../../domain/permissions.ts";
import {
  connectionOf,
  type ContractWorld,
  contractWorld,
  credentialsOf,
  MEMBERS,
} from "./connectwise_world.ts";
import { heldAddition } from "../../support/terms.ts";
import {
  BEFORE_BILL_START_REFUSAL,
  INVOICED_PERIOD_REFUSAL,
} from "../../../adapters/memory/addition_dates.ts";

/** A ConnectWise holding `world`, reached at `siteUrl`; `close` frees what the setup started. */
export interface ContractTarget {
  readonly connectWise: ConnectWise;
  readonly siteUrl: string;
  close(): Promise<void>;
}

export type ContractSetup = (world: ContractWorld) => Promise<ContractTarget>;

const byId = <T extends { id: number }>(rows: readonly T[]) => rows.toSorted((a, b) => a.id - b.id);
const ids = (rows: readonly { id: number }[]) => byId(rows).map((r) => r.id);

async function rejectsWith(promise: Promise<unknown>, check: (e: unknown) => boolean) {
  await assert.rejects(promise, (e: unknown) => (assert.ok(check(e), String(e)), true));
}

/**
 * The cases every ConnectWise adapter must pass: the memory stand-in and
 * the real client against the simulator, so the stand-in cannot drift.
 */
export function connectWiseContract(name: string, setup: ContractSetup): void {
  const test = (title: string, body: (t: ContractTarget, s: ConnectWiseSession) => Promise<void>) =>
    Deno.test(`contract ${name}: ${title}`, async () => {
      const target = await setup(contractWorld());
      try {
        await body(target, target.connectWise.session(connectionOf(target.siteUrl, MEMBERS.full)));
      } finally {
        await target.close();
      }
    });

  test("probe with good credentials reports every read area granted", async (t) => {
    const probe = await t.connectWise.probe(credentialsOf(t.siteUrl, MEMBERS.full));
    assert.equal(probe.codebase, "v4_6_release/");
    assert.deepEqual(
      probe.permissions,
      permissionReport(new Map(PROBED_AREAS.map((a) => [a, true]))),
    );
  });

  test("probe with a wrong private key fails with connectwise-authentication-failed", async (t) => {
    const bad = { ...credentialsOf(t.siteUrl, MEMBERS.full), privateKey: "wrong" };
    await assert.rejects(t.connectWise.probe(bad), { code: "connectwise-authentication-failed" });
  });

  test("probe reports a missing read area as not granted", async (t) => {
    const probe = await t.connectWise.probe(credentialsOf(t.siteUrl, MEMBERS.noCatalog));
    const missing = probe.permissions.filter((p) => p.granted === false).map((p) =>
      `${p.area} ${p.access}`
    );
    assert.deepEqual(missing, ["Product Catalog inquire"]);
  });

  test("company types and statuses are listed", async (_, s) => {
    assert.deepEqual(byId(await s.companies.types()), [{ id: 1, name: "Customer" }, {
      id: 2,
      name: "Prospect",
    }]);
    assert.deepEqual(byId(await s.companies.statuses()), [{ id: 1, name: "Active" }, {
      id: 2,
      name: "Inactive",
    }]);
  });

  test("companies are filtered by type and by status (empty filter: all)", async (_, s) => {
    assert.deepEqual(ids(await s.companies.list({ typeIds: [], statusIds: [] })), [10, 20, 30, 40]);
    assert.deepEqual(ids(await s.companies.list({ typeIds: [2], statusIds: [] })), [20, 30]);
    assert.deepEqual(ids(await s.companies.list({ typeIds: [], statusIds: [2] })), [40]);
    assert.deepEqual(ids(await s.companies.list({ typeIds: [1], statusIds: [1] })), [10, 20]);
    const [beta] = await s.companies.list({ typeIds: [2], statusIds: [1] });
    assert.deepEqual(beta, contractWorld().companies[1]);
  });

  test("companies by name (any case, quotes kept literal), a page at a time", async (_, s) => {
    const any = { typeIds: [], statusIds: [] };
    const named = (text: string) => ({ ...any, nameContains: text });
    assert.deepEqual(ids(await s.companies.list(named("a co"))), [10]);
    assert.deepEqual(ids(await s.companies.list(named('" or "'))), []);
    const first = await s.companies.page(any, { limit: 3 });
    assert.deepEqual([ids(first.companies), first.next], [[10, 20, 30], 30]);
    const last = await s.companies.page(any, { limit: 3, after: 30 });
    assert.deepEqual([ids(last.companies), last.next], [[40], null]);
    const exact = await s.companies.page(any, { limit: 4 });
    assert.equal(exact.next, null, "no next page when the last company is on this one");
    const filtered = await s.companies.page(
      { typeIds: [1], statusIds: [1], nameContains: "BETA" },
      {
        limit: 1,
      },
    );
    assert.deepEqual([filtered.companies, filtered.next], [[contractWorld().companies[1]], null]);
  });

  test(
    "agreements of many companies, cancelled ones flagged, with how they are invoiced",
    async (_, s) => {
      assert.deepEqual(
        byId(await s.companies.agreementsOf([20, 30])),
        contractWorld().agreements.slice(1),
      );
      assert.deepEqual(await s.companies.agreementsOf([30]), []);
      assert.deepEqual(ids(await s.companies.agreementsOf([10, 20, 30])), [100, 200, 201]);
    },
  );

  test("agreements by id: the listed ones that exist, terms included", async (_, s) => {
    assert.deepEqual(
      byId(await s.companies.agreements([201, 200, 999_999])),
      contractWorld().agreements.slice(1),
    );
    assert.deepEqual(await s.companies.agreements([]), []);
  });

  test(
    "additions: list (every product, active and cancelled), create, setQuantity",
    async (_, s) => {
      assert.deepEqual(
        byId(await s.additions.list(100)),
        contractWorld().additions.map(({ agreementId: _, ...a }) => a),
      );
      const effectiveDate = new Date("2026-12-01T00:00:00Z");
      const created = await s.additions.create(200, { productId: 21, quantity: 7, effectiveDate });
      assert.deepEqual({ ...created, id: 0 }, {
        id: 0,
        productId: 21,
        quantity: 7,
        billCustomer: "Billable",
        effectiveDate,
        cancelledDate: null,
      });
      assert.deepEqual(await s.additions.list(200), [created]);
      const changed = await s.additions.setQuantity(200, created.id, 9);
      assert.deepEqual(changed, { ...created, quantity: 9 });
      assert.deepEqual(await s.additions.list(200), [changed]);
    },
  );

  Deno.test(`contract ${name}: additions: a list longer than a page comes whole`, async () => {
    const world = contractWorld();
    // More rows than the largest page ConnectWise serves (1,000), on another agreement too.
    const many = Array.from({ length: 1_205 }, (_, i) =>
      heldAddition({
        id: 10_000 + i,
        agreementId: 201,
        productId: i % 2 === 0 ? 11 : 21,
        quantity: i,
        cancelled: i % 7 === 0,
      }));
    const target = await setup({ ...world, additions: [...world.additions, ...many] });
    try {
      const s = target.connectWise.session(connectionOf(target.siteUrl, MEMBERS.full));
      const listed = byId(await s.additions.list(201));
      assert.deepEqual(listed, many.map(({ agreementId: _, ...a }) => a));
    } finally {
      await target.close();
    }
  });

  test(
    "an addition dated before the next invoice date (no proration) or the billing start is refused",
    async (_, s) => {
      const at = (date: string) => ({ productId: 21, quantity: 1, effectiveDate: new Date(date) });
      // The reason is ConnectWise's errors[].message, word for word, not its generic top message.
      const refused = (refusal: string) => (e: unknown) => {
        assert.ok(e instanceof UpstreamError && e.upstreamStatus === 400, String(e));
        assert.equal(
          e.message,
          `ConnectWise refused POST /finance/agreements/{id}/additions (400): ${refusal}`,
        );
        return true;
      };
      await assert.rejects(
        s.additions.create(200, at("2026-11-01T00:00:00Z")),
        refused(INVOICED_PERIOD_REFUSAL),
      );
      await assert.rejects(
        s.additions.create(200, at("2023-06-01T00:00:00Z")),
        refused(BEFORE_BILL_START_REFUSAL),
      );
      assert.deepEqual(await s.additions.list(200), []);
    },
  );

  test("setQuantity of an unknown addition fails with connectwise-not-found", async (_, s) => {
    await assert.rejects(s.additions.setQuantity(100, 999_999, 1), {
      code: "connectwise-not-found",
    });
  });

  test(
    "catalog: search the text anywhere in identifier or description, get, create",
    async (_, s) => {
      assert.deepEqual(ids(await s.catalog.search()), [11, 21, 22]);
      assert.deepEqual(ids(await s.catalog.search("vpn-")), [11, 21]);
      assert.deepEqual(ids(await s.catalog.search("core")), [21, 22]);
      assert.deepEqual(ids(await s.catalog.search("SRV")), [22], "inside an identifier");
      assert.deepEqual(ids(await s.catalog.search("-co")), [21], "not at the start either");
      assert.deepEqual(ids(await s.catalog.search("backup for")), [22], "inside a description");
      assert.deepEqual(await s.catalog.search('x" or identifier like "%'), []);
      assert.deepEqual(await s.catalog.get(22), contractWorld().products[2]);
      assert.equal(await s.catalog.get(999_999), undefined);
      const made = await s.catalog.create({
        identifier: "NEW-ONE",
        description: "A new product",
        price: 4,
      });
      assert.deepEqual({ ...made, id: 0 }, {
        id: 0,
        identifier: "NEW-ONE",
        description: "A new product",
        inactive: false,
      });
      assert.deepEqual(await s.catalog.search("NEW-"), [made]);
    },
  );

  test(
    "creating a product whose identifier exists (any case) is product-identifier-taken naming that product; nothing is created",
    async (_, s) => {
      await rejectsWith(
        s.catalog.create({ identifier: "vpn-Core", description: "Again" }),
        (e) =>
          e instanceof ProductIdentifierTaken && e.code === "product-identifier-taken" &&
          e.kind === "conflict" && e.productId === 21 && e.identifier === "vpn-Core",
      );
      assert.deepEqual(ids(await s.catalog.search("core")), [21, 22]);
    },
  );

  test("a 403 on a write is PermissionMissing naming the area and access", async (t) => {
    const s = t.connectWise.session(connectionOf(t.siteUrl, MEMBERS.readOnly));
    const missing = (area: string, access: string) => (e: unknown) =>
      e instanceof PermissionMissing && e.area === area && e.access === access &&
      e.message.includes(area) &&
      e.said === "You do not have security permission to perform this action.";
    await rejectsWith(
      s.additions.create(100, { productId: 21, quantity: 1, effectiveDate: new Date() }),
      missing("Agreements", "add"),
    );
    await rejectsWith(s.additions.setQuantity(100, 501, 3), missing("Agreements", "edit"));
    await rejectsWith(
      s.catalog.create({ identifier: "X", description: "X" }),
      missing("Product Catalog", "add"),
    );
    assert.deepEqual(ids(await s.additions.list(100)), [501, 502, 503]);
  });

  test("a 403 on a read is PermissionMissing naming the area", async (t) => {
    const s = t.connectWise.session(connectionOf(t.siteUrl, MEMBERS.noCatalog));
    await rejectsWith(
      s.catalog.search("x"),
      (e) => e instanceof PermissionMissing && e.area === "Product Catalog",
    );
  });
}
