import { companyMappingsContract } from "../../application/ports/company_mappings_contract.ts";
import { withPostgres } from "../../support/store_fixture.ts";

Deno.test("company mappings contract on the Postgres store", (t) =>
  withPostgres(({ open }) => companyMappingsContract(t, open)));
