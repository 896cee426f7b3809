import { getLogger } from "@logtape/logtape";
import { lastEndedPeriod } from "../../domain/period.ts";
import type { Deps } from "../../application/ports/deps.ts";
import { finalizePeriod } from "../../application/month_end/finalize_period.ts";
import type { FinalizationTracker } from "../../application/month_end/finalization_tracker.ts";

/** Shortly after 00:00 UTC on the 1st of every month (Deno.cron runs in UTC). */
export const MONTHLY_SCHEDULE = "5 0 1 * *";

/** Deno.cron names allow only letters, digits, white space, hyphens and underscores. */
export const MONTHLY_CRON_NAME = "psa-sync finalize the previous month";

const log = getLogger(["psa-sync", "scheduler"]);

/**
 * Finalizes the month that just ended for every MSP, logging progress and
 * reporting it to `tracker` (what `GET /v1/periods/{period}/finalization`
 * answers). The same use case serves `POST /v1/periods/{period}/finalize`;
 * both are idempotent, so the schedule may race the endpoint.
 */
export async function finalizePreviousMonth(
  deps: Deps,
  options: { owner: string; tracker?: FinalizationTracker },
): Promise<void> {
  const period = lastEndedPeriod(deps.clock.now());
  log.info("Finalizing {period}", { period });
  const run = options.tracker?.start(period, deps.clock.now());
  try {
    const result = await finalizePeriod(deps, {
      period,
      owner: options.owner,
      onProgress: (p) => {
        run?.report(p);
        log.info(
          "Finalization {period}: {mspsDone}/{mspsTotal} MSPs, {linesWritten} written, {linesFailed} failed, about {secondsLeft} s left",
          {
            ...p,
            secondsLeft: p.estimatedMsLeft === null ? "?" : Math.ceil(p.estimatedMsLeft / 1_000),
          },
        );
      },
    });
    log.info("Finalized {period}: {finalizedNow} MSP(s) finalized now", { ...result });
  } catch (error) {
    run?.abandon();
    throw error;
  }
}

/**
 * Registers the monthly finalization with Deno.cron. Call it at module top
 * level (Deno Deploy discovers crons when the module loads); the service may
 * still be starting, so the handler awaits it.
 */
export function registerMonthlyFinalization(
  service: Promise<{ deps: Deps; finalizations: FinalizationTracker }>,
  options: { owner: string },
): void {
  Deno.cron(MONTHLY_CRON_NAME, MONTHLY_SCHEDULE, async () => {
    try {
      const { deps, finalizations } = await service;
      await finalizePreviousMonth(deps, { ...options, tracker: finalizations });
    } catch (error) {
      log.error("Monthly finalization failed: {error}", { error: String(error) });
      throw error; // Deno.cron records the failure and retries per its backoff
    }
  });
}
