import { productMappingsContract } from "../../application/ports/product_mappings_contract.ts";
import { withPostgres } from "../../support/store_fixture.ts";

Deno.test("product mappings contract on the Postgres store", (t) =>
  withPostgres(({ open }) => productMappingsContract(t, open)));
