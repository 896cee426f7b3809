import type { Organization } from "../../domain/organization.ts";

/** The MSP's organizations, as the platform keeps them current. */
export interface Organizations {
  get(mspId: string, organizationId: string): Promise<Organization | undefined>;
  /** Only the listed ones when `ids` is given. */
  list(mspId: string, ids?: readonly string[]): Promise<Organization[]>;
  /** Keyset paging by id (in the store's own order), so a whole MSP is never held at once. */
  page(mspId: string, options: { after: string | null; limit: number }): Promise<Organization[]>;
  save(mspId: string, organization: Organization): Promise<void>;
}
