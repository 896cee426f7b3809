import { finalFiguresPushed, lineKey } from "../../domain/sync_line.ts";
import type { Deps } from "../deps.ts";
import type { KnownAdditions } from "./known_additions.ts";
import { tracedPush } from "../observability/traced_push.ts";
import type { PushOutcome, PushRecording, PushResult } from "./push_agreement.ts";
import type { PushRecord } from "../ports/sync_lines.ts";
import { type PushScope, readPushScope, scopedTarget } from "./push_scope.ts";

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
 * end costs one read per agreement and writes only what differs. Given the
 * `scope` of a round (read once for the MSP's claimed agreements), it reads
 * nothing from the store; its pushes keep the scope's lines up to date.
 */
export async function syncAgreement(
  deps: Deps,
  input: { mspId: string; agreementId: number },
  scope?: PushScope,
): Promise<AgreementSync> {
  const { mspId, agreementId } = input;
  const result: AgreementSync = {
    written: 0,
    failed: 0,
    retryable: false,
    attention: null,
    skipped: null,
  };
  scope ??= await readPushScope(deps, { mspId, agreementIds: [agreementId] });
  const { connection, lastFinal } = scope;
  if (!connection) return { ...result, skipped: "not connected to ConnectWise" };
  if (connection.attention) return { ...result, skipped: connection.attention };
  const session = scope.session ?? deps.connectWise.session(connection);
  const add = (r: PushResult) => {
    result.written += r.written;
    result.failed += r.failed;
    result.retryable ||= r.retryable;
    result.attention ??= r.attention;
  };
  const push = async (
    final: boolean,
    known?: KnownAdditions,
    recording: PushRecording = {},
  ): Promise<PushOutcome> => {
    const period = final && lastFinal !== null ? lastFinal : scope.current;
    const target = scopedTarget(scope, { agreementId, final });
    const pushed = await tracedPush(deps, {
      mspId,
      agreementId,
      period,
      final,
      session,
      known,
      target,
      ...recording,
    });
    const after = [...pushed.lines.after].sort((a, b) => lineKey(a).localeCompare(lineKey(b)));
    scope.lines.set(agreementId, after);
    add(pushed);
    return pushed;
  };
  let known: KnownAdditions | undefined;
  let earlier: PushRecord | undefined;
  if (lastFinal !== null && !finalFiguresPushed(scope.lines.get(agreementId) ?? [], lastFinal)) {
    // Its record goes with the running push's (one store call), or before that push's first write.
    const pushed = await push(true, undefined, { defer: true });
    if (result.failed > 0) {
      if (pushed.unrecorded) await deps.store.syncLines.record(mspId, pushed.unrecorded);
      return result;
    }
    known = pushed.known ?? undefined;
    earlier = pushed.unrecorded ?? undefined;
  }
  await push(false, known, { earlier });
  return result;
}
