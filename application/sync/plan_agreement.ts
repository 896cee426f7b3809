import type { DesiredLine } from "../../domain/billing.ts";
import type { Period } from "../../domain/period.ts";
import { decide, type Decision } from "../../domain/reconcile.ts";
import type { Deps } from "../deps.ts";
import type { ConnectWiseSession } from "../ports/connectwise.ts";
import { type AgreementTarget, agreementTarget } from "./desired.ts";
import type { OwnedLine } from "./push_result.ts";

/** One line of an agreement and what a push would do to it (or why it cannot tell). */
export interface PlannedLine {
  readonly desired: DesiredLine;
  readonly owned: OwnedLine;
  readonly outcome: { readonly decision: Decision } | { readonly error: unknown };
}

/** What a push of one agreement's period would do, line by line. */
export interface AgreementPlan {
  readonly target: AgreementTarget;
  readonly lines: readonly PlannedLine[];
}

/**
 * The one decision path of the push and the preview: the agreement's desired
 * quantities, the additions ConnectWise holds, and `decide` per line. Reads
 * ConnectWise, writes nothing; a failed read is kept on its line.
 */
export async function planAgreement(
  deps: Deps,
  input: {
    mspId: string;
    agreementId: number;
    period: Period;
    final: boolean;
    session: ConnectWiseSession;
  },
): Promise<AgreementPlan> {
  const { agreementId, session } = input;
  const target = await agreementTarget(deps.store, input);
  const lines: PlannedLine[] = [];
  for (const desired of target.lines) {
    const owned = target.existing.find((l) =>
      l.productId === desired.productId && l.additionId !== null
    );
    try {
      const remote = await session.additions.list(agreementId, desired.productId);
      const mine = owned
        ? { additionId: owned.additionId!, writtenQuantity: owned.writtenQuantity }
        : null;
      lines.push({
        desired,
        owned,
        outcome: { decision: decide(desired.quantity, mine, remote, desired.productId) },
      });
    } catch (error) {
      lines.push({ desired, owned, outcome: { error } });
    }
  }
  return { target, lines };
}
