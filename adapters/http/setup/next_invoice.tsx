/** @jsxImportSource hono/jsx */
import type { NamedSyncLine } from "../../../application/views/names.ts";
import { periodOf } from "../../../domain/period.ts";
import { When } from "./time.tsx";
import { periodName } from "./words.ts";

function quantities(lines: readonly NamedSyncLine[]): string {
  const shown = lines.filter((l) => l.productId !== null);
  if (shown.length === 0) return "nothing";
  return shown.map((l) =>
    `${l.desiredQuantity} × ${l.productIdentifier ?? `product ${l.productId}`}`
  )
    .join(", ");
}

/** As ConnectWise will make it: the period it bills, when it is due, and what it will carry. */
export function NextInvoice(props: { agreementId: number; lines: readonly NamedSyncLine[] }) {
  const { lines } = props;
  const next = lines.find((l) => l.nextInvoiceDate !== null)?.nextInvoiceDate ?? null;
  if (next === null) {
    return <p class="meta invoice">ConnectWise gives no next invoice date for this agreement.</p>;
  }
  const invoice = periodName(periodOf(next));
  const held = lines.filter((l) => l.final && l.status === "held");
  const month = held[0]?.period ?? lines[0].period;
  const carries = held.length > 0
    ? <>{periodName(month)}'s final: {quantities(held)}</>
    : <>{periodName(month)}'s final, so far {quantities(lines)}</>;
  return (
    <p class="meta invoice">
      Next invoice: {invoice}, due from <When at={next} />, carries {carries}.
    </p>
  );
}
