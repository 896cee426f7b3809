import { usageLedgerContracts } from "../../application/ports/usage_ledger_contract.ts";
import { openMemoryStore } from "../../support/store_fixture.ts";

Deno.test("usage ledger contracts (event ids, period summaries, concurrent reports) on the memory store", (t) =>
  usageLedgerContracts(t, openMemoryStore));
