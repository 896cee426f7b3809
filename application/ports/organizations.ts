import type { Organization } from "../../domain/organization.ts";

/** The MSP's organizations, as the platform keeps them current. */
export interface Organizations {
  get(mspId: string, organizationId: string): Promise<Organization | undefined>;
  /** Every organization of the MSP by id; only the listed ones when `ids` is given. */
  list(mspId: string, ids?: readonly string[]): Promise<Organization[]>;
  /**
   * Up to `limit` organizations of the MSP after the one with id `after` (from the first when
   * null), by id in the store's own order: keyset paging, so reading a whole MSP page by page never
   * holds it whole.
   */
  page(mspId: string, options: { after: string | null; limit: number }): Promise<Organization[]>;
  save(mspId: string, organization: Organization): Promise<void>;
}
