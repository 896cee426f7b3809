/** @jsxImportSource hono/jsx */
import type { NamedRef } from "../../../application/ports/connectwise.ts";

/** The chosen type and status ids (none chosen: any). */
export interface CompanyFilter {
  typeIds: number[];
  statusIds: number[];
}

/** The filter as a query string, for links that keep it. */
export function filterQuery(filter: CompanyFilter, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams(extra);
  for (const id of filter.typeIds) query.append("typeId", String(id));
  for (const id of filter.statusIds) query.append("statusId", String(id));
  return query.toString();
}

/** Reads `typeId` and `statusId` (repeatable, positive whole numbers; others dropped). */
export function readFilter(query: (name: string) => string[] | undefined): CompanyFilter {
  const ids = (name: string) =>
    (query(name) ?? []).map(Number).filter((n) => Number.isSafeInteger(n) && n > 0).slice(0, 100);
  return { typeIds: ids("typeId"), statusIds: ids("statusId") };
}

function Choices(
  props: { legend: string; name: string; options: readonly NamedRef[]; chosen: number[] },
) {
  return (
    <fieldset class="choices">
      <legend>{props.legend}</legend>
      {props.options.map((o) => (
        <span class="check">
          <input
            type="checkbox"
            id={`${props.name}-${o.id}`}
            name={props.name}
            value={String(o.id)}
            checked={props.chosen.includes(o.id)}
          />
          <label for={`${props.name}-${o.id}`}>{o.name}</label>
        </span>
      ))}
    </fieldset>
  );
}

/** The type and status filters of the company import (a GET form). */
export function CompanyFilters(
  props: {
    action: string;
    types: readonly NamedRef[];
    statuses: readonly NamedRef[];
    filter: CompanyFilter;
  },
) {
  return (
    <form method="get" action={props.action} class="filters" aria-label="Filter companies">
      <Choices
        legend="Company types"
        name="typeId"
        options={props.types}
        chosen={props.filter.typeIds}
      />
      <Choices
        legend="Company statuses"
        name="statusId"
        options={props.statuses}
        chosen={props.filter.statusIds}
      />
      <button type="submit">Apply filters</button>
    </form>
  );
}
