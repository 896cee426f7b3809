import { periodOf } from "../../domain/period.ts";
import type { Deps } from "../deps.ts";
import { finalFiguresPushed } from "../../domain/sync_line.ts";
import { finalizeDue } from "./finalize_statements.ts";
import type { KnownAdditions } from "./known_additions.ts";
import { tracedPush } from "../observability/traced_push.ts";
import type { PushResult } from "./push_agreement.ts";

/** What syncing one agreement did; `skipped` says why nothing was tried. */
export interface AgreementSync extends PushResult {
  skipped: string | null;
}

/**
 * Syncs one agreement: first finalizes any ended period still open, then
 * writes the latest final period's figures if this agreement has not had
 * them, and only then the running figures of the current period (pushes of
 * a new period wait for the previous period's final figures). The running
 * push starts from the additions the final push read and wrote, so month
 * end costs one read per agreement and writes only what differs.
 */
export async function syncAgreement(
  deps: Deps,
  input: { mspId: string; agreementId: number },
): Promise<AgreementSync> {
  const { mspId, agreementId } = input;
  const result: AgreementSync = {
    written: 0,
    failed: 0,
    retryable: false,
    attention: null,
    skipped: null,
  };
  const connection = await deps.store.connections.get(mspId);
  if (!connection) return { ...result, skipped: "not connected to ConnectWise" };
  if (connection.attention) return { ...result, skipped: connection.attention };
  const session = deps.connectWise.session(connection);
  const { lastFinal } = await finalizeDue(deps, { mspId });
  const add = (r: PushResult) => {
    result.written += r.written;
    result.failed += r.failed;
    result.retryable ||= r.retryable;
    result.attention ??= r.attention;
  };
  const lines = await deps.store.syncLines.forAgreement(mspId, agreementId);
  let known: KnownAdditions | undefined;
  if (lastFinal !== null && !finalFiguresPushed(lines, lastFinal)) {
    const pushed = await tracedPush(deps, {
      mspId,
      agreementId,
      period: lastFinal,
      final: true,
      session,
    });
    add(pushed);
    if (result.failed > 0) return result;
    known = pushed.known ?? undefined;
  }
  const current = periodOf(deps.clock.now());
  add(
    await tracedPush(deps, {
      mspId,
      agreementId,
      period: current,
      final: false,
      session,
      known,
    }),
  );
  return result;
}
