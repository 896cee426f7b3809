// A ConnectWise site for the fault suite: the simulator behind a front that
// plays a seeded mix of faults (429 with Retry-After, 500/502/503, dropped
// connections before and after the write, delays, answers later than the
// client waits) and lets a test act at the N-th request (kill -9 there).
import { createSimulator, type Simulator } from "../connectwise_simulator/simulator.ts";
import { droppedResponse, seededRandom } from "../connectwise_simulator/sim_faults.ts";
import type { SimState } from "../connectwise_simulator/sim_state.ts";

/** Every fault the site plays. */
export const FAULT_KINDS = [
  "429",
  "500",
  "502",
  "503",
  "drop",
  "lost-answer",
  "delay",
  "late",
] as const;
export type FaultKind = typeof FAULT_KINDS[number];

/** What a hook decides for the request it sees: send it on to ConnectWise or lose it. */
export type HookAction = "forward" | "discard";

/** Called for every API request: `before` it reaches ConnectWise, `after` it was applied. */
export type RequestHook = (
  n: number,
  phase: "before" | "after",
) => Promise<HookAction | void> | HookAction | void;

/** A served, faulty ConnectWise site. */
export interface FaultySite {
  readonly sim: Simulator;
  readonly url: string;
  readonly hostPort: string;
  /** Share of API requests that get a fault (0 = none). */
  faultRate: number;
  hook?: RequestHook;
  /** How many of each fault were played. */
  readonly played: Record<FaultKind, number>;
  /** The `Retry-After` (seconds) of every 429 played. */
  readonly retryAfters: number[];
  /** API requests received so far. */
  requests(): number;
  /** Resolves once no request is being handled (late answers included). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export interface FaultySiteOptions {
  readonly seed: Partial<SimState>;
  readonly faultSeed?: number;
  readonly faultRate?: number;
  /** Added to every request (stretches a run so a kill lands inside it). */
  readonly latencyMs?: number;
  /** How long a `late` fault holds the request: more than the client's timeout. */
  readonly lateMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Serves the simulator seeded with `seed` on 127.0.0.1 behind the fault front. */
export function serveFaultySite(options: FaultySiteOptions): FaultySite {
  const sim = createSimulator({ seed: options.seed });
  const random = seededRandom(options.faultSeed ?? 1);
  const played = Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<FaultKind, number>;
  const retryAfters: number[] = [];
  let inFlight = 0;
  let count = 0;

  async function forward(request: Request, n: number): Promise<Response> {
    if ((await site.hook?.(n, "before")) === "discard") return droppedResponse();
    const response = await sim.handler(request);
    if ((await site.hook?.(n, "after")) === "discard") {
      await response.body?.cancel();
      return droppedResponse();
    }
    return response;
  }

  async function play(request: Request, n: number, kind: FaultKind): Promise<Response> {
    played[kind]++;
    switch (kind) {
      case "429": {
        const retryAfter = 1 + Math.floor(random() * 3);
        retryAfters.push(retryAfter);
        return Response.json({
          error: "ConnectWiseAPI",
          message: `Too many requests. Please try again in ${retryAfter} seconds.`,
        }, {
          status: 429,
          headers: { "Retry-After": String(retryAfter) },
        });
      }
      case "500":
      case "502":
      case "503":
        return Response.json({ code: `Http${kind}`, message: "simulated" }, {
          status: Number(kind),
        });
      case "drop":
        return droppedResponse();
      case "lost-answer": {
        const answer = await forward(request, n);
        await answer.body?.cancel();
        return droppedResponse();
      }
      case "delay":
        await sleep(10 + Math.floor(random() * 60));
        return forward(request, n);
      case "late":
        await sleep(options.lateMs ?? 400);
        return forward(request, n);
    }
  }

  async function handle(request: Request): Promise<Response> {
    const api = new URL(request.url).pathname.includes("/apis/3.0/");
    const n = api ? ++count : 0;
    inFlight++;
    try {
      if (options.latencyMs) await sleep(options.latencyMs);
      if (api && site.faultRate > 0 && random() < site.faultRate) {
        const kind = FAULT_KINDS[Math.floor(random() * FAULT_KINDS.length)];
        return await play(request, n, kind);
      }
      return api ? await forward(request, n) : await sim.handler(request);
    } finally {
      inFlight--;
    }
  }

  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, handle);
  const hostPort = `127.0.0.1:${server.addr.port}`;
  const site: FaultySite = {
    sim,
    url: `http://${hostPort}`,
    hostPort,
    faultRate: options.faultRate ?? 0,
    played,
    retryAfters,
    requests: () => count,
    async idle() {
      while (inFlight > 0) await sleep(5);
    },
    close: () => server.shutdown(),
  };
  return site;
}
