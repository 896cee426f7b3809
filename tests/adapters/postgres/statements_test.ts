import { statementsContract } from "../../application/ports/statements_contract.ts";
import { withPostgres } from "../../support/store_fixture.ts";

Deno.test("statements contract on the Postgres store", (t) =>
  withPostgres(({ open }) => statementsContract(t, open)));
