import { agreementsToPush, type CompanyMapping } from "../../domain/company_mapping.ts";
import { DomainError, NotFoundError } from "../../domain/errors.ts";
import { createOrganization, type Organization } from "../../domain/organization.ts";
import { sessionFor } from "../connection/connection.ts";
import type { Deps } from "../ports/deps.ts";
import { saveOrganization } from "../usage/organizations.ts";
import type { CwAgreement } from "../ports/connectwise.ts";
import type { Repositories } from "../ports/store.ts";
import { recordTerms } from "../push/agreement_terms.ts";
import { type MappingRow, rowProblems } from "./mapping_rows.ts";

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
