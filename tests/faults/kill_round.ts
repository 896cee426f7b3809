// One round of the kill -9 suite: a service process on a fresh database sets
// up two MSPs over its API, receives usage of the two months before this one,
// is told to finalize last month, and is killed with SIGKILL at the round's
// point; a new process on the same database must then finish the work.
import assert from "node:assert/strict";
import { startService } from "../e2e/service_process.ts";
import {
  createdTwice,
  expectedFor,
  expectedStatement,
  neverHeld,
  quantityDiff,
  type StatementLine,
  statementOf,
  unsettledLines,
} from "./checks.ts";
import { serveFaultySite } from "./faulty_site.ts";
import { mapAll, months, setUpRound } from "./kill_script.ts";
import type { OutputCapture } from "./output_capture.ts";
import type { ScriptMsp } from "./platform_script.ts";
import { type ApiCall, apiClient, childDatabase, childEnv } from "./service_children.ts";
import { heldQuantities, type MemberKeys, PRODUCTS, siteSeed } from "./site_seed.ts";

/** Where a round kills the process: at the n-th ConnectWise request (before it reaches
 * ConnectWise, or after ConnectWise applied it), or `ms` after the finalization was asked for. */
export type KillPoint =
  | { readonly at: "request"; readonly n: number; readonly phase: "before" | "after" }
  | { readonly at: "time"; readonly ms: number };

/** What the suite keeps of a round. */
export interface RoundResult {
  /** `msp/period` -> statement. */
  readonly statements: Record<string, StatementLine[]>;
  /** ConnectWise requests and milliseconds from the finalize call until all was settled. */
  readonly requests: number;
  readonly ms: number;
  /** Leases of the killed process that had to run out (0 without a kill). */
  readonly expiredLeases: number;
  /** Last month's final quantities ConnectWise never held after the finalize call. */
  readonly finalNeverHeld: readonly string[];
}

/** What every round shares: who calls, the members' keys, where output goes. */
export interface RoundSetting {
  readonly token: string;
  readonly encryptionKey: string;
  readonly members: readonly { mspId: string; keys: MemberKeys }[];
  readonly capture: OutputCapture;
  /** A migrated embedded data directory each round starts from (none on DATABASE_URL). */
  template?: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Kills the process (through `stop`) at the round's request; resolves once it is dead. */
export function armKill(
  msps: readonly ScriptMsp[],
  kill: KillPoint & { at: "request" },
  stop: () => Promise<void>,
): Promise<void> {
  let seen = 0;
  const order = new Map<string, number>();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`request ${kill.n} never came`)), 30_000);
    for (const [i, msp] of msps.entries()) {
      msp.site.hook = async (n, phase) => {
        const id = `${i}:${n}`;
        if (phase === "before") order.set(id, ++seen);
        if (order.get(id) !== kill.n || phase !== kill.phase) return;
        for (const m of msps) m.site.hook = undefined;
        clearTimeout(timer);
        await stop();
        resolve();
        return "discard";
      };
    }
  });
}

async function settled(call: ApiCall, msps: readonly ScriptMsp[]): Promise<boolean> {
  const { current, last, before } = months();
  for (const msp of msps) {
    if (quantityDiff(msp, current).length > 0) return false;
    if ((await unsettledLines(call, msp.mspId, current)).length > 0) return false;
    for (const period of [before, last]) {
      const res = await call<{ items: { final: boolean }[] }>(
        "GET",
        `/v1/msps/${msp.mspId}/periods/${period}`,
      );
      if (res.status !== 200 || !res.body.items.every((s) => s.final)) return false;
    }
  }
  return true;
}

async function waitSettled(call: ApiCall, msps: readonly ScriptMsp[], what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!(await settled(call, msps))) {
    if (Date.now() > deadline) {
      const diff = msps.map((m) => `${m.mspId}: ${quantityDiff(m, months().current).join("; ")}`);
      assert.fail(`${what}: not settled within 60 s (${diff.join(" | ")})`);
    }
    await sleep(100);
  }
}

/** Runs one round (no kill: the clean run) and checks what holds at its end. */
export async function runRound(
  setting: RoundSetting,
  kill: KillPoint | null,
): Promise<RoundResult> {
  const db = await childDatabase({ template: setting.template });
  const msps: ScriptMsp[] = setting.members.map(({ mspId, keys }) => ({
    mspId,
    keys,
    site: serveFaultySite({ seed: siteSeed(keys, 6), latencyMs: 2 }),
    products: PRODUCTS,
    orgs: [],
  }));
  const env = childEnv({
    db,
    sites: msps.map((m) => m.site),
    apiTokens: [setting.token],
    encryptionKey: setting.encryptionKey,
  });
  let child = await startService(env);
  const outputs: (() => string)[] = [child.output];
  try {
    await setUpRound(apiClient(child.url, setting.token), msps);
    const { last, before, current } = months();
    const marks = msps.map((m) => ({
      from: m.site.sim.counters.requests.length,
      held: heldQuantities(m.site.sim.state),
      requests: 0,
    }));
    await mapAll(apiClient(child.url, setting.token), msps);
    for (const [i, m] of msps.entries()) marks[i].requests = m.site.requests();
    const killed = kill?.at === "request"
      ? armKill(msps, kill, () => child.stop({ kill9: true }))
      : null;
    const started = Date.now();
    const finalize = fetch(`${child.url}/v1/periods/${last}/finalize`, {
      method: "POST",
      headers: { Authorization: `Bearer ${setting.token}` },
    }).then(async (res) => `${res.status} ${await res.text()}`).catch(() => "connection lost");
    let expiredLeases = 0;
    if (kill) {
      if (kill.at === "time") {
        await sleep(kill.ms);
        await child.stop({ kill9: true });
      } else {
        await killed;
      }
      await finalize;
      const dead = child.child.pid;
      child = await startService(env); // recovers the database the kill left behind
      outputs.push(child.output);
      // The killed process's leases would run out after 60 s: let them run out now. The
      // embedded database serves one process, so that one is stopped meanwhile.
      if (db.kind === "embedded") {
        await child.stop();
        expiredLeases = await db.expireLeasesOf(dead);
        child = await startService(env);
        outputs.push(child.output);
      } else {
        expiredLeases = await db.expireLeasesOf(dead);
      }
    } else {
      assert.match(await finalize, /^200 /, "the clean run's finalize call");
    }
    const call = apiClient(child.url, setting.token);
    await waitSettled(call, msps, kill ? "after the restart" : "the clean run");
    const ms = Date.now() - started;
    await Promise.all(msps.map((m) => m.site.idle()));
    const statements: Record<string, StatementLine[]> = {};
    const finalNeverHeld: string[] = [];
    for (const [i, msp] of msps.entries()) {
      assert.deepEqual(createdTwice(msp.site), [], `${msp.mspId}: an addition was created twice`);
      assert.deepEqual(quantityDiff(msp, current), [], `${msp.mspId}: quantities`);
      const lastFinal = expectedFor(msp, last);
      const missed = neverHeld(msp.site, marks[i].from, marks[i].held, lastFinal);
      finalNeverHeld.push(...missed.map((m) => `${msp.mspId} ${m}`));
      for (const period of [before, last]) {
        const statement = await statementOf(call, msp.mspId, period);
        assert.deepEqual(statement, expectedStatement(msp, period), `${msp.mspId} ${period}`);
        statements[`${msp.mspId}/${period}`] = statement;
      }
    }
    const requests = msps.reduce((n, m, i) => n + m.site.requests() - marks[i].requests, 0);
    return { statements, requests, ms, expiredLeases, finalNeverHeld };
  } finally {
    await child.stop();
    for (const output of outputs) setting.capture.add("child", output());
    await Promise.all(msps.map((m) => m.site.close()));
    await db.close();
  }
}
