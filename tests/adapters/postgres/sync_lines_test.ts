import { syncLinesContract } from "../../application/ports/sync_lines_contract.ts";
import { withPostgres } from "../../support/store_fixture.ts";

Deno.test("sync lines contract on the Postgres store", (t) =>
  withPostgres(({ open }) => syncLinesContract(t, open)));
