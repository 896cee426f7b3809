import { checkPeriodAsked, periodOf } from "../../domain/period.ts";
import type { Statement } from "../../domain/statement.ts";
import { lineStatusNow } from "../../domain/sync_line.ts";
import { sessionFor } from "../connection.ts";
import type { Deps } from "../deps.ts";
import type { AuditEntry } from "../ports/audit_log.ts";
import type { SyncLine } from "../ports/sync_lines.ts";
import { computeStatements } from "./finalize_statements.ts";
import { planAgreement } from "./plan_agreement.ts";

/** Every sync line of the MSP, with the status it has now (`lineStatusNow`). */
export async function syncLines(deps: Deps, mspId: string): Promise<SyncLine[]> {
  const [lines, queued] = await Promise.all([
    deps.store.syncLines.list(mspId),
    deps.store.syncQueue.queued(mspId),
  ]);
  const waiting = new Set(queued.map((q) => q.agreementId));
  return lines.map((line) => {
    const status = lineStatusNow(line.status, waiting.has(line.agreementId));
    return status === line.status ? line : { ...line, status };
  });
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

/** What a sync of the current period would write now: reads ConnectWise, writes nothing. */
export async function previewSync(deps: Deps, mspId: string): Promise<PreviewLine[]> {
  const session = await sessionFor(deps, mspId);
  const mappings = await deps.store.companyMappings.list(mspId);
  const period = periodOf(deps.clock.now());
  const preview: PreviewLine[] = [];
  for (const agreementId of new Set(mappings.map((m) => m.agreementId))) {
    const plan = await planAgreement(deps, { mspId, agreementId, period, final: false, session });
    for (const { desired, outcome } of plan.lines) {
      if ("error" in outcome) throw outcome.error;
      const { decision } = outcome;
      preview.push({
        agreementId,
        productId: desired.productId,
        additionId: "additionId" in decision ? decision.additionId : null,
        currentQuantity: "currentQuantity" in decision ? decision.currentQuantity : null,
        newQuantity: desired.quantity,
        action: decision.action === "gone" ? "blocked" : decision.action,
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
