import type { CompanyMapping } from "../../domain/company_mapping.ts";
import type { Figures } from "../../domain/figures.ts";
import type { Organization } from "../../domain/organization.ts";
import { type Period, periodOf } from "../../domain/period.ts";
import type { Plan } from "../../domain/plan.ts";
import type { ProductMapping } from "../../domain/product_mapping.ts";
import { finalFiguresPushed } from "../../domain/sync_line.ts";
import { openSession } from "../connection/connection_session.ts";
import type { Deps } from "../ports/deps.ts";
import { plansById } from "../figures/plans.ts";
import type { AgreementRecord } from "../ports/agreements.ts";
import type { Connection } from "../ports/connections.ts";
import type { ConnectWiseSession } from "../ports/connectwise.ts";
import type { SyncLine } from "../ports/sync_lines.ts";
import { type AgreementTarget, type FiguredOrganization, targetOf } from "../figures/desired.ts";
import { organizationFigures } from "../figures/period_figures.ts";

/**
 * What the pushes of some of one MSP's agreements read, read once for all of
 * them: the connection, the latest final period, the plans and the product
 * mappings, and for the agreements their mappings, organizations, figures
 * (final and running) and sync lines. Read after the agreements are claimed,
 * so a change made since bumps their queue entries and is pushed again.
 */
export interface PushScope {
  readonly mspId: string;
  /** Undefined when the MSP is not connected; nothing else is read then. */
  readonly connection: Connection | undefined;
  /** One ConnectWise session for the round's pushes (its site checked once); null when not connected. */
  readonly session: ConnectWiseSession | null;
  /** The latest final period as recorded: a sync round finalizes due months before it reads. */
  readonly lastFinal: Period | null;
  /** The period of the running figures. */
  readonly current: Period;
  readonly plans: ReadonlyMap<string, Plan>;
  readonly productMappings: readonly ProductMapping[];
  /** The organizations billed on each agreement, sorted by id as `organizations.list` answers. */
  readonly billed: ReadonlyMap<number, readonly Organization[]>;
  /** Final figures of `lastFinal` by organization; read only when an agreement needs them. */
  readonly finals: ReadonlyMap<string, Figures>;
  /** Running figures of `current` by organization. */
  readonly running: ReadonlyMap<string, Figures>;
  /** The organizations with usage in `current` (running figures of the others are only zeros). */
  readonly reported: ReadonlySet<string>;
  /** The agreements' terms and invoice dates as last read (absent: never read). */
  readonly agreements: Map<number, AgreementRecord>;
  /** Agreements ConnectWise answered a read without (deleted, or not visible to the member). */
  readonly notFound: ReadonlySet<number>;
  /** Each agreement's lines, kept as its pushes record them. */
  readonly lines: Map<number, readonly SyncLine[]>;
}

/** Reads the scope of the listed agreements of one MSP (a handful of queries, whatever their number). */
export async function readPushScope(
  deps: Deps,
  input: { mspId: string; agreementIds: readonly number[] },
): Promise<PushScope> {
  const { mspId, agreementIds } = input;
  const repos = deps.store;
  const current = periodOf(deps.clock.now());
  const connection = await repos.connections.get(mspId);
  const empty: PushScope = {
    mspId,
    connection,
    session: null,
    lastFinal: null,
    current,
    plans: new Map(),
    productMappings: [],
    billed: new Map(),
    finals: new Map(),
    running: new Map(),
    reported: new Set(),
    agreements: new Map(),
    notFound: new Set(),
    lines: new Map(),
  };
  if (!connection || connection.attention) return empty;
  const lastFinal = await repos.statements.lastFinalized(mspId);
  const [plans, productMappings, mappings, allLines, records] = await Promise.all([
    plansById(repos),
    repos.productMappings.list(mspId),
    repos.companyMappings.forAgreements(mspId, agreementIds),
    repos.syncLines.forAgreements(mspId, agreementIds),
    repos.agreements.get(mspId, agreementIds),
  ]);
  const lines = new Map<number, SyncLine[]>(agreementIds.map((id) => [id, []]));
  for (const line of allLines) lines.get(line.agreementId)?.push(line);
  const organizationIds = mappings.map((m) => m.organizationId);
  const organizations = organizationIds.length === 0
    ? []
    : await repos.organizations.list(mspId, organizationIds);
  const needsFinal = lastFinal !== null &&
    agreementIds.some((id) => !finalFiguresPushed(lines.get(id) ?? [], lastFinal));
  const [finals, running] = await Promise.all([
    needsFinal ? repos.statements.list(mspId, lastFinal, organizationIds) : Promise.resolve([]),
    organizationFigures(repos, { mspId, period: current, organizations, plans }),
  ]);
  return {
    ...empty,
    session: openSession(deps, connection),
    lastFinal,
    plans,
    productMappings,
    billed: billedOn(mappings, organizations),
    finals: new Map(finals.map((s) => [s.organizationId, s])),
    running: new Map(running.map((r) => [r.organization.id, r.figures])),
    reported: new Set(running.filter((r) => r.usageBefore).map((r) => r.organization.id)),
    agreements: new Map(records.map((r) => [r.terms.id, r])),
    lines,
  };
}

/**
 * One agreement's target from its scope: the final figures of `lastFinal`
 * when `final`, else the running figures of the current period; the lines it
 * keeps now are the scope's (as the last push recorded them).
 */
export function scopedTarget(
  scope: PushScope,
  input: { agreementId: number; final: boolean },
): AgreementTarget {
  const { agreementId } = input;
  const figures = input.final ? scope.finals : scope.running;
  const figured: FiguredOrganization[] = (scope.billed.get(agreementId) ?? []).flatMap(
    (organization) => {
      const f = figures.get(organization.id);
      const reported = input.final || scope.reported.has(organization.id);
      return f ? [{ organization, figures: f, reported }] : [];
    },
  );
  return targetOf({
    agreementId,
    figured,
    plans: scope.plans,
    productMappings: scope.productMappings,
    existing: scope.lines.get(agreementId) ?? [],
  });
}

/** The organizations of each agreement, in the organizations' order. */
function billedOn(
  mappings: readonly CompanyMapping[],
  organizations: readonly Organization[],
): Map<number, Organization[]> {
  const agreementOf = new Map(mappings.map((m) => [m.organizationId, m.agreementId]));
  const billed = new Map<number, Organization[]>();
  for (const organization of organizations) {
    const agreementId = agreementOf.get(organization.id);
    if (agreementId === undefined) continue;
    const list = billed.get(agreementId);
    if (list) list.push(organization);
    else billed.set(agreementId, [organization]);
  }
  return billed;
}
