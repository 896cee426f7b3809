/** @jsxImportSource hono/jsx */
import type { CompanyRow as Company } from "../../../application/lookups.ts";
import { LICENSE_TYPES } from "../../../domain/organization.ts";
import type { Organization } from "../../../domain/organization.ts";
import type { Plan } from "../../../domain/plan.ts";

/** The organization select's value meaning "create an organization from the company". */
export const CREATE_ORG = "__create__";

/** What was typed into a row, kept when the import is refused. */
export interface RowInput {
  include: boolean;
  agreementId: string;
  organization: string;
  name: string;
  licenseType: string;
  planId: string;
}

/** One company of the import: agreement, organization (existing, suggested, or new). */
export function CompanyRow(
  props: {
    index: number;
    company: Company;
    organizations: readonly Organization[];
    plans: readonly Plan[];
    input?: RowInput;
    errors?: readonly string[];
  },
) {
  const { index: i, company, organizations, plans, errors } = props;
  const open = company.agreements.filter((a) => !a.cancelled);
  const input: RowInput = props.input ?? {
    include: false,
    agreementId: open.length === 1 ? String(open[0].id) : "",
    organization: company.suggestedOrganizationId ?? "",
    name: company.name,
    licenseType: "standard",
    planId: plans[0]?.id ?? "",
  };
  const id = (field: string) => `c${i}-${field}`;
  const errorId = errors && errors.length > 0 ? id("errors") : undefined;
  return (
    <fieldset class={errorId ? "company has-error" : "company"} aria-describedby={errorId}>
      <legend>{company.name}</legend>
      <input type="hidden" name={`c${i}.companyId`} value={String(company.id)} />
      <p class="meta">
        {company.identifier} · {company.types.map((t) => t.name).join(", ") || "no type"} ·{" "}
        {company.status?.name ?? "no status"}
        {company.mappedOrganizationId ? ` · mapped to ${company.mappedOrganizationId}` : ""}
      </p>
      <div class="row">
        <span class="check">
          <input
            type="checkbox"
            id={id("include")}
            name={`c${i}.include`}
            checked={input.include}
          />
          <label for={id("include")}>Import {company.name}</label>
        </span>
        <span>
          <label for={id("agreement")}>Agreement</label>
          <select id={id("agreement")} name={`c${i}.agreementId`} data-row-field>
            <option value="">Choose an agreement</option>
            {open.map((a) => (
              <option value={String(a.id)} selected={input.agreementId === String(a.id)}>
                {a.name}
                {a.type ? ` (${a.type})` : ""}
              </option>
            ))}
          </select>
        </span>
        <span>
          <label for={id("organization")}>Organization</label>
          <select
            id={id("organization")}
            name={`c${i}.organization`}
            data-row-field
            data-create-toggle={id("create")}
            data-create-value={CREATE_ORG}
          >
            <option value="">Choose an organization</option>
            {organizations.map((o) => (
              <option value={o.id} selected={input.organization === o.id}>
                {o.name} ({o.id}){o.id === company.suggestedOrganizationId ? " - suggested" : ""}
              </option>
            ))}
            <option value={CREATE_ORG} selected={input.organization === CREATE_ORG}>
              Create organization…
            </option>
          </select>
        </span>
      </div>
      <fieldset id={id("create")} class="create">
        <legend>New organization from {company.name}</legend>
        <label for={id("name")}>Name</label>
        <input id={id("name")} name={`c${i}.name`} value={input.name} maxlength={200} />
        <label for={id("license")}>License type</label>
        <select id={id("license")} name={`c${i}.licenseType`}>
          {LICENSE_TYPES.map((t) => (
            <option value={t} selected={input.licenseType === t}>{t}</option>
          ))}
        </select>
        <label for={id("plan")}>Plan</label>
        <select id={id("plan")} name={`c${i}.planId`}>
          {plans.map((p) => (
            <option key={p.id} value={p.id} selected={input.planId === p.id}>{p.name}</option>
          ))}
        </select>
      </fieldset>
      {errorId && (
        <div id={errorId} class="row-errors" role="alert">
          <ul>{errors!.map((e) => <li key={e}>{e}</li>)}</ul>
        </div>
      )}
    </fieldset>
  );
}
