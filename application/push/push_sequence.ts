import { newAdditionDate } from "../../domain/agreement_terms.ts";
import { nextPushStep, type PushStep } from "../../domain/push_step.ts";
import { lineKey } from "../../domain/sync_line.ts";
import { openSession } from "../connection/connection_session.ts";
import type { Deps } from "../ports/deps.ts";
import { tracedPush } from "../telemetry/traced_push.ts";
import type { AgreementRecord } from "../ports/agreements.ts";
import type { ConnectWiseSession } from "../ports/connectwise.ts";
import type { SyncLine } from "../ports/sync_lines.ts";
import type { AgreementTarget } from "../figures/desired.ts";
import { recordInvoicedFinal } from "./invoiced_final.ts";
import type { KnownAdditions } from "./known_additions.ts";
import { pushAgreement, type PushOutcome, type PushResult } from "./push_agreement.ts";
import { announceAttention } from "../events/attention.ts";
import { type PushScope, scopedTarget } from "./push_scope.ts";
import { heldTarget, recordUnwritten } from "./unwritten_lines.ts";

/** What syncing one agreement did; `skipped` says why nothing was tried. */
export interface AgreementSync extends PushResult {
  skipped: string | null;
}

/**
 * The steps `nextPushStep` decides. Each records its lines in one store call after its writes, so
 * after a crash the next sync takes the same step. With `verifyHeld`, a held final is read back.
 */
export async function syncAgreement(
  deps: Deps,
  input: { mspId: string; agreementId: number },
  scope: PushScope,
  options: { verifyHeld?: boolean } = {},
): Promise<AgreementSync> {
  const { mspId, agreementId } = input;
  const result: AgreementSync = {
    written: 0,
    failed: 0,
    retryable: false,
    attention: null,
    skipped: null,
  };
  const { connection } = scope;
  if (!connection) return { ...result, skipped: "not connected to ConnectWise" };
  if (connection.attention) return { ...result, skipped: connection.attention };
  const record = scope.agreements.get(agreementId);
  if (!record && scope.notFound.has(agreementId)) {
    const reason = `agreement ${agreementId} was not found in ConnectWise ` +
      "(deleted, or not visible to the API member)";
    const after = await recordUnwritten(deps, {
      mspId,
      agreementId,
      target: scopedTarget(scope, { agreementId, final: false }),
      period: scope.current,
      final: false,
      status: "blocked",
      reason,
    });
    scope.lines.set(agreementId, after);
    return { ...result, skipped: reason };
  }
  if (!record) {
    // Its terms could not be read this round: tried again with backoff.
    const skipped = `agreement ${agreementId} could not be read from ConnectWise`;
    return { ...result, failed: 1, retryable: true, skipped };
  }
  const sequence = new Sequence(deps, { scope, agreementId, record, result });
  await sequence.run(options.verifyHeld ?? false);
  return result;
}

export function stepFor(deps: Deps, scope: PushScope, record: AgreementRecord): PushStep {
  const { lastFinal, current } = scope;
  const agreementId = record.terms.id;
  const lines = scope.lines.get(agreementId) ?? [];
  // A final with nothing to push (no usage on the agreement that month) counts as pushed.
  const final = lastFinal !== null && lines.length === 0
    ? scopedTarget(scope, { agreementId, final: true })
    : null;
  const empty = final !== null && final.lines.length === 0 && final.blocked.length === 0;
  return nextPushStep({
    lastFinal,
    current,
    lines,
    terms: record.terms,
    watch: record.watch,
    now: deps.clock.now(),
    finalIsEmpty: empty,
  });
}

/** One agreement's sync: the step, then the pushes it calls for. */
class Sequence {
  readonly #deps: Deps;
  readonly #scope: PushScope;
  readonly #agreementId: number;
  readonly #record: AgreementRecord;
  readonly #result: AgreementSync;
  readonly #session: ConnectWiseSession;

  constructor(
    deps: Deps,
    context: {
      scope: PushScope;
      agreementId: number;
      record: AgreementRecord;
      result: AgreementSync;
    },
  ) {
    this.#deps = deps;
    this.#scope = context.scope;
    this.#agreementId = context.agreementId;
    this.#record = context.record;
    this.#result = context.result;
    this.#session = context.scope.session ?? openSession(deps, context.scope.connection!);
  }

  get #lines(): readonly SyncLine[] {
    return this.#scope.lines.get(this.#agreementId) ?? [];
  }

  async run(verifyHeld: boolean): Promise<void> {
    const step = this.#step();
    switch (step.kind) {
      case "blocked":
        return this.#unwritten(scopedTarget(this.#scope, this.#target(false)), {
          status: "blocked",
          reason: step.reason,
        });
      case "wait":
        return this.#unwritten(scopedTarget(this.#scope, this.#target(step.figures === "final")), {
          status: "held",
          reason: step.reason,
          final: step.figures === "final",
        });
      case "hold": {
        if (!verifyHeld) return;
        const held = this.#lines.find((l) => l.final && l.status === "held")!;
        await this.#push({ final: true, period: held.period, hold: held.reason ?? undefined }, {
          target: heldTarget(this.#lines),
        });
        return;
      }
      case "final": {
        const pushed = await this.#push({
          final: true,
          period: step.period,
          hold: step.held ?? undefined,
        });
        if (step.held !== null || this.#result.failed > 0) return;
        await this.#push({ final: false, period: this.#scope.current }, {
          known: pushed.known ?? undefined,
        });
        return;
      }
      case "running": {
        let known: KnownAdditions | undefined;
        if (step.afterInvoice) {
          known = await recordInvoicedFinal(this.#deps, {
            scope: this.#scope,
            agreementId: this.#agreementId,
            session: this.#session,
            ...step.afterInvoice,
          });
        }
        await this.#push({ final: false, period: this.#scope.current }, { known });
      }
    }
  }

  #step(): PushStep {
    return stepFor(this.#deps, this.#scope, this.#record);
  }

  #target(final: boolean) {
    return { agreementId: this.#agreementId, final };
  }

  async #push(
    what: { final: boolean; period: string; hold?: string },
    given: { known?: KnownAdditions; target?: AgreementTarget } = {},
  ): Promise<PushOutcome> {
    const scope = this.#scope;
    const input = {
      mspId: scope.mspId,
      agreementId: this.#agreementId,
      period: what.period,
      final: what.final,
      session: this.#session,
      known: given.known,
      target: given.target ?? scopedTarget(scope, this.#target(what.final)),
      effectiveDate: newAdditionDate(this.#record.terms, this.#deps.clock.now()),
      hold: what.hold,
    };
    const pushed = await tracedPush(this.#deps, input, () => pushAgreement(this.#deps, input));
    const { before, after: changed } = pushed.lines;
    await announceAttention(this.#deps, {
      mspId: scope.mspId,
      before,
      after: changed,
      result: pushed,
    });
    const after = [...pushed.lines.after].sort((a, b) => lineKey(a).localeCompare(lineKey(b)));
    scope.lines.set(this.#agreementId, after);
    const r = this.#result;
    r.written += pushed.written;
    r.failed += pushed.failed;
    r.retryable ||= pushed.retryable;
    if (pushed.retryAt && (!r.retryAt || pushed.retryAt > r.retryAt)) r.retryAt = pushed.retryAt;
    r.attention ??= pushed.attention;
    return pushed;
  }

  async #unwritten(
    target: AgreementTarget,
    line: { status: "blocked" | "held"; reason: string; final?: boolean },
  ): Promise<void> {
    const { lastFinal, current } = this.#scope;
    const period = line.final && lastFinal !== null ? lastFinal : current;
    const after = await recordUnwritten(this.#deps, {
      mspId: this.#scope.mspId,
      agreementId: this.#agreementId,
      target,
      period,
      final: line.final ?? false,
      status: line.status,
      reason: line.reason,
    });
    this.#scope.lines.set(this.#agreementId, after);
  }
}
