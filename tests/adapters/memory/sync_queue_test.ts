import { syncQueueContract } from "../../application/ports/sync_queue_contract.ts";
import { openMemoryStore } from "../../support/store_fixture.ts";

Deno.test("sync queue contract on the memory store", (t) => syncQueueContract(t, openMemoryStore));
