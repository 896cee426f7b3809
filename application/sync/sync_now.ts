import { sessionFor } from "../connection.ts";
import type { Deps } from "../deps.ts";
import { markMspDirty } from "./mark_dirty.ts";
import { drainSync, type SyncSummary } from "./worker.ts";

/** Runs a sync of every mapped agreement of the MSP now (a write: it pushes to ConnectWise). */
export async function syncNow(
  deps: Deps,
  input: { mspId: string; owner: string },
): Promise<SyncSummary> {
  await sessionFor(deps, input.mspId);
  await markMspDirty(deps, input.mspId);
  return drainSync(deps, { owner: input.owner, mspId: input.mspId });
}
