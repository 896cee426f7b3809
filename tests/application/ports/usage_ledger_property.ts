// The usage ledger's rules that a store may keep in its own terms (Postgres
// keeps them in SQL for speed): the summary fold, the period inputs, the
// current plan and the closed period. Over random histories recorded as the
// service records them (reports sent at once, retries, reused ids, plan
// changes, finalizations), every answer and everything kept must be the
// domain's. One store holds all histories, one MSP each.
import assert from "node:assert/strict";
import fc from "fast-check";
import type { Store } from "../../../application/ports/store.ts";
import { periodFigures } from "../../../domain/figures.ts";
import { figuresFromSummary } from "../../../domain/period_summary.ts";
import { currentPlan, planChange } from "../../../domain/plan_history.ts";
import { PLANS } from "../../domain/fixtures.ts";
import {
  at,
  type History,
  history,
  Model,
  ORGANIZATIONS,
  PERIODS,
  type Round,
} from "./usage_histories.ts";

/** The seed of this run: PROPERTY_SEED when set (to replay a failure), else a new one. */
export function propertySeed(): number {
  const asked = Deno.env.get("PROPERTY_SEED");
  return asked ? Number(asked) : Math.floor(Math.random() * 2 ** 31);
}

const notBefore = new Date("2026-12-01T00:00:00Z");

/** Records `count` random histories on `store` and checks it; answers the reports sent. */
export async function usageLedgerProperty(
  store: Store,
  options: { count: number; seed: number },
): Promise<{ histories: number; reports: number }> {
  const { seed } = options;
  const replay = `seed ${seed} (rerun with PROPERTY_SEED=${seed})`;
  const histories = fc.sample(history, { numRuns: options.count, seed });
  const models = histories.map((_, n) => new Model(`h${n}`));
  for (const plan of PLANS.values()) await store.plans.save(plan);
  await Promise.all(histories.map((h, n) => create(store, models[n], h)));
  let reports = 0;
  const rounds = Math.max(...histories.map((h) => h.rounds.length));
  for (let r = 0; r < rounds; r++) {
    const sends = histories.flatMap((h, n) =>
      h.rounds[r] ? models[n].sends(h.rounds[r], r).map((s) => ({ ...s, model: models[n] })) : []
    );
    // Sent at once, as concurrent requests are: Postgres groups them into shared statements.
    const expected = sends.map((s) => s.model.record(s.entry, s.accept));
    const answers = await Promise.all(
      sends.map((s) => store.usage.record(s.model.msp, s.entry, { accept: s.accept, notBefore })),
    );
    sends.forEach((s, i) => {
      assert.deepEqual(
        answers[i],
        expected[i],
        `${s.model.msp} round ${r} ${s.entry.eventId}, ${replay}`,
      );
      if (expected[i].outcome === "recorded") s.model.ledger.set(s.entry.eventId, s.entry);
      s.model.sent.push(s);
    });
    reports += sends.length;
    await Promise.all(histories.map((h, n) => h.rounds[r] && step(store, models[n], h.rounds[r])));
  }
  for (const model of models) await check(store, model, replay);
  return { histories: histories.length, reports };
}

/** The history's organizations, each created on its plan as `saveOrganization` does. */
async function create(store: Store, model: Model, h: History): Promise<void> {
  for (const o of h.orgs) {
    const org = { id: o.id, name: o.id, planId: o.planId, licenseType: "standard" as const };
    await store.organizations.save(model.msp, org);
    model.orgs.set(o.id, org);
    const eventId = `plan-change:${o.id}`;
    await append(
      store,
      model,
      planChange({ before: undefined, after: org, at: at(o.slot), eventId }),
    );
  }
}

async function append(store: Store, model: Model, entry: ReturnType<typeof planChange>) {
  if (entry === null) return;
  assert.equal(await store.usage.append(model.msp, entry), true);
  model.ledger.set(entry.eventId, entry);
}

/** The step after a round: a plan change by PUT (after every entry so far) or a finalization. */
async function step(store: Store, model: Model, round: Round): Promise<void> {
  const then = round.then;
  const before = then.kind === "put" && await store.organizations.get(model.msp, then.org);
  if (then.kind === "put" && before) {
    const after = { ...before, planId: then.planId };
    await store.organizations.save(model.msp, after);
    const at = new Date(model.latest() + 60_000);
    await append(
      store,
      model,
      planChange({ before, after, at, eventId: `plan-change:${model.ledger.size}` }),
    );
  }
  if (then.kind === "finalize") {
    await store.transaction(async (r) => {
      await r.statements.closeForReports(model.msp, then.period);
      await r.statements.finalize(model.msp, then.period, []);
    });
    if (model.lastFinal === null || then.period > model.lastFinal) model.lastFinal = then.period;
  }
}

/** Everything the store kept for one history, against the domain's fold of what it recorded. */
async function check(store: Store, model: Model, replay: string): Promise<void> {
  const { msp } = model;
  for (const period of PERIODS) {
    const stored = await store.usage.periodInputs(msp, period, ORGANIZATIONS);
    const expected = ORGANIZATIONS.map((org) => model.inputs(org, period));
    assert.deepEqual(stored, expected, `${msp} ${period}: period inputs, ${replay}`);
    for (const inputs of stored) {
      const entries = model.entries(inputs.organizationId);
      const planNow = currentPlan(entries);
      if (planNow === null) continue; // never created
      assert.deepEqual(
        figuresFromSummary({ ...inputs, currentPlanId: planNow }, PLANS),
        periodFigures(entries, period, { plans: PLANS, currentPlanId: planNow }),
        `${msp} ${inputs.organizationId} ${period}: figures, ${replay}`,
      );
    }
  }
  const orgs = await store.organizations.list(msp);
  assert.deepEqual(
    orgs.map((o) => o.id).sort(),
    [...model.orgs.keys()].sort(),
    `${msp}: ${replay}`,
  );
  for (const org of orgs) {
    assert.equal(
      org.planId,
      currentPlan(model.entries(org.id)),
      `${msp} ${org.id}: plan, ${replay}`,
    );
  }
  assert.equal(await store.statements.lastFinalized(msp), model.lastFinal, `${msp}: ${replay}`);
}
