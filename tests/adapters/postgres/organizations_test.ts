import { organizationsContract } from "../../application/ports/organizations_contract.ts";
import { withPostgres } from "../../support/store_fixture.ts";

Deno.test("organizations contract on the Postgres store", (t) =>
  withPostgres(({ open }) => organizationsContract(t, open)));
