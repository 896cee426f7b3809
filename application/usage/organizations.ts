import type { CompanyMapping } from "../../domain/company_mapping.ts";
import { NotFoundError } from "../../domain/errors.ts";
import {
  createOrganization,
  type LicenseType,
  type Organization,
} from "../../domain/organization.ts";
import { planChange } from "../../domain/plan_history.ts";
import { readiness } from "../../domain/product_mapping.ts";
import type { Deps } from "../ports/deps.ts";
import { requirePlan } from "../figures/plans.ts";
import type { Repositories } from "../ports/store.ts";
import type { SyncStatus } from "../ports/sync_lines.ts";
import { syncLines } from "../lines/line_views.ts";

/** An organization's sync state in one word, and why. */
export interface OrganizationSync {
  readonly status: SyncStatus | "unmapped";
  readonly reason: string | null;
}

/** An organization as listed: with its mapping and sync state. */
export interface OrganizationView extends Organization {
  readonly mapping: CompanyMapping | null;
  readonly sync: OrganizationSync;
}

/** A plan change counts from when it is received; a changed plan or license type pushes again. */
export function upsertOrganization(
  deps: Deps,
  input: { mspId: string; id: string; name: string; planId: string; licenseType: LicenseType },
): Promise<Organization> {
  return deps.store.transaction(async (repos) => {
    const { mspId, ...fields } = input;
    await requirePlan(repos, fields.planId);
    return await saveOrganization(deps, repos, { mspId, organization: createOrganization(fields) });
  });
}

/**
 * Every path that saves an organization (PUT, the import) records its plan here, as a ledger entry
 * at now; a new organization's first plan also applies to its earlier reports.
 */
export async function saveOrganization(
  deps: Deps,
  repos: Repositories,
  input: { mspId: string; organization: Organization },
): Promise<Organization> {
  const { mspId, organization: org } = input;
  const before = await repos.organizations.get(mspId, org.id);
  await repos.organizations.save(mspId, org);
  const now = deps.clock.now();
  const change = planChange({
    before,
    after: org,
    at: now,
    eventId: `plan-change:${deps.newId()}`,
  });
  if (change) await repos.usage.append(mspId, change);
  if (change || before?.licenseType !== org.licenseType) {
    await markOrganizationDirty(repos, { mspId, organizationId: org.id, at: now });
  }
  return org;
}

/** When it is mapped. */
export async function markOrganizationDirty(
  repos: Repositories,
  input: { mspId: string; organizationId: string; at: Date },
): Promise<void> {
  const mapping = await repos.companyMappings.get(input.mspId, input.organizationId);
  if (mapping) await repos.syncQueue.markDirty(input.mspId, mapping.agreementId, input.at);
}

export async function requireOrganization(
  repos: Repositories,
  mspId: string,
  organizationId: string,
): Promise<Organization> {
  const org = await repos.organizations.get(mspId, organizationId);
  if (!org) {
    throw new NotFoundError(
      "organization-not-found",
      `Organization "${organizationId}" is not known`,
    );
  }
  return org;
}

const SEVERITY: SyncStatus[] = ["in-sync", "pending", "blocked", "failed"];

export async function listOrganizations(deps: Deps, mspId: string): Promise<OrganizationView[]> {
  const { store } = deps;
  const [orgs, mappings, lines, plans, productMappings] = await Promise.all([
    store.organizations.list(mspId),
    store.companyMappings.list(mspId),
    syncLines(deps, mspId),
    store.plans.list(),
    store.productMappings.list(mspId),
  ]);
  return orgs.map((org) => {
    const mapping = mappings.find((m) => m.organizationId === org.id) ?? null;
    const plan = plans.find((p) => p.id === org.planId);
    const ready = plan && readiness(plan, productMappings.find((m) => m.planId === plan.id));
    let sync: OrganizationSync;
    if (!mapping) sync = { status: "unmapped", reason: null };
    else if (ready && !ready.ready) sync = { status: "blocked", reason: ready.reason };
    else {
      const mine = lines.filter((l) => l.agreementId === mapping.agreementId);
      const worst = mine.reduce<SyncStatus>(
        (w, l) => SEVERITY.indexOf(l.status) > SEVERITY.indexOf(w) ? l.status : w,
        mine.length > 0 ? "in-sync" : "pending",
      );
      sync = { status: worst, reason: mine.find((l) => l.status === worst)?.reason ?? null };
    }
    return { ...org, mapping, sync };
  });
}
