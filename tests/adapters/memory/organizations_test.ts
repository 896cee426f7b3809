import { organizationsContract } from "../../application/ports/organizations_contract.ts";
import { openMemoryStore } from "../../support/store_fixture.ts";

Deno.test("organizations contract on the memory store", (t) =>
  organizationsContract(t, openMemoryStore));
