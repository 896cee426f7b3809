import { checkPeriodAsked } from "../../domain/period.ts";
import type { Statement } from "../../domain/statement.ts";
import { lineStatusNow } from "../../domain/sync_line.ts";
import { sessionFor } from "../connection/connection.ts";
import type { Deps } from "../ports/deps.ts";
import type { AuditEntry } from "../ports/audit_log.ts";
import type { SyncLine } from "../ports/sync_lines.ts";
import { computeStatements } from "../statements/finalize_statements.ts";
import { planAgreement } from "../push/plan_agreement.ts";
import { readPushScope, scopedTarget } from "../push/push_scope.ts";
import { stepFor } from "../push/push_sequence.ts";

/** A sync line as shown: its status now, and its agreement as last read. */
export interface SyncLineView extends SyncLine {
  /** The agreement's next invoice date as last read; null when unknown. */
  readonly nextInvoiceDate: Date | null;
  /** The agreement's name as last read; null when never read. */
  readonly agreementName: string | null;
}

/**
 * Every sync line of the MSP, with the status it has now (`lineStatusNow`)
 * and its agreement's next invoice date.
 */
export async function syncLines(deps: Deps, mspId: string): Promise<SyncLineView[]> {
  const [lines, queued] = await Promise.all([
    deps.store.syncLines.list(mspId),
    deps.store.syncQueue.queued(mspId),
  ]);
  const ids = [...new Set(lines.map((l) => l.agreementId))];
  const records = ids.length === 0 ? [] : await deps.store.agreements.get(mspId, ids);
  const read = new Map(records.map((r) => [r.terms.id, r]));
  const waiting = new Set(queued.map((q) => q.agreementId));
  return lines.map((line) => ({
    ...line,
    status: lineStatusNow(line.status, waiting.has(line.agreementId)),
    nextInvoiceDate: read.get(line.agreementId)?.watch.nextInvoiceDate ?? null,
    agreementName: read.get(line.agreementId)?.terms.name ?? null,
  }));
}

/** One line of a preview: what a sync would do now. */
export interface PreviewLine {
  readonly agreementId: number;
  readonly productId: number;
  readonly additionId: number | null;
  readonly currentQuantity: number | null;
  readonly newQuantity: number;
  readonly action: "create" | "adopt" | "update" | "none" | "blocked";
  readonly reason: string | null;
}

/**
 * What a sync would write now, agreement by agreement: the same step and the
 * same decisions as the push (a held final, figures waiting for an invoice or
 * an agreement that cannot bill write nothing). Reads ConnectWise, writes nothing there.
 */
export async function previewSync(deps: Deps, mspId: string): Promise<PreviewLine[]> {
  const session = await sessionFor(deps, mspId);
  const agreementIds = await deps.store.companyMappings.agreementIds(mspId);
  const scope = await readPushScope(deps, { mspId, agreementIds });
  const preview: PreviewLine[] = [];
  for (const agreementId of agreementIds) {
    const record = scope.agreements.get(agreementId);
    const step = record ? stepFor(deps, scope, record) : null;
    const final = step?.kind === "final";
    const target = scopedTarget(scope, { agreementId, final });
    if (step && (step.kind === "blocked" || step.kind === "hold" || step.kind === "wait")) {
      const reason = step.kind === "hold"
        ? (scope.lines.get(agreementId) ?? []).find((l) => l.status === "held")?.reason ?? null
        : step.reason;
      const action = step.kind === "blocked" ? "blocked" : "none";
      for (const d of target.lines) {
        const line = target.existing.find((l) => l.productId === d.productId);
        preview.push({
          agreementId,
          productId: d.productId,
          additionId: line?.additionId ?? null,
          currentQuantity: line?.writtenQuantity ?? null,
          newQuantity: line?.writtenQuantity ?? d.quantity,
          action,
          reason,
        });
      }
      continue;
    }
    const period = final ? scope.lastFinal! : scope.current;
    const plan = await planAgreement(deps, { mspId, agreementId, period, final, session, target });
    for (const { desired, outcome } of plan.lines) {
      if ("error" in outcome) throw outcome.error;
      const { decision } = outcome;
      preview.push({
        agreementId,
        productId: desired.productId,
        additionId: "additionId" in decision ? decision.additionId : null,
        currentQuantity: "currentQuantity" in decision ? decision.currentQuantity : null,
        newQuantity: desired.quantity,
        action: decision.action === "gone"
          ? "blocked"
          : decision.action === "wait"
          ? "none"
          : decision.action,
        reason: "reason" in decision ? decision.reason : null,
      });
    }
  }
  return preview;
}

/**
 * The statement of a period: final figures once finalized, else the running
 * ones; a period more than one month ahead is refused (`checkPeriodAsked`).
 */
export async function periodStatement(
  deps: Deps,
  input: { mspId: string; period: string },
): Promise<Statement[]> {
  const period = checkPeriodAsked(input.period, deps.clock.now());
  if (await deps.store.statements.isFinalized(input.mspId, period)) {
    return deps.store.statements.list(input.mspId, period);
  }
  return computeStatements(deps.store, { mspId: input.mspId, period, finalizedAt: null });
}

/** The MSP's audit log, newest first. */
export function auditLog(
  deps: Deps,
  input: { mspId: string; before?: number; limit?: number },
): Promise<AuditEntry[]> {
  return deps.store.audit.list(input.mspId, { before: input.before, limit: input.limit ?? 50 });
}
