/** @jsxImportSource hono/jsx */
import type { CompanyRow as Company } from "../../../application/setup/lookups.ts";
import type { OrganizationView } from "../../../application/usage/organizations.ts";
import type { Plan } from "../../../domain/plan.ts";
import { CompanyRow } from "./company_row.tsx";
import type { RowInput } from "./row_input.ts";

/** One row per company of the page, each mapping to an organization not mapped yet. */
export function CompaniesTable(
  props: {
    companies: readonly Company[];
    organizations: readonly OrganizationView[];
    plans: readonly Plan[];
    inputs?: ReadonlyMap<number, RowInput>;
    selectAll: boolean;
    rowErrors?: ReadonlyMap<number, string[]>;
  },
) {
  const data = props;
  const unmapped = data.organizations.filter((o) => o.mapping === null);
  const names = new Map(data.organizations.map((o) => [o.id, o.name]));
  return (
    <table class="companies">
      <caption class="vh">Companies of this page</caption>
      <thead>
        <tr>
          <th scope="col" class="pick">
            <input type="checkbox" id="select-all" data-select-all="" />
            <label for="select-all">
              All<span class="vh">: select all on this page</span>
            </label>
          </th>
          <th scope="col">Company</th>
          <th scope="col">Agreement</th>
          <th scope="col">Organization</th>
        </tr>
      </thead>
      {data.companies.map((company, i) => (
        <CompanyRow
          index={i}
          company={company}
          organizations={unmapped}
          names={names}
          plans={data.plans}
          input={props.inputs?.get(company.id)}
          ticked={props.selectAll}
          errors={props.rowErrors?.get(company.id)}
        />
      ))}
    </table>
  );
}
