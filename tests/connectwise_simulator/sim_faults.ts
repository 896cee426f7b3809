/**
 * A fault the simulator plays instead of (or before) its answer: `delayMs`
 * waits first; `drop` breaks the connection; `status` answers that status
 * (with `Retry-After: retryAfter` seconds when given); `falseOk` answers a
 * PATCH 200 with the object as it was, the write not applied ("false 200",
 * as ConnectWise does for a PATCH path it does not know).
 */
export interface Fault {
  readonly falseOk?: boolean;
  readonly status?: number;
  readonly retryAfter?: number;
  readonly delayMs?: number;
  readonly drop?: boolean;
  readonly body?: unknown;
}

/** Which calls a fault applies to; `template` as the counters name it, e.g. `/finance/agreements/{id}/additions/{id}`. */
export interface FaultMatch {
  readonly method?: string;
  readonly template?: string;
}

/** A seeded generator (mulberry32), so a "30% of calls fail" run is the same every time. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function applies(match: FaultMatch | undefined, method: string, template: string): boolean {
  return (!match?.method || match.method === method) &&
    (!match?.template || match.template === template);
}

/** Faults to inject: a queue played in order, and/or a seeded rate. */
export class Faults {
  private readonly queue: { fault: Fault; match?: FaultMatch }[] = [];
  private rate?: { probability: number; fault: Fault; match?: FaultMatch; random: () => number };
  /** How many faults were played. */
  played = 0;

  /** Plays `fault` on the next matching call (one call per enqueue). */
  enqueue(fault: Fault, match?: FaultMatch): this {
    this.queue.push({ fault, match });
    return this;
  }

  /** Plays `fault` on a seeded share of the matching calls (after the queue is used up). */
  setRate(probability: number, fault: Fault, options: { seed?: number; match?: FaultMatch } = {}) {
    const random = seededRandom(options.seed ?? 1);
    this.rate = { probability, fault, match: options.match, random };
    return this;
  }

  clear(): void {
    this.queue.length = 0;
    this.rate = undefined;
  }

  /** The fault for this call, if any. */
  take(method: string, template: string): Fault | undefined {
    const i = this.queue.findIndex((q) => applies(q.match, method, template));
    let fault: Fault | undefined;
    if (i >= 0) fault = this.queue.splice(i, 1)[0].fault;
    else if (this.rate && applies(this.rate.match, method, template)) {
      if (this.rate.random() < this.rate.probability) fault = this.rate.fault;
    }
    if (fault) this.played++;
    return fault;
  }
}

/** A response whose body breaks off: the client sees a dropped connection. */
export function droppedResponse(): Response {
  const body = new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode("["));
      // A string, not an Error: Deno logs it, and one line is enough.
      controller.error("simulated dropped connection (fault injection)");
    },
  });
  return new Response(body, { status: 200, headers: { "content-type": "application/json" } });
}
