/** The time source of every use case; tests fix it, production reads the system clock. */
export interface Clock {
  now(): Date;
}
