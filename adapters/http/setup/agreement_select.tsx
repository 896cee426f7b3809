/** @jsxImportSource hono/jsx */
import type { CompanyRow as Company } from "../../../application/setup/lookups.ts";
import { notBillable } from "./agreement_billing.ts";

/** Others than billable ones are shown, not offered; a foreign chosen id stays, as it was sent. */
export function AgreementSelect(
  props: { id: string; name: string; company: Company; chosen: string },
) {
  const { id, company, chosen } = props;
  if (company.agreements.length === 0 && chosen === "") {
    return <span class="meta">No agreement in ConnectWise</span>;
  }
  const known = company.agreements.some((a) => String(a.id) === chosen);
  return (
    <>
      <label for={id} class="vh">Agreement for {company.name}</label>
      <select id={id} name={props.name} data-row-field="">
        <option value="">Choose an agreement</option>
        {company.agreements.map((a) => {
          const why = notBillable(a);
          const selected = chosen === String(a.id);
          return (
            <option value={String(a.id)} selected={selected} disabled={why !== null && !selected}>
              {a.name}
              {a.type ? ` (${a.type})` : ""}
              {why ? `: not billable, ${why}` : ""}
            </option>
          );
        })}
        {!known && chosen !== "" && (
          <option value={chosen} selected>
            Agreement {chosen} (not one of {company.name}'s)
          </option>
        )}
      </select>
    </>
  );
}
