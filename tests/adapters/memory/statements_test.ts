import { statementsContract } from "../../application/ports/statements_contract.ts";
import { openMemoryStore } from "../../support/store_fixture.ts";

Deno.test("statements contract on the memory store", (t) => statementsContract(t, openMemoryStore));
