import type { Deps } from "../ports/deps.ts";

/** Queues every mapped agreement of the MSP for a push now (one statement); answers them. */
export function markMspDirty(deps: Deps, mspId: string): Promise<number[]> {
  return deps.store.syncQueue.markMappedDirty(mspId, deps.clock.now());
}
