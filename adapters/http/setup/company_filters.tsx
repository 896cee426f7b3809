/** @jsxImportSource hono/jsx */
import type { NamedRef } from "../../../application/ports/connectwise.ts";

/** Rows per page the company import offers; the first is the default. */
export const PAGE_SIZES = [50, 100, 200] as const;

/** What the company list shows: type and status ids (none: any), name text, rows per page. */
export interface CompanyFilter {
  typeIds: number[];
  statusIds: number[];
  search: string;
  size: number;
}

export function filterQuery(filter: CompanyFilter, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams();
  for (const id of filter.typeIds) query.append("typeId", String(id));
  for (const id of filter.statusIds) query.append("statusId", String(id));
  if (filter.search) query.set("search", filter.search);
  if (filter.size !== PAGE_SIZES[0]) query.set("size", String(filter.size));
  for (const [name, value] of Object.entries(extra)) query.set(name, value);
  return query.toString();
}

/** Ids must be positive whole numbers; anything else is dropped. */
export function readFilter(query: (name: string) => string[] | undefined): CompanyFilter {
  const ids = (name: string) =>
    (query(name) ?? []).map(Number).filter((n) => Number.isSafeInteger(n) && n > 0).slice(0, 100);
  const size = Number(query("size")?.[0]);
  return {
    typeIds: ids("typeId"),
    statusIds: ids("statusId"),
    // The /v1 lookup's limit; control characters are refused there with a sentence.
    search: (query("search")?.[0] ?? "").trim().slice(0, 100),
    size: PAGE_SIZES.find((s) => s === size) ?? PAGE_SIZES[0],
  };
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

/** A GET form. */
export function CompanyFilters(
  props: {
    action: string;
    types: readonly NamedRef[];
    statuses: readonly NamedRef[];
    filter: CompanyFilter;
  },
) {
  const { filter } = props;
  return (
    <form method="get" action={props.action} class="filters card" role="search">
      <div class="inline">
        <span>
          <label for="company-search">Company name contains</label>
          <input id="company-search" name="search" type="search" value={filter.search} />
        </span>
        <span>
          <label for="company-size">Rows per page</label>
          <select id="company-size" name="size">
            {PAGE_SIZES.map((s) => (
              <option value={String(s)} selected={s === filter.size}>{s}</option>
            ))}
          </select>
        </span>
      </div>
      <Choices
        legend="Company types"
        name="typeId"
        options={props.types}
        chosen={filter.typeIds}
      />
      <Choices
        legend="Company statuses"
        name="statusId"
        options={props.statuses}
        chosen={filter.statusIds}
      />
      <button type="submit">Show companies</button>
    </form>
  );
}
