import { agreementsContract } from "../../application/ports/agreements_contract.ts";
import { withPostgres } from "../../support/store_fixture.ts";

Deno.test("agreements contract on the Postgres store", (t) =>
  withPostgres(({ open }) => agreementsContract(t, open)));
