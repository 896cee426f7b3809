import { checkMapping } from "../../domain/company_mapping.ts";
import { DomainError } from "../../domain/errors.ts";
import {
  createOrganization,
  type LicenseType,
  type Organization,
} from "../../domain/organization.ts";
import type { CwAgreement } from "../ports/connectwise.ts";
import type { Repositories } from "../ports/store.ts";

/** One row of an import: map an existing organization, or create one from the company. */
export type MappingRow =
  & { companyId: number; agreementId: number }
  & (
    | { organizationId: string }
    | { createOrganization: { name: string; licenseType: LicenseType; planId: string } }
  );

type Problem = { path: string; message: string };

export interface RowContext {
  mspId: string;
  row: { item: MappingRow; organizationId: string };
  index: number;
  rows: readonly { organizationId: string }[];
  agreements: readonly CwAgreement[];
  now: Date;
}

/** Every problem of one row of an import, each at its `items/N/...` path. */
export async function rowProblems(repos: Repositories, context: RowContext): Promise<Problem[]> {
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
