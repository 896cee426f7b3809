import { getLogger } from "@logtape/logtape";
import type { Deps } from "../../application/deps.ts";
import { deliverEvents } from "../../application/deliver_events.ts";
import { measureBacklog } from "../../application/observability/backlog.ts";
import type { PlatformWebhook } from "../../application/ports/outbox.ts";
import { refreshDueAgreements } from "../../application/sync/agreement_terms.ts";
import { runSyncRound } from "../../application/sync/worker.ts";

const log = getLogger(["psa-sync", "worker"]);

/** A background loop that drains dirty agreements and outbound events. */
export interface SyncLoop {
  stop(): Promise<void>;
}

/** How often the loop samples the queue gauges for the OTel export (a scrape samples too). */
const MEASURE_EVERY_MS = 15_000;

/** How often the loop looks for agreements whose terms are due to be read again. */
const AGREEMENT_CHECK_POLL_MS = 30_000;

/**
 * Polls the sync queue every `intervalMs` (the embedded database has one
 * connection and no LISTEN/NOTIFY, so polling works everywhere), delivers
 * due platform events when a webhook is configured, and samples the queue gauges.
 */
export function startSyncLoop(
  deps: Deps,
  options: { owner: string; intervalMs?: number; webhook?: PlatformWebhook },
): SyncLoop {
  let running = true;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let current: Promise<void> = Promise.resolve();
  let measuredAt = -Infinity;
  let checkedAt = -Infinity;
  const tick = async () => {
    try {
      if (Date.now() - checkedAt >= AGREEMENT_CHECK_POLL_MS) {
        checkedAt = Date.now();
        const { failed } = await refreshDueAgreements(deps);
        for (const { mspId, error } of failed) {
          log.warning("Reading the agreements of MSP {mspId} failed: {error}", {
            mspId,
            error: error instanceof Error ? error.message : String(error),
          });
        }
      }
      const summary = await runSyncRound(deps, {
        owner: options.owner,
        onError: (item, error) =>
          log.error("Sync of agreement {agreementId} failed: {error}", {
            mspId: item.mspId,
            agreementId: item.agreementId,
            error: error instanceof Error ? error.message : String(error),
          }),
      });
      if (summary.agreements > 0) {
        log.info("Sync round: {agreements} agreement(s), {written} written, {failed} failed", {
          ...summary,
        });
      }
      if (options.webhook) await deliverEvents(deps, options.webhook);
      if (Date.now() - measuredAt >= MEASURE_EVERY_MS) {
        measuredAt = Date.now();
        await measureBacklog(deps);
      }
    } catch (error) {
      log.error("Sync round failed: {error}", {
        error: error instanceof Error ? error.message : String(error),
      });
    }
  };
  const schedule = () => {
    if (!running) return;
    timer = setTimeout(() => {
      current = tick().finally(schedule);
    }, options.intervalMs ?? 250);
  };
  schedule();
  return {
    async stop() {
      running = false;
      clearTimeout(timer);
      await current;
    },
  };
}
