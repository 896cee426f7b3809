import type { UndoLog } from "./undo_log.ts";

/**
 * One collection of the memory store, its rows keyed by (group, id). The group is what reads select
 * by (an MSP, or an MSP and an organization), so a read touches only its group. Rows go in and come
 * out as deep copies: no caller can change the store behind its back, as with a database. Every
 * write records its inverse in the store's undo log, so the only way to change a table is one the
 * log can take back.
 */
export class Table<V> {
  readonly #groups = new Map<string, Map<string, V>>();
  readonly #log: UndoLog;

  constructor(log: UndoLog) {
    this.#log = log;
  }

  /** A copy of the row, or undefined. */
  get(group: string, id: string): V | undefined {
    const row = this.#groups.get(group)?.get(id);
    return row === undefined ? undefined : structuredClone(row);
  }

  has(group: string, id: string): boolean {
    return this.#groups.get(group)?.has(id) ?? false;
  }

  /** Copies of the group's rows, in no promised order. */
  list(group: string): V[] {
    return [...(this.#groups.get(group)?.values() ?? [])].map((row) => structuredClone(row));
  }

  /** The ids of the group's rows. */
  ids(group: string): string[] {
    return [...(this.#groups.get(group)?.keys() ?? [])];
  }

  /** Every group that holds a row. */
  groups(): string[] {
    return [...this.#groups.keys()];
  }

  /** Copies of every row of every group. */
  all(): V[] {
    return this.groups().flatMap((group) => this.list(group));
  }

  /** Inserts or replaces the row (with a copy of `row`). */
  set(group: string, id: string, row: V): void {
    const rows = this.#groups.get(group);
    const had = rows?.has(id) ?? false;
    const old = rows?.get(id) as V;
    // Recorded first: a write the log refuses changes nothing.
    this.#log.record(() => had ? this.#put(group, id, old) : this.#remove(group, id));
    this.#put(group, id, structuredClone(row));
  }

  /** Removes the row; false when there was none. */
  delete(group: string, id: string): boolean {
    const rows = this.#groups.get(group);
    if (!rows?.has(id)) return false;
    const old = rows.get(id) as V;
    this.#log.record(() => this.#put(group, id, old));
    this.#remove(group, id);
    return true;
  }

  #put(group: string, id: string, row: V): void {
    const rows = this.#groups.get(group) ?? new Map<string, V>();
    rows.set(id, row);
    this.#groups.set(group, rows);
  }

  #remove(group: string, id: string): void {
    const rows = this.#groups.get(group);
    rows?.delete(id);
    // An empty group goes, so that groups() lists only groups with rows.
    if (rows?.size === 0) this.#groups.delete(group);
  }
}
