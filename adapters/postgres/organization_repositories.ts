import * as v from "valibot";
import type { CompanyMapping } from "../../domain/company_mapping.ts";
import { LICENSE_TYPES, type Organization } from "../../domain/organization.ts";
import type { CompanyMappings } from "../../application/ports/company_mappings.ts";
import type { Organizations } from "../../application/ports/organizations.ts";
import { byText, integer, parseRow, parseRows, type Queryable } from "./rows.ts";

const OrganizationRow = v.object({
  id: v.string(),
  name: v.string(),
  plan_id: v.string(),
  license_type: v.picklist(LICENSE_TYPES),
});

function toOrganization(row: v.InferOutput<typeof OrganizationRow>): Organization {
  return { id: row.id, name: row.name, planId: row.plan_id, licenseType: row.license_type };
}

/** Listed by id. */
export function postgresOrganizations(sql: Queryable): Organizations {
  return {
    get: async (mspId, organizationId) => {
      const [row] = await sql`
        SELECT * FROM organizations WHERE msp_id = ${mspId} AND id = ${organizationId}`;
      return row ? toOrganization(parseRow(OrganizationRow, row, "organizations")) : undefined;
    },
    list: async (mspId, ids) => {
      const rows = ids === undefined
        ? await sql`SELECT * FROM organizations WHERE msp_id = ${mspId}`
        : await sql`
          SELECT * FROM organizations WHERE msp_id = ${mspId} AND id = ANY(${[...ids]}::text[])`;
      return parseRows(OrganizationRow, rows, "organizations").map(toOrganization)
        .sort(byText((o) => o.id));
    },
    page: async (mspId, { after, limit }) => {
      // In the column's collation, so the primary key's index serves the range and the order.
      const rows = await sql`
        SELECT * FROM organizations
        WHERE msp_id = ${mspId} AND (${after}::text IS NULL OR id > ${after}::text)
        ORDER BY id LIMIT ${limit}`;
      return parseRows(OrganizationRow, rows, "organizations").map(toOrganization);
    },
    save: async (mspId, org) => {
      // The MSP's msp_periods row comes with its first organization (reports lock it).
      await sql`
        WITH msp AS (
          INSERT INTO msp_periods (msp_id) VALUES (${mspId}) ON CONFLICT (msp_id) DO NOTHING
        )
        INSERT INTO organizations (msp_id, id, name, plan_id, license_type)
        VALUES (${mspId}, ${org.id}, ${org.name}, ${org.planId}, ${org.licenseType})
        ON CONFLICT (msp_id, id) DO UPDATE SET
          name = EXCLUDED.name, plan_id = EXCLUDED.plan_id, license_type = EXCLUDED.license_type`;
    },
  };
}

const CompanyMappingRow = v.object({
  organization_id: v.string(),
  company_id: integer,
  agreement_id: integer,
  company_name: v.nullish(v.string(), null),
  agreement_name: v.nullish(v.string(), null),
});

function toCompanyMapping(row: v.InferOutput<typeof CompanyMappingRow>): CompanyMapping {
  return {
    organizationId: row.organization_id,
    companyId: row.company_id,
    agreementId: row.agreement_id,
    ...(row.company_name === null ? {} : { companyName: row.company_name }),
    ...(row.agreement_name === null ? {} : { agreementName: row.agreement_name }),
  };
}

export function postgresCompanyMappings(sql: Queryable): CompanyMappings {
  return {
    get: async (mspId, organizationId) => {
      const [row] = await sql`
        SELECT * FROM company_mappings
        WHERE msp_id = ${mspId} AND organization_id = ${organizationId}`;
      return row
        ? toCompanyMapping(parseRow(CompanyMappingRow, row, "company_mappings"))
        : undefined;
    },
    list: async (mspId) => {
      const rows = await sql`SELECT * FROM company_mappings WHERE msp_id = ${mspId}`;
      return parseRows(CompanyMappingRow, rows, "company_mappings").map(toCompanyMapping)
        .sort(byText((m) => m.organizationId));
    },
    agreementIds: async (mspId) => {
      const rows = await sql`
        SELECT DISTINCT agreement_id FROM company_mappings WHERE msp_id = ${mspId}
        ORDER BY agreement_id`;
      return parseRows(v.object({ agreement_id: integer }), rows, "company_mappings")
        .map((r) => r.agreement_id);
    },
    forAgreement: async (mspId, agreementId) => {
      const rows = await sql`
        SELECT * FROM company_mappings WHERE msp_id = ${mspId} AND agreement_id = ${agreementId}`;
      return parseRows(CompanyMappingRow, rows, "company_mappings").map(toCompanyMapping)
        .sort(byText((m) => m.organizationId));
    },
    forAgreements: async (mspId, agreementIds) => {
      const rows = await sql`
        SELECT * FROM company_mappings
        WHERE msp_id = ${mspId} AND agreement_id = ANY(${[...agreementIds]}::bigint[])`;
      return parseRows(CompanyMappingRow, rows, "company_mappings").map(toCompanyMapping)
        .sort(byText((m) => m.organizationId));
    },
    save: async (mspId, m) => {
      await sql`
        INSERT INTO company_mappings
          (msp_id, organization_id, company_id, agreement_id, company_name, agreement_name)
        VALUES (${mspId}, ${m.organizationId}, ${m.companyId}, ${m.agreementId},
          ${m.companyName ?? null}, ${m.agreementName ?? null})
        ON CONFLICT (msp_id, organization_id) DO UPDATE SET
          company_id = EXCLUDED.company_id, agreement_id = EXCLUDED.agreement_id,
          company_name = EXCLUDED.company_name, agreement_name = EXCLUDED.agreement_name`;
    },
    delete: async (mspId, organizationId) => {
      const result = await sql`
        DELETE FROM company_mappings
        WHERE msp_id = ${mspId} AND organization_id = ${organizationId}`;
      return result.count > 0;
    },
  };
}
