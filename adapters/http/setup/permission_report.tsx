/** @jsxImportSource hono/jsx */
import {
  type Permission,
  PROBED_AREAS,
  UNPROBED_PERMISSIONS,
} from "../../../domain/permissions.ts";

// What the service does with each permission, so the administrator knows what a missing one stops.
const PURPOSE: Record<string, string> = {
  "Company Maintenance inquire": "Reads companies to import and to match with organizations",
  "Table Setup inquire": "Reads company types and statuses for the import filters",
  "Product Catalog inquire": "Finds the catalog products that plans are mapped to",
  "Agreements inquire": "Reads agreements and the additions the sync writes",
  "Product Catalog add": 'Creates a product ("create product in ConnectWise")',
  "Agreements add": "Adds a product line (addition) to an agreement",
  "Agreements edit": "Updates an addition's quantity as usage changes",
};

/**
 * Every grant at level All: with "My", ConnectWise answers only the records the API member owns, so
 * lists come back partial or empty.
 */
const LEVEL = "All";

/** The role the API member needs, before anything was checked. */
export const REQUIRED_ROLE: readonly Omit<Permission, "granted">[] = [
  ...PROBED_AREAS.map((area) => ({ area, access: "inquire" as const })),
  ...UNPROBED_PERMISSIONS.map(({ area, access }) => ({ area, access })),
];

function state(granted: boolean | null): string {
  if (granted === null) return "Checked on the first write";
  return granted ? "Granted" : "Missing";
}

/** The API member's role: each area, access and level, what it is for, and if checked its state. */
export function PermissionReport(
  props: { permissions: readonly (Omit<Permission, "granted"> & { granted?: boolean | null })[] },
) {
  const checked = props.permissions.some((p) => p.granted !== undefined);
  return (
    <table class="report stack">
      <caption>
        {checked
          ? "ConnectWise permissions of the API member"
          : "The security role the API member needs"}
      </caption>
      <thead>
        <tr>
          <th scope="col">Area</th>
          <th scope="col">Access</th>
          <th scope="col">Level</th>
          {checked && <th scope="col">Status</th>}
          <th scope="col">What it is for</th>
        </tr>
      </thead>
      <tbody>
        {props.permissions.map((p) => (
          <tr class={p.granted === false ? "missing" : p.granted ? "granted" : "unknown"}>
            <th scope="row">{p.area}</th>
            <td data-label="Access">{p.access}</td>
            <td data-label="Level">{LEVEL}</td>
            {checked && <td data-label="Status">{state(p.granted ?? null)}</td>}
            <td data-label="For">{PURPOSE[`${p.area} ${p.access}`] ?? ""}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
