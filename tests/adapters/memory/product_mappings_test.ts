import { productMappingsContract } from "../../application/ports/product_mappings_contract.ts";
import { openMemoryStore } from "../../support/store_fixture.ts";

Deno.test("product mappings contract on the memory store", (t) =>
  productMappingsContract(t, openMemoryStore));
