import type { UndoLog } from "./undo_log.ts";

/**
 * Rows keyed by (group, id): a read touches only its group. Rows go in and out as deep copies, so
 * no caller changes the store behind its back; every write records its inverse in the undo log.
 */
export class Table<V> {
  readonly #groups = new Map<string, Map<string, V>>();
  readonly #log: UndoLog;

  constructor(log: UndoLog) {
    this.#log = log;
  }

  get(group: string, id: string): V | undefined {
    const row = this.#groups.get(group)?.get(id);
    return row === undefined ? undefined : structuredClone(row);
  }

  has(group: string, id: string): boolean {
    return this.#groups.get(group)?.has(id) ?? false;
  }

  /** In no promised order. */
  list(group: string): V[] {
    return [...(this.#groups.get(group)?.values() ?? [])].map((row) => structuredClone(row));
  }

  ids(group: string): string[] {
    return [...(this.#groups.get(group)?.keys() ?? [])];
  }

  groups(): string[] {
    return [...this.#groups.keys()];
  }

  all(): V[] {
    return this.groups().flatMap((group) => this.list(group));
  }

  set(group: string, id: string, row: V): void {
    const rows = this.#groups.get(group);
    const had = rows?.has(id) ?? false;
    const old = rows?.get(id) as V;
    // Recorded first: a write the log refuses changes nothing.
    this.#log.record(() => had ? this.#put(group, id, old) : this.#remove(group, id));
    this.#put(group, id, structuredClone(row));
  }

  /** False when there was no row. */
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
