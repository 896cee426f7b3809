import { companyMappingsContract } from "../../contract/company_mappings_contract.ts";
import { connectionsContract } from "../../contract/connections_contract.ts";
import { organizationsContract } from "../../contract/organizations_contract.ts";
import { plansContract } from "../../contract/plans_contract.ts";
import { productMappingsContract } from "../../contract/product_mappings_contract.ts";
import type { OpenStore } from "../../contract/store_contract.ts";
import { openMemoryStore, withPostgres } from "./store_fixture.ts";

async function setupContracts(t: Deno.TestContext, open: OpenStore) {
  await plansContract(t, open);
  await connectionsContract(t, open);
  await productMappingsContract(t, open);
  await organizationsContract(t, open);
  await companyMappingsContract(t, open);
}

Deno.test("memory store: setup repository contracts", (t) => setupContracts(t, openMemoryStore));

Deno.test("postgres store: setup repository contracts", (t) =>
  withPostgres(({ open }) => setupContracts(t, open)));
