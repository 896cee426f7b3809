import assert from "node:assert/strict";
import type { AgreementRecord } from "../../../application/ports/agreements.ts";
import type { Store } from "../../../application/ports/store.ts";
import { observeNextInvoice } from "../../../domain/invoice_timing.ts";
import { permissionReport, PROBED_AREAS } from "../../../domain/permissions.ts";
import { agreement } from "../../support/terms.ts";
import { contractCase, type OpenStore } from "./store_contract.ts";

const at = (text: string) => new Date(text);

function record(id: number, fields: Partial<AgreementRecord["terms"]> = {}): AgreementRecord {
  const terms = agreement({
    id,
    name: `Agreement ${id}`,
    companyId: 7,
    nextInvoiceDate: at("2026-12-01T00:00:00Z"),
    billStartDate: at("2024-01-01T00:00:00Z"),
    startDate: at("2024-01-01T00:00:00Z"),
    ...fields,
  });
  const { type: _, ...onlyTerms } = terms;
  const first = observeNextInvoice(null, at("2026-11-01T00:00:00Z"), at("2026-10-20T08:00:00Z"));
  return {
    terms: onlyTerms,
    watch: observeNextInvoice(first, terms.nextInvoiceDate, at("2026-11-02T08:00:00Z")),
  };
}

async function connectedWithMapping(s: Store, mspId: string, agreementId: number) {
  await s.connections.save({
    mspId,
    siteUrl: "https://na.myconnectwise.net",
    companyId: "acme",
    publicKey: "pub",
    privateKey: "priv",
    codebase: "v4_6_release/",
    apiVersion: null,
    permissions: permissionReport(new Map(PROBED_AREAS.map((a) => [a, true]))),
    connectedAt: at("2026-11-01T00:00:00Z"),
    attention: null,
  });
  await s.companyMappings.save(mspId, {
    organizationId: `o${agreementId}`,
    companyId: 7,
    agreementId,
  });
}

/** Agreements: records saved whole per MSP; due ones claimed once, across MSPs. */
export async function agreementsContract(t: Deno.TestContext, open: OpenStore): Promise<void> {
  await contractCase(
    t,
    open,
    "agreements: a saved record reads back equal; another MSP sees none",
    async (s) => {
      const saved = [
        record(1000),
        record(2000, { prorate: true, status: null, billingCycle: null }),
      ];
      await s.agreements.save("msp-a", saved, at("2026-11-02T08:15:00Z"));
      const read = (await s.agreements.get("msp-a", [2000, 1000, 3000]))
        .sort((a, b) => a.terms.id - b.terms.id);
      assert.deepEqual(read, saved);
      assert.deepEqual(await s.agreements.get("msp-b", [1000]), []);
      const changed = {
        ...saved[0],
        terms: { ...saved[0].terms, name: "Renamed", cancelled: true },
      };
      await s.agreements.save("msp-a", [changed], at("2026-11-02T08:30:00Z"));
      assert.deepEqual(await s.agreements.get("msp-a", [1000]), [changed]);
    },
  );

  await contractCase(
    t,
    open,
    "agreements: only mapped agreements of connected MSPs are claimed, when due, once",
    async (s) => {
      await connectedWithMapping(s, "msp-a", 1000);
      await connectedWithMapping(s, "msp-b", 2000);
      await s.agreements.save("msp-a", [record(1000), record(1001)], at("2026-11-02T08:15:00Z"));
      await s.agreements.save("msp-b", [record(2000)], at("2026-11-02T08:10:00Z"));
      await s.agreements.save("msp-c", [record(3000)], at("2026-11-02T08:00:00Z")); // not connected
      const early = await s.agreements.claimDue({
        now: at("2026-11-02T08:12:00Z"),
        checkAt: at("2026-11-02T08:27:00Z"),
        limit: 10,
      });
      assert.deepEqual(early, [{ mspId: "msp-b", agreementId: 2000 }]);
      const later = await s.agreements.claimDue({
        now: at("2026-11-02T08:20:00Z"),
        checkAt: at("2026-11-02T08:35:00Z"),
        limit: 10,
      });
      assert.deepEqual(later, [{ mspId: "msp-a", agreementId: 1000 }], "1001 is not mapped");
      assert.deepEqual(
        await s.agreements.claimDue({
          now: at("2026-11-02T08:26:00Z"),
          checkAt: at("2026-11-02T08:41:00Z"),
          limit: 10,
        }),
        [],
        "claimed ones wait for their new check",
      );
    },
  );

  await contractCase(
    t,
    open,
    "agreements: claims take the oldest due first, at most the limit, and never the same twice at once",
    async (s) => {
      for (const id of [1, 2, 3, 4]) await connectedWithMapping(s, "msp-a", id);
      for (const [id, minute] of [[1, 30], [2, 10], [3, 20], [4, 40]]) {
        await s.agreements.save("msp-a", [record(id)], at(`2026-11-02T08:${minute}:00Z`));
      }
      const claim = (limit: number) =>
        s.agreements.claimDue({
          now: at("2026-11-02T09:00:00Z"),
          checkAt: at("2026-11-02T09:15:00Z"),
          limit,
        });
      assert.deepEqual((await claim(2)).map((d) => d.agreementId), [2, 3], "oldest first");
      // Two claims at once split the rest between them.
      const [a, b] = await Promise.all([claim(1), claim(1)]);
      const ids = [...a, ...b].map((d) => d.agreementId);
      assert.deepEqual(ids.toSorted(), [1, 4]);
      assert.deepEqual(
        await claim(5),
        [],
        "each claimed once",
      );
    },
  );

  await contractCase(
    t,
    open,
    "agreements: an MSP whose connection needs attention is not read",
    async (s) => {
      await connectedWithMapping(s, "msp-a", 1000);
      await s.connections.setAttention("msp-a", "refused (401)");
      await s.agreements.save("msp-a", [record(1000)], at("2026-11-02T08:00:00Z"));
      assert.deepEqual(
        await s.agreements.claimDue({
          now: at("2026-11-03T00:00:00Z"),
          checkAt: at("2026-11-03T00:15:00Z"),
          limit: 5,
        }),
        [],
      );
    },
  );
}
