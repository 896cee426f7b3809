import { companyMappingsContract } from "../../application/ports/company_mappings_contract.ts";
import { connectionsContract } from "../../application/ports/connections_contract.ts";
import { organizationsContract } from "../../application/ports/organizations_contract.ts";
import { plansContract } from "../../application/ports/plans_contract.ts";
import { productMappingsContract } from "../../application/ports/product_mappings_contract.ts";
import type { OpenStore } from "../../application/ports/store_contract.ts";
import { openMemoryStore, withPostgres } from "../../support/store_fixture.ts";

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
