/** @jsxImportSource hono/jsx */
import type { Context } from "hono";
import { unmapOrganization } from "../../../application/setup/company_mappings.ts";
import type { Deps } from "../../../application/ports/deps.ts";
import { requireOrganization } from "../../../application/usage/organizations.ts";
import { NotFoundError } from "../../../domain/errors.ts";
import { companiesState, companiesUrl } from "./companies_page.tsx";
import { Csrf, Layout } from "./layout.tsx";
import { agreementText, companyText } from "./mapped_list.tsx";
import { pageContext } from "./page_context.ts";
import { loadFrame } from "./page_frame.ts";
import { renderPage } from "./render.ts";

async function mappedOrganization(deps: Deps, mspId: string, organizationId: string) {
  const [organization, mapping] = await Promise.all([
    requireOrganization(deps.store, mspId, organizationId),
    deps.store.companyMappings.get(mspId, organizationId),
  ]);
  if (!mapping) {
    throw new NotFoundError("mapping-not-found", `${organization.name} is not mapped`);
  }
  return { organization, mapping };
}

/** What happens to the agreement's additions and what stays; both buttons keep the list's place. */
export async function confirmUnmap(c: Context, deps: Deps): Promise<Response> {
  const ctx = pageContext(c);
  const orgId = c.req.param("org") ?? "";
  const { organization: org, mapping } = await mappedOrganization(deps, ctx.mspId, orgId);
  const [others, frame] = await Promise.all([
    deps.store.companyMappings.forAgreement(ctx.mspId, mapping.agreementId),
    loadFrame(deps, ctx.mspId),
  ]);
  const left = others.filter((m) => m.organizationId !== orgId).length;
  const back = companiesUrl(ctx.mspId, companiesState(c))();
  const agreement = `${agreementText(mapping)} (${companyText(mapping)})`;
  return renderPage(
    c,
    <Layout title={`Unmap ${org.name}?`} frame={frame} step="companies">
      <form
        method="post"
        action={`${new URL(c.req.url).pathname}${new URL(c.req.url).search}`}
        class="card confirm"
      >
        <Csrf token={ctx.csrf} />
        <p>{org.name} is billed on the ConnectWise agreement {agreement}.</p>
        <h2>What happens to the agreement</h2>
        <p>
          psa-sync pushes {agreementText(mapping)}{" "}
          at once. Its additions then hold only what the organizations still mapped to it bill:{" "}
          {left === 0
            ? "none is left, so their quantities become 0"
            : `${left} other organization(s) stay on it`}. ConnectWise invoices those quantities
          from the agreement's next invoice; psa-sync never deletes an addition.
        </p>
        <h2>What stays</h2>
        <p>
          {org.name}'s usage and statements. A month's final figures that wait for their invoice are
          not changed. You can map {org.name} again at any time, to this or another agreement.
        </p>
        <div class="actions">
          <button type="submit">Unmap {org.name}</button>
          <a href={back} class="button secondary">Keep it mapped</a>
        </div>
      </form>
    </Layout>,
  );
}

/** The same use case as `DELETE /v1/msps/{msp}/company-mappings/{org}`. */
export async function unmap(c: Context, deps: Deps): Promise<Response> {
  const ctx = pageContext(c);
  const org = c.req.param("org") ?? "";
  await unmapOrganization(deps, { mspId: ctx.mspId, organizationId: org });
  return c.redirect(companiesUrl(ctx.mspId, companiesState(c))({ unmapped: org }), 303);
}
