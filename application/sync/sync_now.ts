import { sessionFor } from "../connection.ts";
import type { Deps } from "../deps.ts";
import { refreshAgreements } from "./agreement_terms.ts";
import { markMspDirty } from "./mark_dirty.ts";
import { drainSync, type SyncSummary } from "./worker.ts";

/**
 * Runs a sync of every mapped agreement of the MSP now (a write: it pushes to
 * ConnectWise): the agreements' invoice dates are read again first (in bulk),
 * so a final whose invoice was made is released at once, and held finals are
 * read back and corrected.
 */
export async function syncNow(
  deps: Deps,
  input: { mspId: string; owner: string },
): Promise<SyncSummary> {
  const session = await sessionFor(deps, input.mspId);
  const agreementIds = await deps.store.companyMappings.agreementIds(input.mspId);
  await refreshAgreements(deps, { mspId: input.mspId, agreementIds, session });
  await markMspDirty(deps, input.mspId);
  return drainSync(deps, { owner: input.owner, mspId: input.mspId, verifyHeld: true });
}
