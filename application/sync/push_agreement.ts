import type { DesiredLine } from "../../domain/billing.ts";
import { DomainError } from "../../domain/errors.ts";
import type { Period } from "../../domain/period.ts";
import { decide, type Decision } from "../../domain/reconcile.ts";
import { AuthenticationFailed, PermissionMissing, UpstreamError } from "../errors.ts";
import type { Deps } from "../deps.ts";
import type { AgreementAdditions, ConnectWiseSession } from "../ports/connectwise.ts";
import { lineKey, type SyncLine } from "../ports/sync_lines.ts";
import { agreementTarget } from "./desired.ts";

/** What one push of an agreement did. */
export interface PushResult {
  written: number;
  failed: number;
  /** A failure worth retrying later (network, 429, 5xx). */
  retryable: boolean;
  /** The credentials or role were refused: the connection needs attention. */
  attention: string | null;
}

/**
 * Brings one agreement's additions to the desired quantities of a period:
 * decides per (agreement, product), writes only what differs, records each
 * line's status and one audit entry per write, drift, adoption or failure.
 */
export async function pushAgreement(
  deps: Deps,
  input: {
    mspId: string;
    agreementId: number;
    period: Period;
    final: boolean;
    session: ConnectWiseSession;
  },
): Promise<PushResult> {
  const { mspId, agreementId, period, final } = input;
  const target = await agreementTarget(deps.store, input);
  const existing = await deps.store.syncLines.forAgreement(mspId, agreementId);
  const result: PushResult = { written: 0, failed: 0, retryable: false, attention: null };
  const keep: string[] = [];
  for (const desired of target.lines) {
    const owned = existing.find((l) => l.productId === desired.productId && l.additionId !== null);
    const base = { agreementId, productId: desired.productId, kind: desired.kind, period, final };
    let line: LineFields;
    try {
      const remote = await input.session.additions.list(agreementId, desired.productId);
      const decision = decide(
        desired.quantity,
        owned ? { additionId: owned.additionId!, writtenQuantity: owned.writtenQuantity } : null,
        remote,
        desired.productId,
      );
      line = await apply(deps, {
        mspId,
        period,
        desired,
        decision,
        additions: input.session.additions,
        result,
        owned,
      });
    } catch (error) {
      line = await failure(deps, { mspId, period, desired, error, result, owned });
    }
    await deps.store.syncLines.save(mspId, { ...base, ...line });
    keep.push(lineKey(base));
  }
  for (const b of target.blocked) {
    const line: SyncLine = {
      agreementId,
      productId: null,
      kind: b.kind,
      period,
      final,
      desiredQuantity: 0,
      writtenQuantity: null,
      additionId: null,
      status: "blocked",
      reason: b.reason,
      updatedAt: deps.clock.now(),
    };
    if (keep.includes(lineKey(line))) continue;
    await deps.store.syncLines.save(mspId, line);
    keep.push(lineKey(line));
  }
  await deps.store.syncLines.prune(mspId, agreementId, keep);
  return result;
}

type LineFields = Omit<SyncLine, "agreementId" | "productId" | "kind" | "period" | "final">;

async function apply(
  deps: Deps,
  ctx: {
    mspId: string;
    period: Period;
    desired: DesiredLine;
    decision: Decision;
    additions: AgreementAdditions;
    result: PushResult;
    owned: SyncLine | undefined;
  },
): Promise<LineFields> {
  const { mspId, period, desired, decision, additions, result } = ctx;
  const { agreementId, productId, quantity } = desired;
  const audit = (
    action: "create" | "update" | "adopt" | "drift",
    oldQ: number | null,
    additionId: number,
    message: string,
  ) =>
    deps.store.audit.append(mspId, {
      at: deps.clock.now(),
      action,
      agreementId,
      productId,
      additionId,
      period,
      oldQuantity: oldQ,
      newQuantity: quantity,
      message,
    });
  const done = (additionId: number | null, written: number | null): LineFields => ({
    desiredQuantity: quantity,
    writtenQuantity: written,
    additionId,
    status: "in-sync",
    reason: desired.notes.join("; ") || null,
    updatedAt: deps.clock.now(),
  });
  switch (decision.action) {
    case "blocked":
      return {
        desiredQuantity: quantity,
        writtenQuantity: ctx.owned?.writtenQuantity ?? null,
        additionId: ctx.owned?.additionId ?? null,
        status: "blocked",
        reason: decision.reason,
        updatedAt: deps.clock.now(),
      };
    case "none":
      return done(decision.additionId, decision.additionId === null ? null : decision.quantity);
    case "create": {
      const created = await additions.create(agreementId, { productId, quantity });
      result.written++;
      await audit("create", null, created.id, `created addition with quantity ${quantity}`);
      return done(created.id, quantity);
    }
    case "adopt": {
      await audit(
        "adopt",
        decision.currentQuantity,
        decision.additionId,
        `adopted existing addition ${decision.additionId}`,
      );
      if (decision.write) {
        await additions.setQuantity(agreementId, decision.additionId, quantity);
        result.written++;
        await audit(
          "update",
          decision.currentQuantity,
          decision.additionId,
          `quantity ${decision.currentQuantity} -> ${quantity}`,
        );
      }
      return done(decision.additionId, quantity);
    }
    case "update": {
      if (decision.drift) {
        await audit(
          "drift",
          ctx.owned?.writtenQuantity ?? null,
          decision.additionId,
          `ConnectWise held ${decision.currentQuantity}, the service had written ${ctx.owned?.writtenQuantity}: overwritten`,
        );
      }
      await additions.setQuantity(agreementId, decision.additionId, quantity);
      result.written++;
      await audit(
        "update",
        decision.currentQuantity,
        decision.additionId,
        `quantity ${decision.currentQuantity} -> ${quantity}`,
      );
      return done(decision.additionId, quantity);
    }
  }
}

async function failure(
  deps: Deps,
  ctx: {
    mspId: string;
    period: Period;
    desired: DesiredLine;
    error: unknown;
    result: PushResult;
    owned: SyncLine | undefined;
  },
): Promise<LineFields> {
  const { error, desired, result } = ctx;
  if (!(error instanceof DomainError)) throw error;
  result.failed++;
  const retryable = error instanceof UpstreamError && error.retryable;
  if (retryable) result.retryable = true;
  if (error instanceof PermissionMissing || error instanceof AuthenticationFailed) {
    result.attention = error.message;
  }
  const reason = error instanceof PermissionMissing && error.area === "Agreements"
    ? `ConnectWise refused the write: the API member lacks "Agreements" add/edit permission`
    : error.message;
  await deps.store.audit.append(ctx.mspId, {
    at: deps.clock.now(),
    action: "failure",
    agreementId: desired.agreementId,
    productId: desired.productId,
    additionId: ctx.owned?.additionId ?? null,
    period: ctx.period,
    oldQuantity: ctx.owned?.writtenQuantity ?? null,
    newQuantity: desired.quantity,
    message: reason,
  });
  return {
    desiredQuantity: desired.quantity,
    writtenQuantity: ctx.owned?.writtenQuantity ?? null,
    additionId: ctx.owned?.additionId ?? null,
    status: retryable ? "pending" : "failed",
    reason,
    updatedAt: deps.clock.now(),
  };
}
