import type { Deps } from "../deps.ts";

/** Queues every mapped agreement of the MSP for a push now. */
export async function markMspDirty(deps: Deps, mspId: string): Promise<number[]> {
  const agreements = await deps.store.companyMappings.agreementIds(mspId);
  const at = deps.clock.now();
  for (const agreementId of agreements) {
    await deps.store.syncQueue.markDirty(mspId, agreementId, at);
  }
  return agreements;
}
