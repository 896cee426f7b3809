/** @jsxImportSource hono/jsx */
import type { Context } from "hono";
import { importCompanyMappings } from "../../../application/setup/company_mappings.ts";
import type { Deps } from "../../../application/ports/deps.ts";
import { companyPage, companyStatuses, companyTypes } from "../../../application/setup/lookups.ts";
import { listOrganizations } from "../../../application/usage/organizations.ts";
import { listPlans } from "../../../application/figures/plans.ts";
import { type CompaniesState, CompaniesView } from "./companies_view.tsx";
import { filterQuery, readFilter } from "./company_filters.tsx";
import { errorsByCompany, type ImportForm, parseItems, readImportForm } from "./import_form.ts";
import { stepUrl } from "./steps.ts";
import { formFields, type PageContext, pageContext, shownError } from "./page_context.ts";
import { loadFrame } from "./page_frame.ts";
import { type Cursor, cursorQuery, readCursor } from "./paging.tsx";
import { renderPage } from "./render.ts";
import { sentence } from "./words.ts";

/** From the query: filters, the page of companies, the mapped page. */
export function companiesState(c: Context): CompaniesState {
  return {
    filter: readFilter((name) => c.req.queries(name)),
    cursor: readCursor(c.req.query("after"), c.req.query("back")),
    mappedPage: Number(c.req.query("mapped") ?? "1"),
    selectAll: c.req.query("select") === "all",
  };
}

export function companiesUrl(mspId: string, state: CompaniesState) {
  return (extra: Record<string, string> = {}, cursor: Cursor = state.cursor) => {
    const query = filterQuery(state.filter, { ...cursorQuery(cursor), ...extra });
    return `${stepUrl(mspId, "companies")}${query ? `?${query}` : ""}`;
  };
}

async function view(deps: Deps, ctx: PageContext, state: CompaniesState) {
  const { mspId } = ctx;
  const { filter, cursor } = state;
  const [types, statuses, page, organizations, plans, frame] = await Promise.all([
    companyTypes(deps, mspId),
    companyStatuses(deps, mspId),
    companyPage(deps, {
      mspId,
      filter: { typeIds: filter.typeIds, statusIds: filter.statusIds, nameContains: filter.search },
      limit: filter.size,
      after: cursor.after === 0 ? undefined : cursor.after,
    }),
    listOrganizations(deps, mspId),
    listPlans(deps),
    loadFrame(deps, mspId),
  ]);
  const data = { types, statuses, companies: page.rows, next: page.next, organizations, plans };
  return (
    <CompaniesView
      ctx={ctx}
      frame={frame}
      data={data}
      state={state}
      here={companiesUrl(mspId, state)}
    />
  );
}

export async function companiesPage(c: Context, deps: Deps): Promise<Response> {
  const ctx = pageContext(c);
  const imported = Number(c.req.query("imported"));
  const unmappedId = c.req.query("unmapped");
  const unmapped = unmappedId && await deps.store.organizations.get(ctx.mspId, unmappedId);
  const notice = Number.isSafeInteger(imported) && imported > 0
    ? `Imported ${imported} row(s): their agreements are pushed within seconds.`
    : unmapped
    ? `Unmapped ${unmapped.name}: its agreement was pushed and bills only the organizations ` +
      "still mapped to it."
    : undefined;
  return renderPage(c, await view(deps, ctx, { ...companiesState(c), notice }));
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
    ...companiesState(c),
    inputs: form.inputs,
    rowErrors: rows,
    error: {
      message: rows.size > 0 ? `${message} The marked rows say why.` : message,
      details: rest,
    },
  };
  return renderPage(c, await view(deps, pageContext(c), state), 422);
}

/** The same use case as `POST /v1/msps/{msp}/company-mappings`. */
export async function saveImport(c: Context, deps: Deps): Promise<Response> {
  const ctx = pageContext(c);
  const form = readImportForm(await formFields(c));
  if (form.items.length === 0) {
    return refuse(c, deps, form, "Tick at least one company to import.", []);
  }
  if (form.incomplete.length > 0) {
    return refuse(c, deps, form, "Some rows are not complete; nothing was saved.", form.incomplete);
  }
  const parsed = parseItems(form);
  if ("problems" in parsed) {
    return refuse(c, deps, form, "Some rows are not complete; nothing was saved.", parsed.problems);
  }
  try {
    await importCompanyMappings(deps, { mspId: ctx.mspId, items: parsed.items });
  } catch (error) {
    const shown = shownError(error);
    return refuse(c, deps, form, sentence(shown.message), shown.details);
  }
  const url = companiesUrl(ctx.mspId, companiesState(c));
  return c.redirect(url({ imported: String(parsed.items.length) }), 303);
}
