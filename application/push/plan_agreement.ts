import type { DesiredLine } from "../../domain/billing.ts";
import { nextPeriod, type Period, periodStart } from "../../domain/period.ts";
import { decide, type Decision, type RemoteAddition } from "../../domain/reconcile.ts";
import type { Deps } from "../ports/deps.ts";
import type { ConnectWiseSession } from "../ports/connectwise.ts";
import { type AgreementTarget, agreementTarget } from "../figures/desired.ts";
import type { KnownAdditions } from "./known_additions.ts";
import type { OwnedLine } from "../lines/push_result.ts";

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
  /** The agreement's additions the decisions were made on; null when the read failed. */
  readonly remote: KnownAdditions | null;
}

/** One push of an agreement's figures for a period (or its preview). */
export interface AgreementPush {
  readonly mspId: string;
  readonly agreementId: number;
  readonly period: Period;
  readonly final: boolean;
  readonly session: ConnectWiseSession;
  /** The agreement's additions as the previous push of this sync left them (no re-read). */
  readonly known?: KnownAdditions;
  /** The agreement's target when read already (a push scope): nothing is read from the store. */
  readonly target?: AgreementTarget;
}

/**
 * The one decision path of the push and the preview: `decide` per line. Writes nothing; a failed
 * read is kept on every line.
 */
export async function planAgreement(
  deps: Deps,
  input: AgreementPush,
): Promise<AgreementPlan> {
  const { agreementId, session } = input;
  const target = input.target ?? await agreementTarget(deps.store, input);
  let remote: readonly RemoteAddition[] | null = input.known ?? null;
  let failure: unknown = null;
  if (remote === null && target.lines.length > 0) {
    try {
      remote = await session.additions.list(agreementId);
    } catch (error) {
      failure = error;
    }
  }
  // The figures of a month go to the invoice of the billing period that starts after it.
  const billingStart = periodStart(nextPeriod(input.period));
  const lines = target.lines.map((desired): PlannedLine => {
    const owned = target.existing.find((l) =>
      l.productId === desired.productId && l.additionId !== null
    );
    if (remote === null) return { desired, owned, outcome: { error: failure } };
    const mine = owned
      ? { additionId: owned.additionId!, writtenQuantity: owned.writtenQuantity }
      : null;
    const decision = decide(desired.quantity, {
      owned: mine,
      remote,
      productId: desired.productId,
      billingStart,
      hasUsage: target.hasUsage,
    });
    return { desired, owned, outcome: { decision } };
  });
  return { target, lines, remote };
}
