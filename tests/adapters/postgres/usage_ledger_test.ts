import { usageLedgerContracts } from "../../application/ports/usage_ledger_contract.ts";
import { withPostgres } from "../../support/store_fixture.ts";

Deno.test("usage ledger contracts (event ids, period summaries, concurrent reports) on the Postgres store", (t) =>
  withPostgres(({ open }) => usageLedgerContracts(t, open)));
