import * as v from "valibot";
import type { Plan } from "../../domain/plan.ts";
import type { ProductMapping, ProductRef } from "../../domain/product_mapping.ts";
import type { Plans } from "../../application/ports/plans.ts";
import type { ProductMappings } from "../../application/ports/product_mappings.ts";
import { byText, integer, parseRow, parseRows, type Queryable } from "./rows.ts";

const PlanRow = v.object({
  id: v.string(),
  name: v.string(),
  tier: integer,
  includes_servers: v.boolean(),
});

function toPlan(row: v.InferOutput<typeof PlanRow>): Plan {
  return { id: row.id, name: row.name, tier: row.tier, includesServers: row.includes_servers };
}

/** The global plan catalog in table `plans`, listed by tier (then id). */
export function postgresPlans(sql: Queryable): Plans {
  return {
    get: async (planId) => {
      const [row] = await sql`SELECT * FROM plans WHERE id = ${planId}`;
      return row ? toPlan(parseRow(PlanRow, row, "plans")) : undefined;
    },
    list: async () => {
      const rows = await sql`SELECT * FROM plans`;
      return parseRows(PlanRow, rows, "plans").map(toPlan)
        .sort((a, b) => a.tier - b.tier || a.id.localeCompare(b.id));
    },
    save: async (plan) => {
      await sql`
        INSERT INTO plans (id, name, tier, includes_servers)
        VALUES (${plan.id}, ${plan.name}, ${plan.tier}, ${plan.includesServers})
        ON CONFLICT (id) DO UPDATE SET
          name = EXCLUDED.name, tier = EXCLUDED.tier, includes_servers = EXCLUDED.includes_servers`;
    },
  };
}

const MappingRow = v.object({
  plan_id: v.string(),
  license_product_id: v.nullable(integer),
  license_identifier: v.nullable(v.string()),
  server_product_id: v.nullable(integer),
  server_identifier: v.nullable(v.string()),
});

function slot(productId: number | null, identifier: string | null): ProductRef | null {
  return productId === null || identifier === null ? null : { productId, identifier };
}

function toMapping(row: v.InferOutput<typeof MappingRow>): ProductMapping {
  return {
    planId: row.plan_id,
    license: slot(row.license_product_id, row.license_identifier),
    server: slot(row.server_product_id, row.server_identifier),
  };
}

export function postgresProductMappings(sql: Queryable): ProductMappings {
  return {
    get: async (mspId, planId) => {
      const [row] = await sql`
        SELECT * FROM product_mappings WHERE msp_id = ${mspId} AND plan_id = ${planId}`;
      return row ? toMapping(parseRow(MappingRow, row, "product_mappings")) : undefined;
    },
    list: async (mspId) => {
      const rows = await sql`SELECT * FROM product_mappings WHERE msp_id = ${mspId}`;
      return parseRows(MappingRow, rows, "product_mappings").map(toMapping)
        .sort(byText((m) => m.planId));
    },
    save: async (mspId, m) => {
      await sql`
        INSERT INTO product_mappings (msp_id, plan_id, license_product_id, license_identifier,
          server_product_id, server_identifier)
        VALUES (${mspId}, ${m.planId}, ${m.license?.productId ?? null},
          ${m.license?.identifier ?? null}, ${m.server?.productId ?? null},
          ${m.server?.identifier ?? null})
        ON CONFLICT (msp_id, plan_id) DO UPDATE SET
          license_product_id = EXCLUDED.license_product_id,
          license_identifier = EXCLUDED.license_identifier,
          server_product_id = EXCLUDED.server_product_id,
          server_identifier = EXCLUDED.server_identifier`;
    },
  };
}
