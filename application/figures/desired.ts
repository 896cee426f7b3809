import {
  type BlockedUsage,
  type Contribution,
  contributions,
  type DesiredLine,
  desiredLines,
} from "../../domain/billing.ts";
import type { Figures } from "../../domain/figures.ts";
import type { Organization } from "../../domain/organization.ts";
import type { Period } from "../../domain/period.ts";
import type { Plan } from "../../domain/plan.ts";
import type { ProductMapping } from "../../domain/product_mapping.ts";
import { organizationFigures } from "./period_figures.ts";
import { plansById } from "./plans.ts";
import type { Repositories } from "../ports/store.ts";
import type { SyncLine } from "../ports/sync_lines.ts";

/** What one agreement's additions should hold for a period. */
export interface AgreementTarget {
  readonly lines: DesiredLine[];
  readonly blocked: BlockedUsage[];
  /** The sync lines the service keeps for the agreement now. */
  readonly existing: SyncLine[];
  /** Whether an organization on the agreement has usage for the period (adoptions wait for it). */
  readonly hasUsage: boolean;
}

/**
 * Desired quantities of one agreement for a period: from the final
 * statements when `final`, else the running figures from the ledger. Lines
 * the service already keeps and nobody bills any more get 0.
 */
export async function agreementTarget(
  repos: Repositories,
  input: { mspId: string; agreementId: number; period: Period; final: boolean },
): Promise<AgreementTarget> {
  const { mspId, agreementId, period } = input;
  const [mappings, plans, productMappings, existing] = await Promise.all([
    repos.companyMappings.forAgreement(mspId, agreementId),
    plansById(repos),
    repos.productMappings.list(mspId),
    repos.syncLines.forAgreement(mspId, agreementId),
  ]);
  const organizationIds = mappings.map((m) => m.organizationId);
  const organizations = await repos.organizations.list(mspId, organizationIds);
  const figured: FiguredOrganization[] = [];
  if (input.final) {
    const finals = await repos.statements.list(mspId, period, organizationIds);
    const statements = new Map(finals.map((statement) => [statement.organizationId, statement]));
    for (const organization of organizations) {
      const figures = statements.get(organization.id);
      if (figures) figured.push({ organization, figures, reported: true });
    }
  } else {
    const running = await organizationFigures(repos, { mspId, period, organizations });
    figured.push(...running.map((r) => ({ ...r, reported: r.usageBefore })));
  }
  return targetOf({ agreementId, figured, plans, productMappings, existing });
}

/** An organization billed on an agreement, with its figures for the period. */
export interface FiguredOrganization {
  readonly organization: Organization;
  readonly figures: Figures;
  /** Whether it has usage for the period (else its figures are only its plan's zeros). */
  readonly reported: boolean;
}

/**
 * The target of one agreement from what was read already: its organizations'
 * figures (in the organizations' order), the plans, the MSP's product
 * mappings and the lines the service keeps for the agreement now. An
 * organization whose plan is not known is blocked (`contributions`), never left out.
 */
export function targetOf(input: {
  agreementId: number;
  figured: readonly FiguredOrganization[];
  plans: ReadonlyMap<string, Plan>;
  productMappings: readonly ProductMapping[];
  existing: readonly SyncLine[];
}): AgreementTarget {
  const { agreementId, plans, productMappings } = input;
  const all: Contribution[] = [];
  const blocked: BlockedUsage[] = [];
  for (const { organization, figures } of input.figured) {
    const plan = plans.get(figures.planId);
    const products = productMappings.find((m) => m.planId === figures.planId);
    const part = contributions({ organization, agreementId, figures, plan, mapping: products });
    all.push(...part.contributions);
    blocked.push(...part.blocked);
  }
  const knownKeys = input.existing.flatMap((l) =>
    l.productId === null ? [] : [{ agreementId, productId: l.productId, kind: l.kind }]
  );
  return {
    lines: desiredLines(all, knownKeys),
    blocked,
    existing: [...input.existing],
    hasUsage: input.figured.some((f) => f.reported),
  };
}
