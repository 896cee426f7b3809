import { connectionsContract } from "../../application/ports/connections_contract.ts";
import { withPostgres } from "../../support/store_fixture.ts";

Deno.test("connections contract on the Postgres store", (t) =>
  withPostgres(({ open }) => connectionsContract(t, open)));
