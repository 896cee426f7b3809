/** @jsxImportSource hono/jsx */
import type { Context } from "hono";
import { importCompanyMappings, unmapOrganization } from "../../../application/company_mappings.ts";
import type { Deps } from "../../../application/deps.ts";
import { companyStatuses, companyTypes, listCompanies } from "../../../application/lookups.ts";
import { listOrganizations } from "../../../application/organizations.ts";
import { listPlans } from "../../../application/plans.ts";
import { type CompanyFilter, CompanyFilters, filterQuery, readFilter } from "./company_filters.tsx";
import { CompanyRow, type RowInput } from "./company_row.tsx";
import { errorsByCompany, type ImportForm, parseItems, readImportForm } from "./import_form.ts";
import { Csrf, ErrorBox, Layout, Notice, stepUrl } from "./layout.tsx";
import { MappedList } from "./mapped_list.tsx";
import { formFields, type PageContext, pageContext, shownError } from "./page_context.ts";
import { pageOf, Pager } from "./paging.tsx";
import { renderPage } from "./render.ts";

interface CompaniesState {
  filter: CompanyFilter;
  page: number;
  mappedPage: number;
  notice?: string;
  error?: { message: string; details: string[] };
  inputs?: Map<number, RowInput>;
  rowErrors?: Map<number, string[]>;
}

async function view(deps: Deps, ctx: PageContext, state: CompaniesState) {
  const { mspId } = ctx;
  const url = stepUrl(mspId, "companies");
  const [types, statuses, companies, organizations, plans] = await Promise.all([
    companyTypes(deps, mspId),
    companyStatuses(deps, mspId),
    listCompanies(deps, { mspId, filter: state.filter }),
    listOrganizations(deps, mspId),
    listPlans(deps),
  ]);
  const unmapped = organizations.filter((o) => o.mapping === null);
  const shown = pageOf(companies, state.page);
  const mapped = pageOf(organizations.filter((o) => o.mapping !== null), state.mappedPage);
  const here = (extra: Record<string, string>) => `${url}?${filterQuery(state.filter, extra)}`;
  return (
    <Layout title="3. Company import" mspId={mspId} step="companies">
      <Notice text={state.notice} />
      <ErrorBox message={state.error?.message} details={state.error?.details} />
      <CompanyFilters action={url} types={types} statuses={statuses} filter={state.filter} />
      <form method="post" action={here({ page: String(shown.page) })} class="import">
        <h2>Companies</h2>
        <p class="hint">
          Tick the companies to import, choose an agreement and an organization for each (the
          suggested one has the same name), then save: all ticked rows are saved, or none.
        </p>
        <Csrf token={ctx.csrf} />
        {shown.rows.map((company, i) => (
          <CompanyRow
            index={i}
            company={company}
            organizations={unmapped}
            plans={plans}
            input={state.inputs?.get(company.id)}
            errors={state.rowErrors?.get(company.id)}
          />
        ))}
        {shown.rows.length === 0 && <p>No company matches the filters.</p>}
        <button type="submit">Save the ticked rows</button>
      </form>
      <Pager label="Company pages" {...shown} href={(p) => here({ page: String(p) })} />
      <MappedList
        csrf={ctx.csrf}
        unmapUrl={(org) => `${stepUrl(mspId, "companies")}/unmap/${encodeURIComponent(org)}`}
        rows={mapped.rows}
        page={{ ...mapped, href: (p) => here({ mapped: String(p) }) }}
      />
      <p>
        <a href={stepUrl(mspId, "sync")}>Next: watch the sync</a>
      </p>
    </Layout>
  );
}

function stateOf(c: Context): CompaniesState {
  return {
    filter: readFilter((name) => c.req.queries(name)),
    page: Number(c.req.query("page") ?? "1"),
    mappedPage: Number(c.req.query("mapped") ?? "1"),
  };
}

/** Step 3: companies filtered by type and status, a page at a time, and the mapped ones. */
export async function companiesPage(c: Context, deps: Deps): Promise<Response> {
  const imported = c.req.query("imported");
  const unmapped = c.req.query("unmapped");
  const notice = imported
    ? `Imported ${imported} row(s).`
    : unmapped
    ? `Unmapped ${unmapped}.`
    : undefined;
  return renderPage(c, await view(deps, pageContext(c), { ...stateOf(c), notice }));
}

async function refuse(
  c: Context,
  deps: Deps,
  form: ImportForm,
  message: string,
  details: readonly { path: string; message: string }[],
) {
  const { rows, rest } = errorsByCompany(form, details);
  const state = {
    ...stateOf(c),
    inputs: form.inputs,
    rowErrors: rows,
    error: {
      message: rows.size > 0 ? `${message}. The marked rows say why.` : message,
      details: rest,
    },
  };
  return renderPage(c, await view(deps, pageContext(c), state), 422);
}

/** Step 3's form: the same use case as `POST /v1/msps/{msp}/company-mappings`. */
export async function saveImport(c: Context, deps: Deps): Promise<Response> {
  const ctx = pageContext(c);
  const form = readImportForm(await formFields(c));
  if (form.items.length === 0) {
    return refuse(c, deps, form, "Tick at least one company to import", []);
  }
  if (form.incomplete.length > 0) {
    return refuse(c, deps, form, "Some rows are not complete; nothing was saved", form.incomplete);
  }
  const parsed = parseItems(form);
  if ("problems" in parsed) {
    return refuse(c, deps, form, "Some rows are not complete; nothing was saved", parsed.problems);
  }
  try {
    await importCompanyMappings(deps, { mspId: ctx.mspId, items: parsed.items });
  } catch (error) {
    const shown = shownError(error);
    return refuse(c, deps, form, shown.message, shown.details);
  }
  const query = filterQuery(stateOf(c).filter, { imported: String(parsed.items.length) });
  return c.redirect(`${stepUrl(ctx.mspId, "companies")}?${query}`, 303);
}

/** Unmap: the same use case as `DELETE /v1/msps/{msp}/company-mappings/{org}`. */
export async function unmap(c: Context, deps: Deps): Promise<Response> {
  const ctx = pageContext(c);
  const org = c.req.param("org") ?? "";
  await unmapOrganization(deps, { mspId: ctx.mspId, organizationId: org });
  return c.redirect(`${stepUrl(ctx.mspId, "companies")}?unmapped=${encodeURIComponent(org)}`, 303);
}
