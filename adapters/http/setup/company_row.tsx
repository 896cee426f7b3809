/** @jsxImportSource hono/jsx */
import type { CompanyRow as Company } from "../../../application/setup/lookups.ts";
import type { Organization } from "../../../domain/organization.ts";
import type { Plan } from "../../../domain/plan.ts";
import type { RowInput } from "./row_input.ts";
import { notBillable } from "./agreement_billing.ts";
import { AgreementSelect } from "./agreement_select.tsx";
import { NewOrganizationRow } from "./new_organization_row.tsx";
import { OrganizationSelect } from "./organization_select.tsx";

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
        <PickCell
          index={i}
          company={company}
          include={input.include}
          disabled={company.agreements.length === 0 && input.agreementId === ""}
          errorId={errorId}
        />
        <CompanyCell company={company} mapped={mapped} />
        <td data-label="Agreement">
          <AgreementSelect
            id={id("agreement")}
            name={`c${i}.agreementId`}
            company={company}
            chosen={input.agreementId}
          />
        </td>
        <td data-label="Organization">
          <OrganizationSelect
            index={i}
            company={company}
            organizations={organizations}
            input={input}
          />
        </td>
      </tr>
      <NewOrganizationRow index={i} company={company} plans={plans} input={input} />
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

function PickCell(
  props: {
    index: number;
    company: Company;
    include: boolean;
    disabled: boolean;
    errorId: string | undefined;
  },
) {
  const { index: i, company } = props;
  return (
    <td class="pick">
      <input type="hidden" name={`c${i}.companyId`} value={String(company.id)} />
      <input
        type="checkbox"
        id={`c${i}-include`}
        name={`c${i}.include`}
        checked={props.include}
        disabled={props.disabled}
        aria-describedby={props.errorId}
      />
      <label for={`c${i}-include`} class="vh">Import {company.name}</label>
    </td>
  );
}

/** The company's name, identifier, types, status and the organizations mapped to it. */
function CompanyCell(props: { company: Company; mapped: readonly string[] }) {
  const { company, mapped } = props;
  return (
    <th scope="row" class="company-name">
      <span class="name">{company.name}</span>
      <span class="meta">
        {company.identifier} · {company.types.map((t) => t.name).join(", ") || "no type"} ·{" "}
        {company.status?.name ?? "no status"}
        {mapped.length > 0 ? ` · mapped: ${mapped.join(", ")}` : ""}
      </span>
    </th>
  );
}
