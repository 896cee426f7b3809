import type { DesiredLine } from "../../domain/billing.ts";
import { DomainError } from "../../domain/errors.ts";
import type { Period } from "../../domain/period.ts";
import { AuthenticationFailed, PermissionMissing, UpstreamError } from "../ports/errors.ts";
import type { Deps } from "../ports/deps.ts";
import type { AuditEntry } from "../ports/audit_log.ts";
import type { LineFields, OwnedLine, PushResult } from "../lines/push_result.ts";

/** `pending` when worth retrying (network, 429, 5xx), else `failed`; unknown errors rethrown. */
export function recordFailure(
  deps: Deps,
  ctx: {
    period: Period;
    desired: DesiredLine;
    error: unknown;
    result: PushResult;
    owned: OwnedLine;
    journal: Omit<AuditEntry, "id">[];
  },
): LineFields {
  const { error, desired, result, owned } = ctx;
  if (!(error instanceof DomainError)) throw error;
  result.failed++;
  const retryable = error instanceof UpstreamError && error.retryable;
  if (retryable) result.retryable = true;
  const retryAt = error instanceof UpstreamError ? error.retryAt : null;
  if (retryAt && (!result.retryAt || retryAt > result.retryAt)) result.retryAt = retryAt;
  if (error instanceof PermissionMissing || error instanceof AuthenticationFailed) {
    result.attention = error.message;
  }
  const reason = error instanceof PermissionMissing && error.area === "Agreements"
    ? `ConnectWise refused the write: the API member lacks "Agreements" add/edit permission` +
      (error.said ? `: ${error.said}` : "")
    : error.message;
  ctx.journal.push({
    at: deps.clock.now(),
    action: "failure",
    agreementId: desired.agreementId,
    productId: desired.productId,
    additionId: owned?.additionId ?? null,
    period: ctx.period,
    oldQuantity: owned?.writtenQuantity ?? null,
    newQuantity: desired.quantity,
    message: reason,
  });
  return {
    desiredQuantity: desired.quantity,
    writtenQuantity: owned?.writtenQuantity ?? null,
    additionId: owned?.additionId ?? null,
    status: retryable ? "pending" : "failed",
    reason,
    updatedAt: deps.clock.now(),
  };
}
