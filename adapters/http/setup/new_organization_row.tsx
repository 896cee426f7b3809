/** @jsxImportSource hono/jsx */
import type { CompanyRow as Company } from "../../../application/setup/lookups.ts";
import { LICENSE_TYPES } from "../../../domain/organization.ts";
import type { Plan } from "../../../domain/plan.ts";
import type { RowInput } from "./row_input.ts";

/** Shown by CSS alone when "Create organization" is chosen. */
export function NewOrganizationRow(
  props: { index: number; company: Company; plans: readonly Plan[]; input: RowInput },
) {
  const { index: i, input } = props;
  const id = (field: string) => `c${i}-${field}`;
  return (
    <tr id={id("create")} class="create-row">
      <td></td>
      <td colspan={3}>
        <fieldset class="new-org">
          <legend>New organization from {props.company.name}</legend>
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
                {props.plans.map((p) => (
                  <option value={p.id} selected={input.planId === p.id}>{p.name}</option>
                ))}
              </select>
            </span>
          </div>
        </fieldset>
      </td>
    </tr>
  );
}
