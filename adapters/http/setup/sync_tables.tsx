/** @jsxImportSource hono/jsx */
import type { AuditEntry } from "../../../application/ports/audit_log.ts";
import type { SyncLine } from "../../../application/ports/sync_lines.ts";
import type { Statement } from "../../../domain/statement.ts";

const dash = (n: number | null) => (n === null ? "-" : String(n));

/** Sync lines: desired and written quantity, status and why. */
export function SyncLinesTable(props: { lines: readonly SyncLine[] }) {
  if (props.lines.length === 0) {
    return <p>No sync line yet: usage arrives once companies are mapped.</p>;
  }
  return (
    <table>
      <caption>Sync lines (one per agreement and product)</caption>
      <thead>
        <tr>
          <th scope="col">Agreement</th>
          <th scope="col">Product</th>
          <th scope="col">Kind</th>
          <th scope="col">Period</th>
          <th scope="col">Desired</th>
          <th scope="col">Written</th>
          <th scope="col">Status</th>
          <th scope="col">Reason</th>
        </tr>
      </thead>
      <tbody>
        {props.lines.map((l) => (
          <tr class={`status-${l.status}`}>
            <td>{l.agreementId}</td>
            <td>{dash(l.productId)}</td>
            <td>{l.kind}</td>
            <td>{l.period}{l.final ? " (final)" : ""}</td>
            <td>{l.desiredQuantity}</td>
            <td>{dash(l.writtenQuantity)}</td>
            <td>{l.status}</td>
            <td>{l.reason ?? ""}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The month's statement: per organization, the billed plan and quantities. */
export function StatementTable(props: { period: string; lines: readonly Statement[] }) {
  if (props.lines.length === 0) return <p>No usage in {props.period} yet.</p>;
  return (
    <table>
      <caption>Statement of {props.period}</caption>
      <thead>
        <tr>
          <th scope="col">Organization</th>
          <th scope="col">Plan</th>
          <th scope="col">Licenses</th>
          <th scope="col">Servers</th>
          <th scope="col">Final</th>
        </tr>
      </thead>
      <tbody>
        {props.lines.map((s) => (
          <tr>
            <td>{s.organizationId}</td>
            <td>{s.planId}</td>
            <td>{s.licenses}</td>
            <td>{s.servers}</td>
            <td>{s.final ? `yes, ${s.finalizedAt?.toISOString()}` : "not yet"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A page of the audit log, newest first. */
export function AuditTable(props: { entries: readonly AuditEntry[] }) {
  if (props.entries.length === 0) return <p>Nothing was written to ConnectWise yet.</p>;
  return (
    <table>
      <caption>Audit log, newest first</caption>
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Action</th>
          <th scope="col">Agreement</th>
          <th scope="col">Product</th>
          <th scope="col">Old</th>
          <th scope="col">New</th>
          <th scope="col">Message</th>
        </tr>
      </thead>
      <tbody>
        {props.entries.map((e) => (
          <tr>
            <td>{e.at.toISOString()}</td>
            <td>{e.action}</td>
            <td>{dash(e.agreementId)}</td>
            <td>{dash(e.productId)}</td>
            <td>{dash(e.oldQuantity)}</td>
            <td>{dash(e.newQuantity)}</td>
            <td>{e.message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
