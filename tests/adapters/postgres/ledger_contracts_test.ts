import {
  concurrentReportsContract,
  periodSummariesContract,
} from "../../application/ports/period_summaries_contract.ts";
import { eventIdsContract } from "../../application/ports/event_ids_contract.ts";
import { refusalsContract } from "../../application/ports/refusals_contract.ts";
import { statementsContract } from "../../application/ports/statements_contract.ts";
import { type OpenStore, storeContract } from "../../application/ports/store_contract.ts";
import { unitOfWorkContract } from "../../application/ports/unit_of_work_contract.ts";
import { usageLedgerContract } from "../../application/ports/usage_ledger_contract.ts";
import { openMemoryStore, withPostgres } from "../../support/store_fixture.ts";

async function ledgerContracts(t: Deno.TestContext, open: OpenStore) {
  await usageLedgerContract(t, open);
  await eventIdsContract(t, open);
  await statementsContract(t, open);
  await storeContract(t, open);
  await unitOfWorkContract(t, open);
  await refusalsContract(t, open);
  await periodSummariesContract(t, open);
  await concurrentReportsContract(t, open);
}

Deno.test("memory store: ledger, transaction and refusal contracts", (t) =>
  ledgerContracts(t, openMemoryStore));

Deno.test("postgres store: ledger, transaction and refusal contracts", (t) =>
  withPostgres(({ open }) => ledgerContracts(t, open)));
