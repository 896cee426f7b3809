/** @jsxImportSource hono/jsx */
import type { NamedSyncLine } from "../../../application/names.ts";

/**
 * The place of one agreement's next invoice in the sync step: what it will
 * carry (the held final or the running figures) and when it is due. It needs
 * the invoice-aware lines of the invoice-true billing work (issue 21:
 * `held`, `nextInvoiceDate`); until those are merged it shows nothing.
 */
export function NextInvoice(_props: { agreementId: number; lines: readonly NamedSyncLine[] }) {
  return null;
}
