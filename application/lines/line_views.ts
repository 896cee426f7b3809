import { lineStatusNow } from "../../domain/sync_line.ts";
import type { Deps } from "../ports/deps.ts";
import type { SyncLine } from "../ports/sync_lines.ts";

/** A sync line as shown: its status now, and its agreement as last read. */
export interface SyncLineView extends SyncLine {
  /** The agreement's next invoice date as last read; null when unknown. */
  readonly nextInvoiceDate: Date | null;
  /** The agreement's name as last read; null when never read. */
  readonly agreementName: string | null;
}

/** With the status each has now (`lineStatusNow`). */
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
