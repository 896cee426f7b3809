import type { Deps } from "../ports/deps.ts";
import { lineKey } from "../../domain/sync_line.ts";
import type { SyncLine } from "../ports/sync_lines.ts";
import type { PushResult } from "../lines/push_result.ts";
import { eventId } from "./event_id.ts";

const NEEDS_ATTENTION = new Set(["blocked", "failed"]);

/** The lines that have just become `blocked` or `failed` (a line staying so is no news). */
export function newlyStuck(before: readonly SyncLine[], after: readonly SyncLine[]): SyncLine[] {
  const was = new Map(before.map((l) => [lineKey(l), l.status]));
  return after.filter((l) => NEEDS_ATTENTION.has(l.status) && was.get(lineKey(l)) !== l.status);
}

function lineView(l: SyncLine) {
  const { agreementId, productId, kind, period, status, reason } = l;
  return { agreementId, productId, kind, period, status, reason };
}

/**
 * One `sync.attention` per state change a push found (the connection refused, else lines newly
 * stuck); its id derives from the change, so a retry or a second worker adds no event.
 */
export async function announceAttention(
  deps: Deps,
  input: {
    mspId: string;
    before: readonly SyncLine[];
    after: readonly SyncLine[];
    result: PushResult;
  },
): Promise<void> {
  const { mspId, result } = input;
  const lines = newlyStuck(input.before, input.after);
  let id: string;
  let payload: Record<string, unknown>;
  if (result.attention !== null) {
    // One episode per connection: saving the credentials again starts a new one.
    const connection = await deps.store.connections.get(mspId);
    const since = connection?.connectedAt.toISOString() ?? "";
    id = await eventId("sync.attention", mspId, "connection", since);
    payload = { attention: "connection", reason: result.attention, lines: lines.map(lineView) };
  } else if (lines.length > 0) {
    const changes = lines.map((l) => `${lineKey(l)}|${l.status}|${l.updatedAt.toISOString()}`);
    id = await eventId("sync.attention", mspId, "lines", ...changes);
    payload = { attention: "lines", reason: lines[0].reason, lines: lines.map(lineView) };
  } else {
    return;
  }
  await deps.store.outbox.add({
    id,
    type: "sync.attention",
    mspId,
    payload: { type: "sync.attention", msp: mspId, ...payload },
    nextAttemptAt: deps.clock.now(),
  });
}

/** A product of an agreement whose invoice did not (or may not) carry its final. */
export interface InvoicedProduct {
  readonly productId: number;
  readonly additionId: number | null;
  /** What the addition held when invoiced; null when it cannot be known. */
  readonly invoiced: number | null;
  readonly final: number;
}

/**
 * Tells the MSP what to bill by hand when the invoice came before (or perhaps before) the final;
 * its id comes from the agreement and period, so it is one event however often found.
 */
export async function announceInvoicedFinal(
  deps: Deps,
  input: {
    mspId: string;
    agreementId: number;
    period: string;
    certain: boolean;
    products: readonly InvoicedProduct[];
  },
): Promise<void> {
  const { mspId, agreementId, period, certain, products } = input;
  const id = await eventId("sync.attention", mspId, "invoice", String(agreementId), period);
  const reason = certain
    ? `agreement ${agreementId} was invoiced before its ${period} final reached ConnectWise`
    : `agreement ${agreementId} was invoiced while its ${period} final was being written`;
  await deps.store.outbox.add({
    id,
    type: "sync.attention",
    mspId,
    payload: {
      type: "sync.attention",
      msp: mspId,
      attention: "invoice",
      reason,
      agreementId,
      period,
      products: products.map((p) => ({ ...p })),
    },
    nextAttemptAt: deps.clock.now(),
  });
}
