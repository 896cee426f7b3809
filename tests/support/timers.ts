// Timers a test fires by hand, so no test waits on the wall clock or asserts how long
// something took: it asserts what happened before and after the timer fired.

/** A started timer: `fired` resolves when it fires; `cancel` stops it. */
export interface Timer {
  readonly fired: Promise<void>;
  cancel(): void;
}

/** Starts a timer of `ms`. */
export type StartTimer = (ms: number) => Timer;

/** The real one, on setTimeout. */
export const realTimer: StartTimer = (ms) => {
  let id: ReturnType<typeof setTimeout> | undefined;
  const fired = new Promise<void>((resolve) => (id = setTimeout(resolve, ms)));
  return { fired, cancel: () => clearTimeout(id) };
};

/** Timers that fire only when the test says so; records what each was started with. */
export function handTimers() {
  const started: number[] = [];
  const pending: { fire: () => void; cancelled: boolean }[] = [];
  let fired = 0;
  const start: StartTimer = (ms) => {
    started.push(ms);
    let fire!: () => void;
    const timer = { fire: () => fire(), cancelled: false };
    const done = new Promise<void>((resolve) => (fire = () => (fired++, resolve())));
    pending.push(timer);
    return { fired: done, cancel: () => (timer.cancelled = true) };
  };
  return {
    start,
    /** The durations asked for, in order. */
    started,
    /** How many timers fired. */
    fired: () => fired,
    /** How many were cancelled. */
    cancelled: () => pending.filter((t) => t.cancelled).length,
    /** Fires every timer started and not cancelled. */
    fireAll: () => pending.filter((t) => !t.cancelled).forEach((t) => t.fire()),
  };
}

/**
 * Gives the event loop up to `max` turns (zero-delay macrotasks, so pending I/O callbacks run)
 * until `until()` holds; answers whether it did. A count, not a duration.
 */
export async function turnsUntil(until: () => boolean, max = 1_000): Promise<boolean> {
  for (let i = 0; i < max && !until(); i++) await new Promise((r) => setTimeout(r, 0));
  return until();
}

/** A clock whose sleep returns at once and moves time on, recording each wait. */
export function fakeClock(start = 1_750_000_000_000) {
  let now = start;
  const waits: number[] = [];
  return {
    waits,
    now: () => now,
    sleep: (ms: number) => {
      waits.push(ms);
      now += ms;
      return Promise.resolve();
    },
  };
}

/**
 * A clock whose sleep waits until the test calls `release`: time moves on by the wait then, so
 * a test sees what the client did before and after the wait, never how long it took.
 */
export function gatedClock(start = 1_750_000_000_000) {
  let now = start;
  const waits: number[] = [];
  let wake: (() => void) | null = null;
  let noticed: (() => void) | null = null;
  return {
    waits,
    now: () => now,
    sleep(ms: number): Promise<void> {
      waits.push(ms);
      const slept = new Promise<void>((resolve) => (wake = () => (now += ms, resolve())));
      noticed?.();
      noticed = null;
      return slept;
    },
    /** Resolves once the client sleeps (at once when it does already). */
    sleeping(): Promise<void> {
      return wake ? Promise.resolve() : new Promise((resolve) => (noticed = resolve));
    },
    /** Ends the wait under way. */
    release(): void {
      const w = wake;
      wake = null;
      w?.();
    },
  };
}

/**
 * Exchange timeouts the test fires by hand (the client's `timeoutSignal`), and a site that
 * holds a delayed request until `release` (the simulator's `sleep`).
 */
export function handTimeouts() {
  const armed: { ms: number; fire: () => void }[] = [];
  const releases: (() => void)[] = [];
  let held: (() => void) | null = null;
  let cutting = false;
  return {
    /** The timeout of each exchange, in order. */
    armed,
    timeoutSignal(ms: number): AbortSignal {
      const controller = new AbortController();
      const reason = new DOMException(`no answer within ${ms} ms`, "TimeoutError");
      armed.push({ ms, fire: () => controller.abort(reason) });
      if (cutting) controller.abort(reason);
      return controller.signal;
    },
    /** Fires every timeout armed, and each one armed later at once, until `stopCutting`. */
    cutAll(): void {
      cutting = true;
      armed.forEach((t) => t.fire());
    },
    stopCutting: () => (cutting = false),
    /** The simulator's sleep: the request waits until `release`. */
    hold(): Promise<void> {
      held?.();
      return new Promise<void>((resolve) => releases.push(resolve));
    },
    /** Resolves once the site holds a request. */
    holding(): Promise<void> {
      return releases.length > 0
        ? Promise.resolve()
        : new Promise<void>((resolve) => (held = resolve));
    },
    release: () => releases.splice(0).forEach((r) => r()),
  };
}
