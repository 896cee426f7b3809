import { outboxContract } from "../../application/ports/outbox_contract.ts";
import { withPostgres } from "../../support/store_fixture.ts";

Deno.test("outbox contract on the Postgres store", (t) =>
  withPostgres(({ open }) => outboxContract(t, open)));
