import {
  agreementsToPush,
  checkMapping,
  type CompanyMapping,
} from "../../domain/company_mapping.ts";
import { DomainError, NotFoundError } from "../../domain/errors.ts";
import {
  createOrganization,
  type LicenseType,
  type Organization,
} from "../../domain/organization.ts";
import { sessionFor } from "../connection/connection.ts";
import type { Deps } from "../ports/deps.ts";
import { saveOrganization } from "../usage/organizations.ts";
import type { CwAgreement } from "../ports/connectwise.ts";
import type { Repositories } from "../ports/store.ts";
import { recordTerms } from "../push/agreement_terms.ts";

/** One row of an import: map an existing organization, or create one from the company. */
export type MappingRow =
  & { companyId: number; agreementId: number }
  & (
    | { organizationId: string }
    | { createOrganization: { name: string; licenseType: LicenseType; planId: string } }
  );

type Problem = { path: string; message: string };

/** Every row is checked first (agreements against ConnectWise): nothing is saved if one fails. */
export async function importCompanyMappings(
  deps: Deps,
  input: { mspId: string; items: readonly MappingRow[] },
): Promise<CompanyMapping[]> {
  const { mspId, items } = input;
  const session = await sessionFor(deps, mspId);
  const agreements = await session.companies.agreementsOf([
    ...new Set(items.map((i) => i.companyId)),
  ]);
  const readAt = deps.clock.now();
  const rows = items.map((item) => ({
    item,
    organizationId: "organizationId" in item ? item.organizationId : deps.newId(),
  }));
  return deps.store.transaction(async (repos) => {
    const problems = (await Promise.all(
      rows.map((row, i) =>
        rowProblems(repos, { mspId, row, index: i, rows, agreements, now: readAt })
      ),
    )).flat();
    if (problems.length > 0) {
      throw new DomainError(
        "invalid-company-mappings",
        `${problems.length} problem(s) in the import; nothing was saved`,
        { details: problems },
      );
    }
    const saved: CompanyMapping[] = [];
    for (const { item, organizationId } of rows) {
      if ("createOrganization" in item) {
        const organization = createOrganization({ id: organizationId, ...item.createOrganization });
        await saveOrganization(deps, repos, { mspId, organization });
        await announce(repos, { deps, mspId, org: organization });
      }
      const mapping = withNames(
        { organizationId, companyId: item.companyId, agreementId: item.agreementId },
        agreements.find((a) => a.id === item.agreementId),
      );
      await changeMapping(deps, repos, { mspId, organizationId, mapping });
      saved.push(mapping);
    }
    // Their invoice dates and billability, as read for the check, are what pushes start from.
    const mapped = new Set(items.map((i) => i.agreementId));
    const read = agreements.filter((a) => mapped.has(a.id));
    await recordTerms(deps, repos, { mspId, agreements: read, readAt });
    return saved;
  });
}

/** Names are kept so that nothing is read again to show them. */
function withNames(mapping: CompanyMapping, agreement: CwAgreement | undefined): CompanyMapping {
  return {
    ...mapping,
    ...(agreement?.companyName === undefined ? {} : { companyName: agreement.companyName }),
    ...(agreement === undefined ? {} : { agreementName: agreement.name }),
  };
}

interface RowContext {
  mspId: string;
  row: { item: MappingRow; organizationId: string };
  index: number;
  rows: readonly { organizationId: string }[];
  agreements: readonly CwAgreement[];
  now: Date;
}

async function rowProblems(repos: Repositories, context: RowContext): Promise<Problem[]> {
  const { row: { item, organizationId }, index, agreements } = context;
  const at = (field: string) => `items/${index}/${field}`;
  const problems = "organizationId" in item
    ? await mappedOrganizationProblems(repos, context, at)
    : await newOrganizationProblems(repos, { ...item.createOrganization, id: organizationId }, at);
  const agreement = agreements.find((a) => a.id === item.agreementId);
  try {
    checkMapping(
      { organizationId, companyId: item.companyId, agreementId: item.agreementId },
      agreement,
      context.now,
    );
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    problems.push({ path: at("agreementId"), message: e.message });
  }
  return problems;
}

/** A row naming an organization: it must exist and be named once in the import. */
async function mappedOrganizationProblems(
  repos: Repositories,
  context: RowContext,
  at: (field: string) => string,
): Promise<Problem[]> {
  const { mspId, row: { organizationId }, index, rows } = context;
  const problems: Problem[] = [];
  if (!(await repos.organizations.get(mspId, organizationId))) {
    problems.push({
      path: at("organizationId"),
      message: `organization "${organizationId}" is not known`,
    });
  }
  if (rows.findIndex((r) => r.organizationId === organizationId) !== index) {
    problems.push({
      path: at("organizationId"),
      message: "organization appears twice in the import",
    });
  }
  return problems;
}

/** A row creating an organization: its plan must exist and the organization be valid. */
async function newOrganizationProblems(
  repos: Repositories,
  fields: Organization,
  at: (field: string) => string,
): Promise<Problem[]> {
  const problems: Problem[] = [];
  if (!(await repos.plans.get(fields.planId))) {
    problems.push({
      path: at("createOrganization/planId"),
      message: `plan "${fields.planId}" is not known`,
    });
  }
  try {
    createOrganization(fields);
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    problems.push({ path: at("createOrganization"), message: e.message });
  }
  return problems;
}

async function announce(
  repos: Repositories,
  context: { deps: Deps; mspId: string; org: Organization },
): Promise<void> {
  const { deps, mspId, org } = context;
  await repos.outbox.add({
    id: deps.newId(),
    type: "organization.created",
    mspId,
    payload: { type: "organization.created", msp: mspId, organization: org },
    nextAttemptAt: deps.clock.now(),
  });
}

export function listCompanyMappings(deps: Deps, mspId: string): Promise<CompanyMapping[]> {
  return deps.store.companyMappings.list(mspId);
}

/** The agreement left is pushed at once, so it stops billing the organization. */
export async function unmapOrganization(
  deps: Deps,
  input: { mspId: string; organizationId: string },
): Promise<void> {
  const { mspId, organizationId } = input;
  await deps.store.transaction(async (repos) => {
    if (!(await repos.companyMappings.get(mspId, organizationId))) {
      throw new NotFoundError(
        "mapping-not-found",
        `Organization "${organizationId}" is not mapped`,
      );
    }
    await changeMapping(deps, repos, { mspId, organizationId, mapping: undefined });
  });
}

/** Queues every agreement the change touches for a push now. */
async function changeMapping(
  deps: Deps,
  repos: Repositories,
  input: { mspId: string; organizationId: string; mapping: CompanyMapping | undefined },
): Promise<void> {
  const { mspId, organizationId, mapping } = input;
  const before = await repos.companyMappings.get(mspId, organizationId);
  if (mapping) await repos.companyMappings.save(mspId, mapping);
  else await repos.companyMappings.delete(mspId, organizationId);
  const at = deps.clock.now();
  for (const agreementId of agreementsToPush(before, mapping)) {
    await repos.syncQueue.markDirty(mspId, agreementId, at);
  }
}
