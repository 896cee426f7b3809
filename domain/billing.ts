import type { Figures } from "./figures.ts";
import { billability, type Organization } from "./organization.ts";
import { type Plan, unknownPlanReason } from "./plan.ts";
import { productFor, type ProductKind, type ProductMapping } from "./product_mapping.ts";
import { type LineIdentity, lineKey } from "./sync_line.ts";

/** What one organization adds to one (agreement, product) addition. */
export interface Contribution {
  readonly organizationId: string;
  readonly agreementId: number;
  readonly productId: number;
  readonly kind: ProductKind;
  readonly quantity: number;
  /** Why the quantity is 0 although there is usage (trial, NFR). */
  readonly note: string | null;
}

/** Usage that cannot be pushed because the plan is not ready or not known; kept, never dropped. */
export interface BlockedUsage {
  readonly organizationId: string;
  readonly agreementId: number;
  readonly kind: ProductKind;
  readonly reason: string;
}

/** An organization as billing sees it: who it is, where it is mapped, its figures. */
export interface BillingInput {
  readonly organization: Organization;
  readonly agreementId: number;
  readonly figures: Figures;
  /** The plan of `figures.planId`; undefined when the catalog does not hold it. */
  readonly plan: Plan | undefined;
  readonly mapping: ProductMapping | undefined;
}

/**
 * Splits one organization's figures into contributions per product, or
 * blocked usage: a plan that is not ready blocks the billed kinds it has no
 * product for, a plan that is not known blocks the organization's licenses.
 */
export function contributions(
  input: BillingInput,
): { contributions: Contribution[]; blocked: BlockedUsage[] } {
  const { organization, agreementId, figures, plan, mapping } = input;
  const billed = billability(organization);
  const result = { contributions: [] as Contribution[], blocked: [] as BlockedUsage[] };
  const block = (kind: ProductKind, reason: string) =>
    result.blocked.push({ organizationId: organization.id, agreementId, kind, reason });
  // Whatever its license type: until the plan is known, nothing says what it bills.
  if (!plan) {
    block("license", unknownPlanReason(figures.planId));
    return result;
  }
  const kinds: ProductKind[] = plan.includesServers ? ["license", "server"] : ["license"];
  for (const kind of kinds) {
    const slot = productFor(plan, mapping, kind);
    const quantity = kind === "license" ? figures.licenses : figures.servers;
    if ("reason" in slot) {
      if (billed.billed) block(kind, slot.reason);
      continue;
    }
    result.contributions.push({
      organizationId: organization.id,
      agreementId,
      productId: slot.product.productId,
      kind,
      quantity: billed.billed ? quantity : 0,
      note: billed.billed ? null : billed.reason,
    });
  }
  return result;
}

/** The quantity one (agreement, product) addition should hold. */
export interface DesiredLine {
  readonly agreementId: number;
  readonly productId: number;
  readonly kind: ProductKind;
  readonly quantity: number;
  readonly organizationIds: readonly string[];
  readonly notes: readonly string[];
}

/** An addition the service already keeps a line for. */
export type KnownLine = LineIdentity & { readonly productId: number };

/**
 * Sums contributions per (agreement, product). Every known line that no
 * organization bills any more (a tier change) gets quantity 0, never dropped.
 */
export function desiredLines(
  all: readonly Contribution[],
  known: readonly KnownLine[] = [],
): DesiredLine[] {
  const lines = new Map<string, DesiredLine>();
  for (const c of all) {
    const key = lineKey(c);
    const line = lines.get(key);
    lines.set(key, {
      agreementId: c.agreementId,
      productId: c.productId,
      kind: line?.kind ?? c.kind,
      quantity: (line?.quantity ?? 0) + c.quantity,
      organizationIds: [...(line?.organizationIds ?? []), c.organizationId],
      notes: c.note ? [...(line?.notes ?? []), c.note] : line?.notes ?? [],
    });
  }
  for (const k of known) {
    const key = lineKey(k);
    if (lines.has(key)) continue;
    lines.set(key, {
      ...k,
      quantity: 0,
      organizationIds: [],
      notes: ["no mapped organization bills this product any more"],
    });
  }
  return [...lines.values()].sort((a, b) =>
    a.agreementId - b.agreementId || a.productId - b.productId
  );
}
