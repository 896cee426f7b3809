import { agreementsContract } from "../../application/ports/agreements_contract.ts";
import { openMemoryStore } from "../../support/store_fixture.ts";

Deno.test("agreements contract on the memory store", (t) => agreementsContract(t, openMemoryStore));
