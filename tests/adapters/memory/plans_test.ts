import { plansContract } from "../../application/ports/plans_contract.ts";
import { openMemoryStore } from "../../support/store_fixture.ts";

Deno.test("plans contract on the memory store", (t) => plansContract(t, openMemoryStore));
