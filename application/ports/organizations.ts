import type { Organization } from "../../domain/organization.ts";

/** The MSP's organizations, as the platform keeps them current. */
export interface Organizations {
  get(mspId: string, organizationId: string): Promise<Organization | undefined>;
  list(mspId: string): Promise<Organization[]>;
  save(mspId: string, organization: Organization): Promise<void>;
}
