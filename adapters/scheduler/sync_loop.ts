import { getLogger } from "@logtape/logtape";
import type { Deps } from "../../application/ports/deps.ts";
import { deliverEvents } from "../../application/events/deliver_events.ts";
import { measureBacklog } from "../../application/telemetry/backlog.ts";
import type { PlatformWebhook } from "../../application/ports/outbox.ts";
import { refreshDueAgreements } from "../../application/push/agreement_terms.ts";
import { mspTurns } from "../../application/push/msp_turns.ts";

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
 * connection and no LISTEN/NOTIFY, so polling works everywhere) and starts
 * a turn for each MSP with agreements due, up to `slots` MSPs at once (see
 * `mspTurns`): a turn that waits on a slow site never holds up the next poll
 * nor another MSP. Each poll also delivers due platform events when a
 * webhook is configured, and samples the queue gauges. `deps` should carry
 * the background ConnectWise client (shorter timeouts, the site breakers).
 */
export function startSyncLoop(
  deps: Deps,
  options: { owner: string; intervalMs?: number; slots?: number; webhook?: PlatformWebhook },
): SyncLoop {
  let running = true;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let current: Promise<void> = Promise.resolve();
  let measuredAt = -Infinity;
  let checkedAt = -Infinity;
  let refreshing: Promise<void> | null = null;
  // Invoice dates are read in the background, one run at a time: a site that hangs there
  // never holds up the next poll (nor, through it, another MSP's pushes).
  const refresh = () =>
    refreshDueAgreements(deps).then(({ failed }) => {
      for (const { mspId, error } of failed) {
        log.warning("Reading the agreements of MSP {mspId} failed: {error}", {
          mspId,
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }).catch((error) =>
      log.error("Reading agreements failed: {error}", {
        error: error instanceof Error ? error.message : String(error),
      })
    ).finally(() => (refreshing = null));
  const turns = mspTurns(deps, {
    owner: options.owner,
    slots: options.slots,
    onTurn: (mspId, summary) => {
      if (summary.agreements === 0) return;
      log.info(
        "Sync of MSP {mspId}: {agreements} agreement(s), {written} written, {failed} failed",
        { mspId, ...summary },
      );
    },
    onError: ({ mspId, agreementId }, error) =>
      log.error("Sync of MSP {mspId} failed (agreement {agreementId}): {error}", {
        mspId,
        agreementId: agreementId ?? "none",
        error: error instanceof Error ? error.message : String(error),
      }),
  });
  const tick = async () => {
    try {
      await turns.fill();
      if (refreshing === null && Date.now() - checkedAt >= AGREEMENT_CHECK_POLL_MS) {
        checkedAt = Date.now();
        refreshing = refresh();
      }
      if (options.webhook) await deliverEvents(deps, options.webhook);
      if (Date.now() - measuredAt >= MEASURE_EVERY_MS) {
        measuredAt = Date.now();
        await measureBacklog(deps);
      }
    } catch (error) {
      log.error("Sync poll failed: {error}", {
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
      await turns.drain();
      await refreshing;
    },
  };
}
