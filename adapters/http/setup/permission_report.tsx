/** @jsxImportSource hono/jsx */
import type { Permission } from "../../../domain/permissions.ts";

// What the service does with each permission, so the administrator knows
// what a missing one stops.
const PURPOSE: Record<string, string> = {
  "Company Maintenance inquire": "Reads companies to import and to match with organizations",
  "Table Setup inquire": "Reads company types and statuses for the import filters",
  "Product Catalog inquire": "Finds the catalog products that plans are mapped to",
  "Agreements inquire": "Reads agreements and the additions the sync writes",
  "Product Catalog add": 'Creates a product ("create product in ConnectWise")',
  "Agreements add": "Adds a product line (addition) to an agreement",
  "Agreements edit": "Updates an addition's quantity as usage changes",
};

function state(granted: boolean | null): string {
  if (granted === null) return "Checked on the first write";
  return granted ? "Granted" : "Missing";
}

/** The permission report: each area and access, granted or missing, and what it is for. */
export function PermissionReport(props: { permissions: readonly Permission[] }) {
  return (
    <table class="report">
      <caption>ConnectWise permissions of the API member</caption>
      <thead>
        <tr>
          <th scope="col">Area</th>
          <th scope="col">Access</th>
          <th scope="col">Status</th>
          <th scope="col">What it is for</th>
        </tr>
      </thead>
      <tbody>
        {props.permissions.map((p) => (
          <tr class={p.granted === false ? "missing" : p.granted ? "granted" : "unknown"}>
            <th scope="row">{p.area}</th>
            <td>{p.access}</td>
            <td>{state(p.granted)}</td>
            <td>{PURPOSE[`${p.area} ${p.access}`] ?? ""}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
