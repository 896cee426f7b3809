import { outboxContract } from "../../application/ports/outbox_contract.ts";
import { openMemoryStore } from "../../support/store_fixture.ts";

Deno.test("outbox contract on the memory store", (t) => outboxContract(t, openMemoryStore));
