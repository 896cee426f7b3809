import { type Deps, telemetryOf } from "../ports/deps.ts";

/** The lag is seconds since the longest-waiting agreement became due; 0 when none is late. */
export async function measureBacklog(deps: Deps): Promise<{ dirty: number; lagSeconds: number }> {
  const backlog = await deps.store.syncQueue.backlog();
  const now = deps.clock.now().getTime();
  const lagMs = backlog.oldestDue === null ? 0 : Math.max(0, now - backlog.oldestDue.getTime());
  const lagSeconds = lagMs / 1000;
  const telemetry = telemetryOf(deps);
  telemetry.gauge("dirty_agreements", {}, backlog.dirty);
  telemetry.gauge("sync_lag_seconds", {}, lagSeconds);
  return { dirty: backlog.dirty, lagSeconds };
}
