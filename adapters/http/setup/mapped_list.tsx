/** @jsxImportSource hono/jsx */
import type { OrganizationView } from "../../../application/organizations.ts";
import { Csrf } from "./layout.tsx";
import { Pager } from "./paging.tsx";

/** The mapped organizations, each with an Unmap button (remap: import it again). */
export function MappedList(
  props: {
    csrf: string;
    unmapUrl: (org: string) => string;
    rows: readonly OrganizationView[];
    page: { page: number; pages: number; total: number; href: (p: number) => string };
  },
) {
  return (
    <section aria-labelledby="mapped">
      <h2 id="mapped">Mapped organizations</h2>
      {props.rows.length === 0 ? <p>No organization is mapped yet.</p> : (
        <table>
          <caption class="hint">To remap one, unmap it and import its company again.</caption>
          <thead>
            <tr>
              <th scope="col">Organization</th>
              <th scope="col">Company</th>
              <th scope="col">Agreement</th>
              <th scope="col">Sync</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((o) => (
              <tr>
                <th scope="row">{o.name} ({o.id})</th>
                <td>{o.mapping!.companyId}</td>
                <td>{o.mapping!.agreementId}</td>
                <td>{o.sync.status}{o.sync.reason ? `: ${o.sync.reason}` : ""}</td>
                <td>
                  <form method="post" action={props.unmapUrl(o.id)}>
                    <Csrf token={props.csrf} />
                    <button type="submit" aria-label={`Unmap ${o.name}`}>Unmap</button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager label="Mapped organizations pages" {...props.page} />
    </section>
  );
}
