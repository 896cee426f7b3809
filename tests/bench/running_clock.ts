import { FixedClock } from "../support/fixed_clock.ts";

/**
 * A clock that starts at `start` and runs at the speed of real time (a month
 * end as it happens); `set` and `advance` move it as they move a fixed one.
 */
export class RunningClock extends FixedClock {
  #offset: number;

  constructor(start: string) {
    super(start);
    this.#offset = Date.parse(start) - Date.now();
  }

  override now(): Date {
    return new Date(Date.now() + this.#offset);
  }

  override set(at: string | Date): void {
    this.#offset = new Date(at).getTime() - Date.now();
  }

  override advance(ms: number): void {
    this.#offset += ms;
  }
}
