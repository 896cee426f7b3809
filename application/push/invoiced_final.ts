import { invoiceCarries, type InvoiceWindow } from "../../domain/invoice_timing.ts";
import { nextPeriod, type Period } from "../../domain/period.ts";
import { billsFrom, type RemoteAddition } from "../../domain/reconcile.ts";
import { periodStart } from "../../domain/period.ts";
import type { Deps } from "../ports/deps.ts";
import { announceInvoicedFinal, type InvoicedProduct } from "../events/attention.ts";
import type { AuditEntry } from "../ports/audit_log.ts";
import type { ConnectWiseSession } from "../ports/connectwise.ts";
import type { SyncLine } from "../ports/sync_lines.ts";
import type { KnownAdditions } from "./known_additions.ts";
import { type PushScope, scopedTarget } from "./push_scope.ts";

const day = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");

/**
 * The invoice of `period` came before (or perhaps during) its final. Nothing can change it, so
 * nothing is written: per addition an audit entry `final-after-invoice`, one `sync.attention`, and
 * the lines move on as pending, in one store call before any running figure. Answers the additions
 * as read, for the running push that follows.
 */
export async function recordInvoicedFinal(
  deps: Deps,
  input: {
    scope: PushScope;
    agreementId: number;
    session: ConnectWiseSession;
    period: Period;
    window: InvoiceWindow;
    finalWritten: boolean;
  },
): Promise<KnownAdditions | undefined> {
  const { scope, agreementId, period, window } = input;
  const lines = scope.lines.get(agreementId) ?? [];
  // The usual case: a read after the final was written still saw the invoice to come.
  if (input.finalWritten && uncertain(lines, { period, window }).length === 0) return undefined;
  const remote = await input.session.additions.list(agreementId);
  const products = input.finalWritten
    ? uncertain(lines, { period, window })
    : invoicedFirst(scope, { agreementId, remote, lines, period });
  const now = deps.clock.now();
  const invoice = nextPeriod(period);
  const when = `between ${window.after ? day(window.after) : "an unknown time"} and ${
    day(window.before)
  }`;
  const audit: Omit<AuditEntry, "id">[] = products.map((p) => ({
    at: now,
    action: "final-after-invoice",
    agreementId,
    productId: p.productId,
    additionId: p.additionId,
    period,
    oldQuantity: p.invoiced,
    newQuantity: p.final,
    message: input.finalWritten
      ? `the ${invoice} invoice was made ${when}, while the ${period} final (${p.final}) ` +
        `was being written: check that it carries ${p.final}`
      : `the ${invoice} invoice was made ${when}, before the ${period} final reached ` +
        `ConnectWise: it billed ${p.invoiced ?? "nothing"} where the final is ${p.final}`,
  }));
  const running = scopedTarget(scope, { agreementId, final: false });
  const existing = new Map(lines.map((l) => [l.productId, l]));
  const differing = products.filter((p) => p.invoiced !== p.final);
  const reason = differing.length > 0
    ? `the ${invoice} invoice may not carry the ${period} final: see the audit log`
    : null;
  const moved: SyncLine[] = running.lines.map((d) => ({
    agreementId,
    productId: d.productId,
    kind: d.kind,
    period: scope.current,
    final: false,
    desiredQuantity: d.quantity,
    writtenQuantity: existing.get(d.productId)?.writtenQuantity ?? null,
    additionId: existing.get(d.productId)?.additionId ?? null,
    status: "pending",
    reason,
    updatedAt: now,
  }));
  await deps.store.syncLines.record(scope.mspId, { agreementId, lines: moved, audit });
  scope.lines.set(agreementId, moved);
  if (differing.length > 0) {
    await announceInvoicedFinal(deps, {
      mspId: scope.mspId,
      agreementId,
      period,
      certain: !input.finalWritten,
      products: differing,
    });
  }
  return remote;
}

/** Held lines whose final may not have reached the invoice (no read after their write). */
function uncertain(
  lines: readonly SyncLine[],
  at: { period: Period; window: InvoiceWindow },
): InvoicedProduct[] {
  return lines
    .filter((l) =>
      l.period === at.period && l.final && l.productId !== null &&
      !invoiceCarries(at.window, l.updatedAt)
    )
    .map((l) => ({
      productId: l.productId!,
      additionId: l.additionId,
      invoiced: null,
      final: l.desiredQuantity,
    }));
}

/** With the quantity each addition held when it was invoiced. */
function invoicedFirst(
  scope: PushScope,
  at: {
    agreementId: number;
    remote: readonly RemoteAddition[];
    lines: readonly SyncLine[];
    period: Period;
  },
): InvoicedProduct[] {
  const final = scopedTarget(scope, { agreementId: at.agreementId, final: true });
  const billingStart = periodStart(nextPeriod(at.period));
  return final.lines.map((d) => {
    const owned = at.lines.find((l) => l.productId === d.productId)?.additionId ?? null;
    const billing = at.remote.filter((a) =>
      a.productId === d.productId && a.billCustomer === "Billable" && billsFrom(a, billingStart)
    );
    const held = billing.find((a) => a.id === owned) ?? (billing.length === 1 ? billing[0] : null);
    return {
      productId: d.productId,
      additionId: held?.id ?? null,
      invoiced: held?.quantity ?? 0,
      final: d.quantity,
    };
  });
}
