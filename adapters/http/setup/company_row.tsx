/** @jsxImportSource hono/jsx */
import type { CompanyRow as Company } from "../../../application/setup/lookups.ts";
import { LICENSE_TYPES } from "../../../domain/organization.ts";
import type { Organization } from "../../../domain/organization.ts";
import type { Plan } from "../../../domain/plan.ts";
import { notBillable } from "./agreement_billing.ts";
import { AgreementSelect } from "./agreement_select.tsx";

/** The organization select's value meaning "create an organization from the company". */
export const CREATE_ORG = "__create__";

/** What was chosen in a row, kept when the import is refused. */
export interface RowInput {
  include: boolean;
  agreementId: string;
  organization: string;
  name: string;
  licenseType: string;
  planId: string;
}

/** A row as first shown: one billable agreement and the suggested organization pre-selected. */
function firstInput(company: Company, plans: readonly Plan[], ticked: boolean): RowInput {
  const billable = company.agreements.filter((a) => notBillable(a) === null);
  return {
    include: ticked && company.agreements.length > 0,
    agreementId: billable.length === 1 ? String(billable[0].id) : "",
    organization: company.suggestedOrganizationId ?? "",
    name: company.name,
    licenseType: "standard",
    planId: plans[0]?.id ?? "",
  };
}

/** A tbody: the row, a new organization's fields when chosen, and the row's errors. */
export function CompanyRow(
  props: {
    index: number;
    company: Company;
    /** Organizations not mapped yet, the ones a row may map. */
    organizations: readonly Organization[];
    /** Names of every organization, for "mapped to". */
    names: ReadonlyMap<string, string>;
    plans: readonly Plan[];
    input?: RowInput;
    ticked?: boolean;
    errors?: readonly string[];
  },
) {
  const { index: i, company, organizations, plans, errors } = props;
  const input = props.input ?? firstInput(company, plans, props.ticked ?? false);
  const id = (field: string) => `c${i}-${field}`;
  const errorId = errors && errors.length > 0 ? id("errors") : undefined;
  const mapped = company.mappedOrganizationIds.map((o) => props.names.get(o) ?? o);
  return (
    <tbody class={errorId ? "company has-error" : "company"}>
      <tr>
        <td class="pick">
          <input type="hidden" name={`c${i}.companyId`} value={String(company.id)} />
          <input
            type="checkbox"
            id={id("include")}
            name={`c${i}.include`}
            checked={input.include}
            disabled={company.agreements.length === 0 && input.agreementId === ""}
            aria-describedby={errorId}
          />
          <label for={id("include")} class="vh">Import {company.name}</label>
        </td>
        <th scope="row" class="company-name">
          <span class="name">{company.name}</span>
          <span class="meta">
            {company.identifier} · {company.types.map((t) => t.name).join(", ") || "no type"} ·{" "}
            {company.status?.name ?? "no status"}
            {mapped.length > 0 ? ` · mapped: ${mapped.join(", ")}` : ""}
          </span>
        </th>
        <td data-label="Agreement">
          <AgreementSelect
            id={id("agreement")}
            name={`c${i}.agreementId`}
            company={company}
            chosen={input.agreementId}
          />
        </td>
        <td data-label="Organization">
          <label for={id("organization")} class="vh">Organization for {company.name}</label>
          <select
            id={id("organization")}
            name={`c${i}.organization`}
            data-row-field=""
          >
            <option value="">Choose an organization</option>
            {organizations.map((o) => (
              <option value={o.id} selected={input.organization === o.id}>
                {o.name}
                {o.id === company.suggestedOrganizationId ? " (suggested: same name)" : ""}
              </option>
            ))}
            <option value={CREATE_ORG} selected={input.organization === CREATE_ORG}>
              Create organization…
            </option>
          </select>
        </td>
      </tr>
      <tr id={id("create")} class="create-row">
        <td></td>
        <td colspan={3}>
          <fieldset class="new-org">
            <legend>New organization from {company.name}</legend>
            <div class="fields">
              <span>
                <label for={id("name")}>Name</label>
                <input id={id("name")} name={`c${i}.name`} value={input.name} maxlength={200} />
              </span>
              <span>
                <label for={id("license")}>License type</label>
                <select id={id("license")} name={`c${i}.licenseType`}>
                  {LICENSE_TYPES.map((t) => (
                    <option value={t} selected={input.licenseType === t}>{t}</option>
                  ))}
                </select>
              </span>
              <span>
                <label for={id("plan")}>Plan</label>
                <select id={id("plan")} name={`c${i}.planId`}>
                  {plans.map((p) => (
                    <option value={p.id} selected={input.planId === p.id}>{p.name}</option>
                  ))}
                </select>
              </span>
            </div>
          </fieldset>
        </td>
      </tr>
      {errorId && (
        <tr class="row-errors">
          <td></td>
          <td colspan={3} id={errorId} role="alert">
            <ul>{errors!.map((e) => <li key={e}>{e}</li>)}</ul>
          </td>
        </tr>
      )}
    </tbody>
  );
}
