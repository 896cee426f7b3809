/** @jsxImportSource hono/jsx */
import type { OrganizationView } from "../../../application/usage/organizations.ts";
import type { CompanyMapping } from "../../../domain/company_mapping.ts";
import { Pager } from "./paging.tsx";
import { statusWords } from "./words.ts";

/** Its id when no name was kept. */
export function agreementText(m: CompanyMapping): string {
  return m.agreementName ?? `agreement ${m.agreementId}`;
}

/** Its id when no name was kept. */
export function companyText(m: CompanyMapping): string {
  return m.companyName ?? `company ${m.companyId}`;
}

/** Each with its sync state and an Unmap link, which asks first. */
export function MappedList(
  props: {
    unmapUrl: (org: string) => string;
    rows: readonly OrganizationView[];
    page: { page: number; pages: number; total: number; href: (p: number) => string };
  },
) {
  return (
    <section aria-labelledby="mapped">
      <h2 id="mapped">Mapped organizations</h2>
      {props.rows.length === 0
        ? <p>No organization is mapped yet.</p>
        : (
          <table class="stack mapped">
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
              {props.rows.map((o) => {
                const words = statusWords(o.sync.status);
                return (
                  <tr>
                    <th scope="row">{o.name}</th>
                    <td data-label="Company">{companyText(o.mapping!)}</td>
                    <td data-label="Agreement">{agreementText(o.mapping!)}</td>
                    <td data-label="Sync">
                      <span class={`status status-${o.sync.status}`}>{words.label}</span>
                      {o.sync.reason && <span class="reason">{o.sync.reason}</span>}
                    </td>
                    <td data-label="Action">
                      <a href={props.unmapUrl(o.id)} aria-label={`Unmap ${o.name}`}>Unmap…</a>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      <Pager label="Mapped organizations pages" {...props.page} />
    </section>
  );
}
