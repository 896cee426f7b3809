import { companyMappingsContract } from "../../application/ports/company_mappings_contract.ts";
import { openMemoryStore } from "../../support/store_fixture.ts";

Deno.test("company mappings contract on the memory store", (t) =>
  companyMappingsContract(t, openMemoryStore));
