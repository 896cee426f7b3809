import { assertIdentifierFits } from "../../domain/catalog_identifier.ts";
import { DomainError } from "../../domain/errors.ts";
import { ProductIdentifierTaken } from "../ports/errors.ts";
import {
  assertKindsApart,
  assertSlotsFit,
  createProductMapping,
  type ProductMapping,
  type ProductRef,
  readiness,
} from "../../domain/product_mapping.ts";
import { sessionFor } from "../connection/connection.ts";
import type { Deps } from "../ports/deps.ts";
import { requirePlan } from "../figures/plans.ts";
import { markMspDirty } from "../lines/mark_dirty.ts";
import type { NewProduct, ProductCatalog } from "../ports/connectwise.ts";

/** A mapping slot as the MSP fills it: an existing product, or one to create. */
export type Slot = { productId: number } | { create: NewProduct };

/** A plan's mapping with its readiness, as the setup screen lists it. */
export interface ProductMappingView {
  readonly planId: string;
  readonly license: ProductRef | null;
  readonly server: ProductRef | null;
  readonly serverApplicable: boolean;
  readonly ready: boolean;
  readonly reason: string | null;
}

/** Every plan, with empty slots where the MSP mapped none. */
export async function listProductMappings(
  deps: Deps,
  mspId: string,
): Promise<ProductMappingView[]> {
  const [plans, mappings] = await Promise.all([
    deps.store.plans.list(),
    deps.store.productMappings.list(mspId),
  ]);
  return plans.map((plan) => {
    const mapping = mappings.find((m) => m.planId === plan.id);
    return {
      planId: plan.id,
      license: mapping?.license ?? null,
      server: mapping?.server ?? null,
      ...readiness(plan, mapping),
    };
  });
}

/** Creates products in ConnectWise where asked, once every slot is checked. */
export async function mapProducts(
  deps: Deps,
  input: { mspId: string; planId: string; license: Slot; server?: Slot },
): Promise<ProductMappingView> {
  const plan = await requirePlan(deps.store, input.planId, "plan");
  assertSlotsFit(plan, input);
  const others = await deps.store.productMappings.list(input.mspId);
  assertKindsApart(slotsBeforeCreate(plan.id, input), others);
  checkNew(input.license, "license");
  if (input.server) checkNew(input.server, "server");
  const catalog = (await sessionFor(deps, input.mspId)).catalog;
  await checkExisting(catalog, input.license, "license");
  if (input.server) await checkExisting(catalog, input.server, "server");
  const license = await resolve(catalog, input.license, "license");
  const server = input.server ? await resolve(catalog, input.server, "server") : null;
  const mapping: ProductMapping = createProductMapping(plan, { license, server });
  await deps.store.productMappings.save(input.mspId, mapping);
  await markMspDirty(deps, input.mspId);
  return { ...mapping, ...readiness(plan, mapping) };
}

function slotsBeforeCreate(
  planId: string,
  input: { license: Slot; server?: Slot },
): ProductMapping {
  const ref = (slot: Slot | undefined) =>
    slot && "productId" in slot
      ? { productId: slot.productId, identifier: String(slot.productId) }
      : null;
  return { planId, license: ref(input.license), server: ref(input.server) };
}

async function checkExisting(catalog: ProductCatalog, slot: Slot, path: string): Promise<void> {
  if (!("productId" in slot)) return;
  if (!(await catalog.get(slot.productId))) {
    throw new DomainError("product-not-found", `Catalog product ${slot.productId} does not exist`, {
      details: [{ path: `${path}/productId`, message: `product ${slot.productId} not found` }],
    });
  }
}

function checkNew(slot: Slot, path: string): void {
  if ("create" in slot) assertIdentifierFits(slot.create.identifier, `${path}/create/identifier`);
}

async function resolve(catalog: ProductCatalog, slot: Slot, path: string): Promise<ProductRef> {
  const product = "productId" in slot
    ? await catalog.get(slot.productId)
    : await catalog.create(slot.create).catch((error) => {
      // 409 naming the product that holds the identifier and the slot, so the caller maps it.
      if (!(error instanceof ProductIdentifierTaken)) throw error;
      throw new ProductIdentifierTaken(
        error.identifier,
        error.productId,
        `${path}/create/identifier`,
      );
    });
  if (!product) throw new DomainError("product-not-found", "Catalog product vanished");
  return { productId: product.id, identifier: product.identifier };
}
