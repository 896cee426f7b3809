// Clients of the Postgres restart test: each sends its share of usage
// reports and, on a 503, waits briefly and sends the same report again, as a
// client honouring Retry-After would (shortened, to keep the test quick).
import assert from "node:assert/strict";
import { eventOf, type ScriptMsp, type UsageBody } from "./platform_script.ts";
import type { Answer, ApiCall } from "./service_children.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What the clients saw. */
export class ClientTally {
  /** eventIds answered 202, with the report (in the order acknowledged). */
  readonly acknowledged = new Map<string, { orgId: string; report: UsageBody }>();
  /** Every answer status, counted. */
  readonly statuses = new Map<number, number>();
  /** 5xx answers while the database was down or coming back, by status. */
  readonly outage5xx = new Map<number, number>();
  /** Set by the test while the database is down or not yet answering again. */
  inOutage = false;
  /** When the database answered again, once it did (epoch ms). */
  since: number | null = null;
  firstAckAfter: number | null = null;
  /** Refusals (503) of requests sent after `since`: the way back, counted. */
  refusedAfterBack = 0;

  count(status: number): void {
    this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
    if (status >= 500 && this.inOutage) {
      this.outage5xx.set(status, (this.outage5xx.get(status) ?? 0) + 1);
    }
  }
}

/**
 * `clients` clients send `reports` (each report once, a 503 sent again after
 * `retryMs`) and record what they get in `tally` and the MSP's model.
 * Anything but 202 (first time) or 503 fails the run.
 */
export async function sendThroughOutage(
  call: ApiCall,
  msp: ScriptMsp,
  reports: readonly { orgId: string; report: UsageBody }[],
  tally: ClientTally,
  options: { clients: number; retryMs: number },
): Promise<void> {
  const queue = [...reports];
  const client = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const path = `/v1/msps/${msp.mspId}/organizations/${next.orgId}/usage`;
      let retried = false;
      for (;;) {
        const sentAfterBack = tally.since !== null;
        const res: Answer<{ duplicate?: boolean; code?: string }> = await call(
          "POST",
          path,
          next.report,
        );
        tally.count(res.status);
        if (res.status === 503 && sentAfterBack) tally.refusedAfterBack++;
        if (res.status === 202) {
          // A duplicate is right only for a report whose earlier attempt got no 202:
          // its transaction committed, the answer was lost with the connection.
          assert.ok(!res.body.duplicate || retried, `${next.report.eventId} duplicate at once`);
          tally.acknowledged.set(next.report.eventId, next);
          msp.orgs.find((o) => o.id === next.orgId)!.events.push(eventOf(next.report));
          if (tally.since !== null && tally.firstAckAfter === null) {
            tally.firstAckAfter = Date.now();
          }
          break;
        }
        assert.equal(res.status, 503, `${path}: ${res.status} ${JSON.stringify(res.body)}`);
        assert.equal(res.body.code, "database-unavailable");
        retried = true;
        await sleep(options.retryMs);
      }
    }
  };
  await Promise.all(Array.from({ length: options.clients }, client));
}

/** Sends every acknowledged report again: each must be 202 with `duplicate: true`. */
export async function resendAcknowledged(
  call: ApiCall,
  msp: ScriptMsp,
  tally: ClientTally,
  clients: number,
): Promise<string[]> {
  const queue = [...tally.acknowledged.values()];
  const wrong: string[] = [];
  const client = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const path = `/v1/msps/${msp.mspId}/organizations/${next.orgId}/usage`;
      const res = await call<{ duplicate?: boolean }>("POST", path, next.report);
      if (res.status !== 202 || res.body.duplicate !== true) {
        wrong.push(`${next.report.eventId}: ${res.status} ${JSON.stringify(res.body)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  return wrong;
}
