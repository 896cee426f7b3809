import { storeContract } from "../../application/ports/store_contract.ts";
import { unitOfWorkContract } from "../../application/ports/unit_of_work_contract.ts";
import { refusalsContract } from "../../application/ports/refusals_contract.ts";
import type { OpenStore } from "../../application/ports/store_contract.ts";
import { withPostgres } from "../../support/store_fixture.ts";

/** Every suite of the store port, in turn. */
async function storeContracts(t: Deno.TestContext, open: OpenStore): Promise<void> {
  await storeContract(t, open);
  await unitOfWorkContract(t, open);
  await refusalsContract(t, open);
}

Deno.test("store contracts (transactions, unit of work, refusals) on the Postgres store", (t) =>
  withPostgres(({ open }) => storeContracts(t, open)));
