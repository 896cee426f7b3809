/** @jsxImportSource hono/jsx */
import { LICENSE_TYPES } from "../../../domain/organization.ts";
import type { Plan } from "../../../domain/plan.ts";
import { CREATE_ORG } from "./row_input.ts";
import { BULK } from "./import_form.ts";

/** Ticked rows without an organization: leave them, or create one per company. */
export function BulkChoice(props: { plans: readonly Plan[] }) {
  return (
    <fieldset class="bulk">
      <legend>Ticked rows without an organization</legend>
      <div class="fields">
        <span>
          <label for="bulk-organization">Do</label>
          <select id="bulk-organization" name={BULK.organization}>
            <option value="">nothing: each row says what is missing</option>
            <option value={CREATE_ORG}>create an organization named like the company</option>
          </select>
        </span>
        <span>
          <label for="bulk-plan">on plan</label>
          <select id="bulk-plan" name={BULK.plan}>
            {props.plans.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
          </select>
        </span>
        <span>
          <label for="bulk-license">license type</label>
          <select id="bulk-license" name={BULK.license}>
            {LICENSE_TYPES.map((t) => <option key={t} value={t}>{t}</option>)}
          </select>
        </span>
      </div>
    </fieldset>
  );
}
