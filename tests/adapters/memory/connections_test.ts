import { connectionsContract } from "../../application/ports/connections_contract.ts";
import { openMemoryStore } from "../../support/store_fixture.ts";

Deno.test("connections contract on the memory store", (t) =>
  connectionsContract(t, openMemoryStore));
