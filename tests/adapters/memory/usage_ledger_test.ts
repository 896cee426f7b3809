import { usageLedgerContract } from "../../application/ports/usage_ledger_contract.ts";
import { eventIdsContract } from "../../application/ports/event_ids_contract.ts";
import {
  concurrentReportsContract,
  periodSummariesContract,
} from "../../application/ports/period_summaries_contract.ts";
import type { OpenStore } from "../../application/ports/store_contract.ts";
import { openMemoryStore } from "../../support/store_fixture.ts";

/** Every suite of the usage ledger port, in turn. */
async function usageLedgerContracts(t: Deno.TestContext, open: OpenStore): Promise<void> {
  await usageLedgerContract(t, open);
  await eventIdsContract(t, open);
  await periodSummariesContract(t, open);
  await concurrentReportsContract(t, open);
}

Deno.test("usage ledger contracts (event ids, period summaries, concurrent reports) on the memory store", (t) =>
  usageLedgerContracts(t, openMemoryStore));
