import { sessionFor } from "../connection/connection.ts";
import type { Deps } from "../ports/deps.ts";
import { planAgreement } from "../push/plan_agreement.ts";
import { readPushScope, scopedTarget } from "../push/push_scope.ts";
import { stepFor } from "../push/push_sequence.ts";

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

/** The push's own step and decisions, agreement by agreement; reads ConnectWise, writes nothing. */
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
