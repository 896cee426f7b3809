/** @jsxImportSource hono/jsx */
import type { CompanyRow as Company } from "../../../application/setup/lookups.ts";
import type { OrganizationView } from "../../../application/usage/organizations.ts";
import type { NamedRef } from "../../../application/ports/connectwise.ts";
import type { Plan } from "../../../domain/plan.ts";
import { type CompanyFilter, CompanyFilters } from "./company_filters.tsx";
import { CompaniesTable } from "./companies_table.tsx";
import type { RowInput } from "./row_input.ts";
import { BulkChoice } from "./import_bulk.tsx";
import { Csrf, ErrorBox, Layout, Notice } from "./layout.tsx";
import { stepUrl } from "./steps.ts";
import { MappedList } from "./mapped_list.tsx";
import type { PageContext } from "./page_context.ts";
import type { Frame } from "./page_frame.ts";
import { type Cursor, CursorPager, pageOf } from "./paging.tsx";

/** What step 3 shows besides the data: where the lists stand, and what a post left. */
export interface CompaniesState {
  filter: CompanyFilter;
  cursor: Cursor;
  mappedPage: number;
  selectAll: boolean;
  notice?: string;
  error?: { message: string; details: string[] };
  inputs?: Map<number, RowInput>;
  rowErrors?: Map<number, string[]>;
}

export interface CompaniesData {
  types: readonly NamedRef[];
  statuses: readonly NamedRef[];
  companies: readonly Company[];
  next: number | null;
  organizations: readonly OrganizationView[];
  plans: readonly Plan[];
}

/** Step 3: the companies a page at a time, and the mapped organizations. */
export function CompaniesView(
  props: {
    ctx: PageContext;
    frame: Frame;
    data: CompaniesData;
    state: CompaniesState;
    /** The address of this view with other query values (filters, cursor kept). */
    here: (extra: Record<string, string>, cursor?: Cursor) => string;
  },
) {
  const { ctx, data, state, here } = props;
  const url = stepUrl(ctx.mspId, "companies");
  const mapped = pageOf(data.organizations.filter((o) => o.mapping !== null), state.mappedPage);
  const pager = {
    label: "Company pages",
    cursor: state.cursor,
    next: data.next,
    shown: data.companies.length,
    size: state.filter.size,
    href: (cursor: Cursor) => here({}, cursor),
  };
  return (
    <Layout title="3. Company import" frame={props.frame} step="companies">
      <Notice text={state.notice} />
      <ErrorBox message={state.error?.message} details={state.error?.details} />
      <CompanyFilters
        action={url}
        types={data.types}
        statuses={data.statuses}
        filter={state.filter}
      />
      <ImportForm
        action={here({})}
        selectAll={here({ select: "all" })}
        csrf={ctx.csrf}
        pager={pager}
        data={data}
        state={state}
      />
      {(state.cursor.after !== 0 || data.next !== null) && (
        <CursorPager {...pager} label="Company pages, below the list" />
      )}
      <MappedList
        unmapUrl={(org) => here({}).replace(url, `${url}/unmap/${encodeURIComponent(org)}`)}
        rows={mapped.rows}
        page={{ ...mapped, href: (p) => here({ mapped: String(p) }) }}
      />
      <p>
        <a href={stepUrl(ctx.mspId, "sync")}>Next: watch the sync</a>
      </p>
    </Layout>
  );
}

/** All ticked rows are saved, or none. */
function ImportForm(
  props: {
    action: string;
    selectAll: string;
    csrf: string;
    pager: Parameters<typeof CursorPager>[0];
    data: CompaniesData;
    state: CompaniesState;
  },
) {
  return (
    <form method="post" action={props.action} class="import">
      <h2 id="companies">Companies</h2>
      <p class="hint">
        Tick the companies to import and choose an agreement and an organization for each: a
        company's only billable agreement and the organization with its name are chosen for you. All
        ticked rows are saved, or none.
      </p>
      <Csrf token={props.csrf} />
      <CursorPager {...props.pager} />
      {props.data.companies.length === 0 ? <p>No company matches.</p> : (
        <CompaniesTable
          companies={props.data.companies}
          organizations={props.data.organizations}
          plans={props.data.plans}
          inputs={props.state.inputs}
          selectAll={props.state.selectAll}
          rowErrors={props.state.rowErrors}
        />
      )}
      <noscript>
        <p>
          <a href={props.selectAll}>Select all on this page</a>
        </p>
      </noscript>
      <BulkChoice plans={props.data.plans} />
      <button type="submit">Save the ticked rows</button>
    </form>
  );
}
