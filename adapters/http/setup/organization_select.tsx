/** @jsxImportSource hono/jsx */
import type { CompanyRow as Company } from "../../../application/setup/lookups.ts";
import type { Organization } from "../../../domain/organization.ts";
import { CREATE_ORG, type RowInput } from "./row_input.ts";

/** The organizations a row may map, the suggested one marked, or "Create organization". */
export function OrganizationSelect(
  props: {
    index: number;
    company: Company;
    organizations: readonly Organization[];
    input: RowInput;
  },
) {
  const { index: i, company, input } = props;
  return (
    <>
      <label for={`c${i}-organization`} class="vh">Organization for {company.name}</label>
      <select
        id={`c${i}-organization`}
        name={`c${i}.organization`}
        data-row-field=""
      >
        <option value="">Choose an organization</option>
        {props.organizations.map((o) => (
          <option value={o.id} selected={input.organization === o.id}>
            {o.name}
            {o.id === company.suggestedOrganizationId ? " (suggested: same name)" : ""}
          </option>
        ))}
        <option value={CREATE_ORG} selected={input.organization === CREATE_ORG}>
          Create organization…
        </option>
      </select>
    </>
  );
}
