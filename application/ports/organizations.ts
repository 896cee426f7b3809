import type { Organization } from "../../domain/organization.ts";

/** The MSP's organizations, as the platform keeps them current. */
export interface Organizations {
  get(mspId: string, organizationId: string): Promise<Organization | undefined>;
  /** Every organization of the MSP by id; only the listed ones when `ids` is given. */
  list(mspId: string, ids?: readonly string[]): Promise<Organization[]>;
  save(mspId: string, organization: Organization): Promise<void>;
}
