import { plansContract } from "../../application/ports/plans_contract.ts";
import { withPostgres } from "../../support/store_fixture.ts";

Deno.test("plans contract on the Postgres store", (t) =>
  withPostgres(({ open }) => plansContract(t, open)));
