import { statementsContract } from "../../contract/statements_contract.ts";
import { type OpenStore, storeContract } from "../../contract/store_contract.ts";
import { usageLedgerContract } from "../../contract/usage_ledger_contract.ts";
import { openMemoryStore, withPostgres } from "./store_fixture.ts";

async function ledgerContracts(t: Deno.TestContext, open: OpenStore) {
  await usageLedgerContract(t, open);
  await statementsContract(t, open);
  await storeContract(t, open);
}

Deno.test("memory store: ledger and transaction contracts", (t) =>
  ledgerContracts(t, openMemoryStore));

Deno.test("postgres store: ledger and transaction contracts", (t) =>
  withPostgres(({ open }) => ledgerContracts(t, open)));
