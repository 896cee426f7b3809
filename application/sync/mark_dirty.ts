import type { Deps } from "../deps.ts";

/** Queues every mapped agreement of the MSP for a push now. */
export async function markMspDirty(deps: Deps, mspId: string): Promise<number[]> {
  const mappings = await deps.store.companyMappings.list(mspId);
  const agreements = [...new Set(mappings.map((m) => m.agreementId))];
  await deps.store.syncQueue.markDirtyMany(mspId, agreements, deps.clock.now());
  return agreements;
}
