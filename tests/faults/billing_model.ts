// The billing rules of DOMAIN.md written again, independently of domain/, so
// the fault suite compares the service with the specification rather than
// with itself. Only what the suite needs: figures of a period, quantities of
// the additions.

/** A plan of the platform's catalog. */
export interface ModelPlan {
  readonly id: string;
  readonly tier: number;
  readonly includesServers: boolean;
}

/** A change of an organization's state: a usage report, or a plan change (counts null). */
export interface ModelEvent {
  readonly at: Date;
  /** The event id: orders events of the same instant. */
  readonly key: string;
  readonly licenses: number | null;
  readonly servers: number | null;
  readonly planId: string | null;
}

/** An organization as the suite drove it. */
export interface ModelOrg {
  readonly id: string;
  licenseType: "standard" | "trial" | "nfr";
  /** The mapped agreement; null while unmapped. */
  agreementId: number | null;
  readonly events: ModelEvent[];
}

/** Billable figures of one period. */
export interface ModelFigures {
  readonly plan: string;
  readonly licenses: number;
  readonly servers: number;
}

/** Product ids of a plan's slots. */
export type ModelProducts = Readonly<Record<string, { license: number; server?: number }>>;

/** `YYYY-MM` of an instant, in UTC. */
export function monthOf(instant: Date): string {
  return instant.toISOString().slice(0, 7);
}

/** The first instant of the month `offset` months after the month of `instant` (UTC). */
export function monthStart(instant: Date, offset = 0): Date {
  return new Date(Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth() + offset, 1));
}

function ordered(events: readonly ModelEvent[]): ModelEvent[] {
  return [...events].sort((a, b) =>
    a.at.getTime() - b.at.getTime() || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  );
}

/**
 * DOMAIN.md "Billable figures of a period": the state at the start carries
 * over from earlier periods (the first plan known also applies before it);
 * plan = highest tier at any moment, licenses = maximum, servers = maximum
 * when that plan includes servers, else 0.
 */
export function figuresOf(
  org: ModelOrg,
  period: string,
  plans: ReadonlyMap<string, ModelPlan>,
): ModelFigures {
  const events = ordered(org.events);
  const firstPlan = events.find((e) => e.planId !== null)?.planId;
  if (!firstPlan) throw new Error(`organization ${org.id} has no plan`);
  let state: { plan: string; licenses: number; servers: number } = {
    plan: firstPlan,
    licenses: 0,
    servers: 0,
  };
  const seen = { plans: new Set<string>(), licenses: 0, servers: 0 };
  const note = () => {
    seen.plans.add(state.plan);
    seen.licenses = Math.max(seen.licenses, state.licenses);
    seen.servers = Math.max(seen.servers, state.servers);
  };
  let started = false;
  for (const e of events) {
    const month = monthOf(e.at);
    if (month > period) break;
    if (month === period && !started) {
      note(); // the state the period starts in
      started = true;
    }
    state = {
      plan: e.planId ?? state.plan,
      licenses: e.licenses ?? state.licenses,
      servers: e.servers ?? state.servers,
    };
    if (month === period) note();
  }
  if (!started) note();
  const plan = [...seen.plans].map((id) => plans.get(id)!)
    .reduce((a, b) => (b.tier > a.tier ? b : a));
  return {
    plan: plan.id,
    licenses: seen.licenses,
    servers: plan.includesServers ? seen.servers : 0,
  };
}

/**
 * DOMAIN.md "What is written to ConnectWise": per `agreementId:productId`,
 * the sum of the figures of every mapped organization; trial and NFR count 0.
 * Keys a mapped organization's plan has a slot for appear even at 0.
 */
export function expectedQuantities(
  orgs: readonly ModelOrg[],
  period: string,
  context: { plans: ReadonlyMap<string, ModelPlan>; products: ModelProducts },
): Map<string, number> {
  const quantities = new Map<string, number>();
  const add = (agreementId: number, productId: number, quantity: number) => {
    const key = `${agreementId}:${productId}`;
    quantities.set(key, (quantities.get(key) ?? 0) + quantity);
  };
  for (const org of orgs) {
    if (org.agreementId === null) continue;
    const figures = figuresOf(org, period, context.plans);
    const billed = org.licenseType === "standard";
    const slots = context.products[figures.plan];
    add(org.agreementId, slots.license, billed ? figures.licenses : 0);
    if (slots.server !== undefined) {
      add(org.agreementId, slots.server, billed ? figures.servers : 0);
    }
  }
  return quantities;
}

/**
 * Differences between what ConnectWise holds (active additions per key) and
 * what it should: one addition per key billed above 0, with the expected
 * quantity; every other active addition at 0. Empty when all is right.
 */
export function quantityProblems(
  held: ReadonlyMap<string, readonly number[]>,
  expected: ReadonlyMap<string, number>,
): string[] {
  const problems: string[] = [];
  for (const [key, quantity] of expected) {
    const found = held.get(key) ?? [];
    if (quantity > 0 && found.length !== 1) {
      problems.push(`${key}: expected one addition of ${quantity}, found [${found}]`);
    }
  }
  for (const [key, found] of held) {
    const quantity = expected.get(key) ?? 0;
    if (found.length > 1) problems.push(`${key}: ${found.length} active additions [${found}]`);
    else if (found[0] !== quantity) {
      problems.push(`${key}: holds ${found[0]}, expected ${quantity}`);
    }
  }
  return problems;
}
