import { lineKey } from "../../domain/sync_line.ts";
import type { Deps } from "../ports/deps.ts";
import { announceAttention } from "../events/attention.ts";
import type { SyncLine } from "../ports/sync_lines.ts";
import type { AgreementTarget } from "../figures/desired.ts";

/** Lines `blocked` or `held` without a call to ConnectWise, each keeping its addition. */
export async function recordUnwritten(
  deps: Deps,
  input: {
    mspId: string;
    agreementId: number;
    target: AgreementTarget;
    period: string;
    final: boolean;
    status: "blocked" | "held";
    reason: string;
  },
): Promise<SyncLine[]> {
  const { mspId, agreementId, target, period, final, status, reason } = input;
  const existing = new Map(target.existing.map((l) => [lineKey(l), l]));
  const lines = target.lines.map((d): SyncLine => {
    const was = existing.get(lineKey(d));
    const line: SyncLine = {
      agreementId,
      productId: d.productId,
      kind: d.kind,
      period,
      final,
      desiredQuantity: d.quantity,
      writtenQuantity: was?.writtenQuantity ?? null,
      additionId: was?.additionId ?? null,
      status,
      reason,
      updatedAt: deps.clock.now(),
    };
    const same = was !== undefined && was.status === status && was.reason === reason &&
      was.period === period && was.desiredQuantity === d.quantity;
    return same ? was : line;
  });
  const unchanged = lines.length === target.existing.length &&
    lines.every((l) => existing.get(lineKey(l)) === l);
  if (unchanged) return [...target.existing];
  await deps.store.syncLines.record(mspId, { agreementId, lines, audit: [] });
  const result = { written: 0, failed: 0, retryable: false, attention: null };
  await announceAttention(deps, { mspId, before: target.existing, after: lines, result });
  return lines;
}

/** What the additions of a held final should hold: the quantities the lines hold it at. */
export function heldTarget(lines: readonly SyncLine[]): AgreementTarget {
  const held = lines.filter((l) => l.final && l.status === "held" && l.productId !== null);
  return {
    lines: held.map((l) => ({
      agreementId: l.agreementId,
      productId: l.productId!,
      kind: l.kind,
      quantity: l.desiredQuantity,
      organizationIds: [],
      notes: [],
    })),
    blocked: [],
    existing: [...lines],
    hasUsage: true,
  };
}
