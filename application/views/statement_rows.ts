import { contributions } from "../../domain/billing.ts";
import type { LicenseType } from "../../domain/organization.ts";
import type { ProductKind } from "../../domain/product_mapping.ts";
import type { Deps } from "../ports/deps.ts";
import { plansById } from "../figures/plans.ts";
import { periodStatement } from "./period_reads.ts";

/** What an invoice line is checked against: a product and the quantity billed for it. */
export interface BilledSlot {
  /** The product's identifier, or null when the plan has no product for it yet. */
  readonly product: string | null;
  readonly quantity: number;
}

/** One organization's line of a period statement, ready to check an invoice. */
export interface StatementRow {
  readonly organizationId: string;
  readonly organizationName: string;
  readonly licenseType: LicenseType | null;
  readonly companyId: number | null;
  readonly agreementId: number | null;
  /** As named when the organization was mapped (null: unmapped, or no name was kept). */
  readonly companyName: string | null;
  readonly agreementName: string | null;
  readonly plan: string;
  readonly license: BilledSlot;
  /** null for a plan without servers. */
  readonly server: BilledSlot | null;
  readonly final: boolean;
}

/** Per product, the quantity the sync writes (`contributions`: trial and NFR count 0). */
export async function statementRows(
  deps: Deps,
  input: { mspId: string; period: string },
): Promise<StatementRow[]> {
  const { mspId } = input;
  const [statements, organizations, mappings, products, plans] = await Promise.all([
    periodStatement(deps, input),
    deps.store.organizations.list(mspId),
    deps.store.companyMappings.list(mspId),
    deps.store.productMappings.list(mspId),
    plansById(deps.store),
  ]);
  return statements.map((statement): StatementRow => {
    const organization = organizations.find((o) => o.id === statement.organizationId);
    const mapping = mappings.find((m) => m.organizationId === statement.organizationId);
    const plan = plans.get(statement.planId);
    const productMapping = products.find((p) => p.planId === statement.planId);
    const billed = organization && plan
      ? contributions({
        organization,
        agreementId: mapping?.agreementId ?? 0,
        figures: statement,
        plan,
        mapping: productMapping,
      }).contributions
      : [];
    const slot = (kind: ProductKind): BilledSlot => {
      const c = billed.find((b) => b.kind === kind);
      const ref = kind === "license" ? productMapping?.license : productMapping?.server;
      const raw = kind === "license" ? statement.licenses : statement.servers;
      return { product: c ? ref?.identifier ?? null : null, quantity: c ? c.quantity : raw };
    };
    return {
      organizationId: statement.organizationId,
      organizationName: organization?.name ?? "",
      licenseType: organization?.licenseType ?? null,
      companyId: mapping?.companyId ?? null,
      agreementId: mapping?.agreementId ?? null,
      companyName: mapping?.companyName ?? null,
      agreementName: mapping?.agreementName ?? null,
      plan: statement.planId,
      license: slot("license"),
      server: plan?.includesServers === false ? null : slot("server"),
      final: statement.final,
    };
  });
}
