import { syncQueueContract } from "../../application/ports/sync_queue_contract.ts";
import { withPostgres } from "../../support/store_fixture.ts";

Deno.test("sync queue contract on the Postgres store", (t) =>
  withPostgres(({ open }) => syncQueueContract(t, open)));
