/** The organization select's value meaning "create an organization from the company". */
export const CREATE_ORG = "__create__";

/** What was chosen in a row, kept when the import is refused. */
export interface RowInput {
  include: boolean;
  agreementId: string;
  organization: string;
  name: string;
  licenseType: string;
  planId: string;
}
