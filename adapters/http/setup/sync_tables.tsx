/** @jsxImportSource hono/jsx */
import type { KnownNames, NamedStatement } from "../../../application/views/names.ts";
import type { AuditEntry } from "../../../application/ports/audit_log.ts";
import type { Plan } from "../../../domain/plan.ts";
import { When } from "./time.tsx";
import { actionWords, periodName } from "./words.ts";

const dash = (n: number | null) => (n === null ? "-" : String(n));

/** The month's statement: per organization, its agreement, the billed plan and quantities. */
export function StatementTable(
  props: { period: string; lines: readonly NamedStatement[]; plans: ReadonlyMap<string, Plan> },
) {
  if (props.lines.length === 0) return <p>No usage in {periodName(props.period)} yet.</p>;
  return (
    <table class="stack">
      <caption class="vh">Statement of {periodName(props.period)}</caption>
      <thead>
        <tr>
          <th scope="col">Organization</th>
          <th scope="col">Billed on</th>
          <th scope="col">Plan</th>
          <th scope="col">Licenses</th>
          <th scope="col">Servers</th>
          <th scope="col">Final</th>
        </tr>
      </thead>
      <tbody>
        {props.lines.map((s) => (
          <tr>
            <th scope="row">{s.organizationName ?? s.organizationId}</th>
            <td data-label="Billed on">
              {s.agreementName
                ? `${s.agreementName}${s.companyName ? ` (${s.companyName})` : ""}`
                : "not mapped"}
            </td>
            <td data-label="Plan">{props.plans.get(s.planId)?.name ?? s.planId}</td>
            <td data-label="Licenses">{s.licenses}</td>
            <td data-label="Servers">{s.servers}</td>
            <td data-label="Final">
              {s.final ? <When at={s.finalizedAt} /> : "not yet (running maximum)"}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A page of the audit log, newest first, with names where the service knows them. */
export function AuditTable(props: { entries: readonly AuditEntry[]; names: KnownNames }) {
  if (props.entries.length === 0) return <p>Nothing was written to ConnectWise yet.</p>;
  const agreement = (id: number | null) =>
    id === null ? "-" : props.names.agreement(id)?.name ?? `agreement ${id}`;
  const product = (id: number | null) =>
    id === null ? "-" : props.names.product(id) ?? `product ${id}`;
  return (
    <table class="stack">
      <caption class="vh">Audit log, newest first</caption>
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">What</th>
          <th scope="col">Agreement</th>
          <th scope="col">Product</th>
          <th scope="col">Period</th>
          <th scope="col">Quantity</th>
          <th scope="col">Details</th>
        </tr>
      </thead>
      <tbody>
        {props.entries.map((e) => (
          <tr>
            <td>
              <When at={e.at} />
            </td>
            <th scope="row">{actionWords(e.action)}</th>
            <td data-label="Agreement">{agreement(e.agreementId)}</td>
            <td data-label="Product">{product(e.productId)}</td>
            <td data-label="Period">{e.period ? periodName(e.period) : "-"}</td>
            <td data-label="Quantity">
              {e.oldQuantity === null && e.newQuantity === null
                ? "-"
                : `${dash(e.oldQuantity)} → ${dash(e.newQuantity)}`}
            </td>
            <td data-label="Details">{e.message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
