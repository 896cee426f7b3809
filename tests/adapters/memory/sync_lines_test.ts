import { syncLinesContract } from "../../application/ports/sync_lines_contract.ts";
import { openMemoryStore } from "../../support/store_fixture.ts";

Deno.test("sync lines contract on the memory store", (t) => syncLinesContract(t, openMemoryStore));
