import assert from "node:assert/strict";
import type { CompanyMapping } from "../../../domain/company_mapping.ts";
import { contractCase, type OpenStore } from "./store_contract.ts";

const mapping = (organizationId: string, agreementId = 1000): CompanyMapping => ({
  organizationId,
  companyId: 100,
  agreementId,
});

/** Company mappings: at most one per organization, listed by organization id. */
export async function companyMappingsContract(
  t: Deno.TestContext,
  open: OpenStore,
): Promise<void> {
  await contractCase(t, open, "company mappings: unmapped is undefined", async (s) => {
    assert.equal(await s.companyMappings.get("msp-a", "o1"), undefined);
    assert.deepEqual(await s.companyMappings.list("msp-a"), []);
  });

  await contractCase(
    t,
    open,
    "company mappings: organizations may share an agreement",
    async (s) => {
      await s.companyMappings.save("msp-a", mapping("o2"));
      await s.companyMappings.save("msp-a", mapping("o1"));
      assert.deepEqual(await s.companyMappings.get("msp-a", "o1"), mapping("o1"));
      assert.deepEqual(await s.companyMappings.list("msp-a"), [mapping("o1"), mapping("o2")]);
    },
  );

  await contractCase(t, open, "company mappings: mapping again replaces the mapping", async (s) => {
    await s.companyMappings.save("msp-a", mapping("o1"));
    const moved = { organizationId: "o1", companyId: 200, agreementId: 2_000_000_001 };
    await s.companyMappings.save("msp-a", moved);
    assert.deepEqual(await s.companyMappings.list("msp-a"), [moved]);
  });

  await contractCase(
    t,
    open,
    "company mappings: the names given are kept, replaced on a new mapping, absent when not given",
    async (s) => {
      const named = { ...mapping("o1"), companyName: "Alpha Corp", agreementName: "Alpha MSA" };
      await s.companyMappings.save("msp-a", named);
      await s.companyMappings.save("msp-a", { ...mapping("o2"), companyName: undefined });
      assert.deepEqual(await s.companyMappings.get("msp-a", "o1"), named);
      assert.deepEqual(await s.companyMappings.list("msp-a"), [named, mapping("o2")]);
      const moved = { ...mapping("o1", 2000), agreementName: 'Ünïcode "MSA" 2' };
      await s.companyMappings.save("msp-a", moved);
      assert.deepEqual(await s.companyMappings.forAgreement("msp-a", 2000), [moved]);
    },
  );

  await contractCase(t, open, "company mappings: delete says whether it existed", async (s) => {
    await s.companyMappings.save("msp-a", mapping("o1"));
    assert.equal(await s.companyMappings.delete("msp-a", "o1"), true);
    assert.equal(await s.companyMappings.delete("msp-a", "o1"), false);
    assert.equal(await s.companyMappings.get("msp-a", "o1"), undefined);
  });

  await contractCase(t, open, "company mappings: per MSP", async (s) => {
    await s.companyMappings.save("msp-a", mapping("o1"));
    await s.companyMappings.save("msp-b", mapping("o1", 3000));
    assert.equal(await s.companyMappings.delete("msp-b", "o1"), true);
    assert.deepEqual(await s.companyMappings.get("msp-a", "o1"), mapping("o1"));
    assert.deepEqual(await s.companyMappings.list("msp-b"), []);
  });

  await contractCase(
    t,
    open,
    "company mappings: forAgreement(s) list the organizations of one agreement (or several)",
    async (s) => {
      await s.companyMappings.save("msp-a", {
        organizationId: "o2",
        companyId: 1,
        agreementId: 10,
      });
      await s.companyMappings.save("msp-a", {
        organizationId: "o1",
        companyId: 1,
        agreementId: 10,
      });
      await s.companyMappings.save("msp-a", {
        organizationId: "o3",
        companyId: 2,
        agreementId: 20,
      });
      await s.companyMappings.save("msp-b", {
        organizationId: "o4",
        companyId: 1,
        agreementId: 10,
      });
      const ids = (await s.companyMappings.forAgreement("msp-a", 10)).map((m) => m.organizationId);
      assert.deepEqual(ids, ["o1", "o2"]);
      assert.deepEqual(await s.companyMappings.forAgreement("msp-a", 30), []);
      const many = await s.companyMappings.forAgreements("msp-a", [20, 10, 30]);
      assert.deepEqual(many.map((m) => [m.organizationId, m.agreementId]), [
        ["o1", 10],
        ["o2", 10],
        ["o3", 20],
      ]);
      assert.deepEqual(await s.companyMappings.forAgreements("msp-a", []), []);
    },
  );

  await contractCase(
    t,
    open,
    "company mappings: agreementIds lists each mapped agreement once, ascending",
    async (s) => {
      const saves: [string, number][] = [["o1", 30], ["o2", 10], ["o3", 30], ["o4", 20]];
      for (const [organizationId, agreementId] of saves) {
        await s.companyMappings.save("msp-a", { organizationId, companyId: 1, agreementId });
      }
      await s.companyMappings.save("msp-b", { organizationId: "o1", companyId: 1, agreementId: 5 });
      await s.companyMappings.delete("msp-a", "o4");
      assert.deepEqual(await s.companyMappings.agreementIds("msp-a"), [10, 30]);
      assert.deepEqual(await s.companyMappings.agreementIds("msp-c"), []);
    },
  );
}
