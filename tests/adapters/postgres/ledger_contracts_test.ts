import {
  concurrentReportsContract,
  periodSummariesContract,
} from "../../contract/period_summaries_contract.ts";
import { eventIdsContract } from "../../contract/event_ids_contract.ts";
import { refusalsContract } from "../../contract/refusals_contract.ts";
import { statementsContract } from "../../contract/statements_contract.ts";
import { type OpenStore, storeContract } from "../../contract/store_contract.ts";
import { unitOfWorkContract } from "../../contract/unit_of_work_contract.ts";
import { usageLedgerContract } from "../../contract/usage_ledger_contract.ts";
import { openMemoryStore, withPostgres } from "./store_fixture.ts";

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
