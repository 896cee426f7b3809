import type { Deps } from "../deps.ts";

/** Queues every mapped agreement of the MSP for a push now. */
export async function markMspDirty(deps: Deps, mspId: string): Promise<number[]> {
  const mappings = await deps.store.companyMappings.list(mspId);
  const agreements = [...new Set(mappings.map((m) => m.agreementId))];
  const at = deps.clock.now();
  for (const agreementId of agreements) {
    await deps.store.syncQueue.markDirty(mspId, agreementId, at);
  }
  return agreements;
}
