/** @jsxImportSource hono/jsx */
import type { NamedSyncLine } from "../../../application/views/names.ts";
import { blockedByGoneAddition } from "../../../domain/reconcile.ts";
import { Csrf } from "./layout.tsx";
import { NextInvoice } from "./next_invoice.tsx";
import { periodName, statusWords } from "./words.ts";

export interface AgreementLines {
  readonly agreementId: number;
  readonly lines: readonly NamedSyncLine[];
}

/** Agreements in the order of their first line. */
export function byAgreement(lines: readonly NamedSyncLine[]): AgreementLines[] {
  const groups = new Map<number, NamedSyncLine[]>();
  for (const line of lines) {
    const group = groups.get(line.agreementId);
    if (group) group.push(line);
    else groups.set(line.agreementId, [line]);
  }
  return [...groups].map(([agreementId, mine]) => ({ agreementId, lines: mine }));
}

const dash = (n: number | null) => (n === null ? "-" : String(n));

function productText(line: NamedSyncLine): string {
  const kind = line.kind === "license" ? "licenses" : "servers";
  if (line.productId === null) return `no ${line.kind} product (${kind})`;
  return `${line.productIdentifier ?? `product ${line.productId}`} (${kind})`;
}

/** For a line blocked by a gone addition: only the MSP's word resumes it. */
function Resume(props: { line: NamedSyncLine; csrf: string; action: string }) {
  const { line } = props;
  const hint = `resume-${line.agreementId}-${line.productId}`;
  const product = line.productIdentifier ?? `product ${line.productId}`;
  return (
    <form method="post" action={props.action} class="resume">
      <Csrf token={props.csrf} />
      <button type="submit" aria-describedby={hint} class="secondary">Resume</button>
      <span class="hint" id={hint}>
        The next push adopts the one active addition of {product}{" "}
        on this agreement, or creates one. psa-sync never does this by itself, so a customer you
        stopped billing in ConnectWise is not billed again by accident.
      </span>
    </form>
  );
}

/** The sync lines, one group per agreement: product, period, quantities, status in words. */
export function SyncLinesTable(
  props: {
    groups: readonly AgreementLines[];
    csrf: string;
    resumeUrl: (line: NamedSyncLine) => string;
  },
) {
  if (props.groups.length === 0) {
    return <p>No sync line yet: lines appear once mapped organizations report usage.</p>;
  }
  return (
    <table class="lines stack">
      <caption class="vh">Sync lines, grouped by agreement</caption>
      <thead>
        <tr>
          <th scope="col">Product</th>
          <th scope="col">Period</th>
          <th scope="col">Wanted</th>
          <th scope="col">In ConnectWise</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      {props.groups.map(({ agreementId, lines }) => {
        const first = lines[0];
        const name = first.agreementName ?? `Agreement ${agreementId}`;
        return (
          <tbody class="agreement">
            <tr class="agreement-head">
              <th scope="rowgroup" colspan={5} id={`agreement-${agreementId}`}>
                <span class="name">{name}</span>{" "}
                {first.companyName && <span class="meta">{first.companyName}</span>}
                <NextInvoice agreementId={agreementId} lines={lines} />
              </th>
            </tr>
            {lines.map((l) => {
              const words = statusWords(l.status);
              return (
                <tr>
                  <th scope="row">{productText(l)}</th>
                  <td data-label="Period">
                    {periodName(l.period)}
                    {l.final ? " (final)" : ""}
                  </td>
                  <td data-label="Wanted">{l.desiredQuantity}</td>
                  <td data-label="In ConnectWise">{dash(l.writtenQuantity)}</td>
                  <td data-label="Status">
                    <span class={`status status-${l.status}`}>{words.label}</span>
                    <span class="help">{words.help}</span>
                    {l.reason && <span class="reason">{l.reason}</span>}
                    {blockedByGoneAddition(l) && (
                      <Resume line={l} csrf={props.csrf} action={props.resumeUrl(l)} />
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        );
      })}
    </table>
  );
}
