import type { DesiredLine } from "../../domain/billing.ts";
import type { Period } from "../../domain/period.ts";
import type { Decision } from "../../domain/reconcile.ts";
import type { Deps } from "../ports/deps.ts";
import type { AuditAction, AuditEntry } from "../ports/audit_log.ts";
import type { AgreementAdditions } from "../ports/connectwise.ts";
import type { LineFields, OwnedLine, PushResult } from "../lines/push_result.ts";

interface ApplyContext {
  period: Period;
  desired: DesiredLine;
  decision: Decision;
  additions: AgreementAdditions;
  result: PushResult;
  owned: OwnedLine;
  journal: Omit<AuditEntry, "id">[];
  /** The date a new addition bills from. */
  effectiveDate: Date;
}

type Written = Extract<Decision, { action: "create" | "adopt" | "update" }>;
type Unwritten = Exclude<Decision, Written>;

/** What it did goes to `journal`, which the push records with the lines. */
export async function applyDecision(deps: Deps, ctx: ApplyContext): Promise<LineFields> {
  const { decision } = ctx;
  const step = lineStep(deps, ctx);
  if (decision.action === "create" || decision.action === "adopt" || decision.action === "update") {
    return await writeDecision(step, ctx, decision);
  }
  return keepDecision(step, ctx.owned, decision);
}

/** The audit entries and the line fields of one decision, as of the clock when each is made. */
function lineStep(deps: Deps, ctx: ApplyContext) {
  const { period, desired } = ctx;
  const { agreementId, productId, quantity } = desired;
  return {
    quantity,
    notes: desired.notes.join("; ") || null,
    audit: (action: AuditAction, oldQuantity: number | null, additionId: number, message: string) =>
      ctx.journal.push({
        at: deps.clock.now(),
        action,
        agreementId,
        productId,
        additionId,
        period,
        oldQuantity,
        newQuantity: quantity,
        message,
      }),
    line: (
      status: "in-sync" | "blocked" | "waiting",
      additionId: number | null,
      written: number | null,
      reason: string | null,
    ): LineFields => ({
      desiredQuantity: quantity,
      writtenQuantity: written,
      additionId,
      status,
      reason,
      updatedAt: deps.clock.now(),
    }),
  };
}

type LineStep = ReturnType<typeof lineStep>;

/** A decision that writes to ConnectWise: create, adopt (maybe writing) or update. */
async function writeDecision(
  step: LineStep,
  ctx: ApplyContext,
  decision: Written,
): Promise<LineFields> {
  const { additions, result, owned } = ctx;
  const { agreementId, productId } = ctx.desired;
  const { quantity, notes, audit, line } = step;
  const write = async (additionId: number, current: number) => {
    await additions.setQuantity(agreementId, additionId, quantity);
    result.written++;
    audit("update", current, additionId, `quantity ${current} -> ${quantity}`);
  };
  switch (decision.action) {
    case "create": {
      const { effectiveDate } = ctx;
      const created = await additions.create(agreementId, { productId, quantity, effectiveDate });
      result.written++;
      const from = effectiveDate.toISOString().slice(0, 10);
      audit("create", null, created.id, `created addition with quantity ${quantity} from ${from}`);
      return line("in-sync", created.id, quantity, notes);
    }
    case "adopt": {
      const { additionId, currentQuantity } = decision;
      audit("adopt", currentQuantity, additionId, `adopted existing addition ${additionId}`);
      if (decision.write) await write(additionId, currentQuantity);
      return line("in-sync", additionId, quantity, notes);
    }
    case "update": {
      const { additionId, currentQuantity } = decision;
      if (decision.drift) {
        const message =
          `ConnectWise held ${currentQuantity}, the service had written ${owned?.writtenQuantity}: overwritten`;
        audit("drift", owned?.writtenQuantity ?? null, additionId, message);
      }
      await write(additionId, currentQuantity);
      return line("in-sync", additionId, quantity, notes);
    }
  }
}

/** A decision that writes nothing: the line is blocked, kept in sync or waits. */
function keepDecision(step: LineStep, owned: OwnedLine, decision: Unwritten): LineFields {
  const { quantity, notes, audit, line } = step;
  switch (decision.action) {
    case "blocked":
      return line(
        "blocked",
        owned?.additionId ?? null,
        owned?.writtenQuantity ?? null,
        decision.reason,
      );
    case "gone": {
      // Recorded once, when the line becomes blocked for it, not at every push after.
      const known = owned?.status === "blocked" && owned.reason === decision.reason;
      const message = `${decision.reason}: nothing written, the line is blocked until resumed`;
      if (!known) {
        audit("addition-gone", owned?.writtenQuantity ?? null, decision.additionId, message);
      }
      return line("blocked", decision.additionId, owned?.writtenQuantity ?? null, decision.reason);
    }
    case "none":
      return line(
        "in-sync",
        decision.additionId,
        decision.additionId === null ? null : quantity,
        notes,
      );
    case "wait": {
      const { additionId, currentQuantity } = decision;
      if (owned?.additionId !== additionId) {
        const message = `adopted existing addition ${additionId}; nothing written before usage`;
        audit("adopt", currentQuantity, additionId, message);
      }
      return line("waiting", additionId, null, decision.reason);
    }
  }
}
