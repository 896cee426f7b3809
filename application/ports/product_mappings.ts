import type { ProductMapping } from "../../domain/product_mapping.ts";

/** Each MSP's plan -> product mappings. */
export interface ProductMappings {
  get(mspId: string, planId: string): Promise<ProductMapping | undefined>;
  list(mspId: string): Promise<ProductMapping[]>;
  save(mspId: string, mapping: ProductMapping): Promise<void>;
}
