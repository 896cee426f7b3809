import assert from "node:assert/strict";
import type { Organization } from "../../../domain/organization.ts";
import { contractCase, type OpenStore } from "./store_contract.ts";

const org = (id: string, overrides: Partial<Organization> = {}): Organization => ({
  id,
  name: `Org ${id}`,
  planId: "core",
  licenseType: "standard",
  ...overrides,
});

/** Organizations: per MSP, replaced by id, listed by id. */
export async function organizationsContract(t: Deno.TestContext, open: OpenStore): Promise<void> {
  await contractCase(t, open, "organizations: unknown is undefined", async (s) => {
    assert.equal(await s.organizations.get("msp-a", "o1"), undefined);
    assert.deepEqual(await s.organizations.list("msp-a"), []);
  });

  await contractCase(t, open, "organizations: saved ones read back, listed by id", async (s) => {
    const all = [org("o2", { licenseType: "trial" }), org("o1"), org("o3", { licenseType: "nfr" })];
    for (const o of all) await s.organizations.save("msp-a", o);
    assert.deepEqual(await s.organizations.get("msp-a", "o2"), all[0]);
    assert.deepEqual(await s.organizations.list("msp-a"), [all[1], all[0], all[2]]);
  });

  await contractCase(t, open, "organizations: saving again replaces (plan change)", async (s) => {
    await s.organizations.save("msp-a", org("o1"));
    await s.organizations.save("msp-a", org("o1", { name: "Renamed", planId: "premium" }));
    assert.deepEqual(await s.organizations.list("msp-a"), [
      org("o1", { name: "Renamed", planId: "premium" }),
    ]);
  });

  await contractCase(
    t,
    open,
    "organizations: the same id in two MSPs is two records",
    async (s) => {
      await s.organizations.save("msp-a", org("o1"));
      await s.organizations.save("msp-b", org("o1", { name: "Other" }));
      assert.equal((await s.organizations.get("msp-a", "o1"))?.name, "Org o1");
      assert.equal((await s.organizations.get("msp-b", "o1"))?.name, "Other");
      assert.equal((await s.organizations.list("msp-a")).length, 1);
    },
  );

  await contractCase(
    t,
    open,
    "organizations: pages by id cover the MSP once, each at most the limit",
    async (s) => {
      const ids = ["o5", "o1", "o7", "o3", "o2", "o6", "o4"];
      for (const id of ids) await s.organizations.save("msp-a", org(id));
      await s.organizations.save("msp-b", org("o0"));
      const pages: Organization[][] = [];
      let after: string | null = null;
      for (;;) {
        const page: Organization[] = await s.organizations.page("msp-a", { after, limit: 3 });
        if (page.length === 0) break;
        pages.push(page);
        after = page[page.length - 1].id;
      }
      assert.deepEqual(pages.map((p) => p.length), [3, 3, 1]);
      assert.deepEqual(pages.flat(), await s.organizations.list("msp-a"));
      assert.deepEqual(await s.organizations.page("msp-a", { after: "o7", limit: 3 }), []);
    },
  );
}
