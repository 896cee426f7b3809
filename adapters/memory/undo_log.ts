/**
 * The memory store's undo log. Every write to a table records how to put back what it replaced; a
 * unit of work that throws runs those records backwards, one that succeeds forgets them. So a
 * transaction costs what it writes, whatever the size of the state (the store used to clone it
 * whole).
 *
 * Units run one at a time (the store queues them), so one log is enough.
 */
export class UndoLog {
  #undo: (() => void)[] | null = null;

  /** Runs `work` as one unit: its writes stay when it returns and are undone when it throws. */
  async unit<T>(work: () => Promise<T>): Promise<T> {
    if (this.#undo !== null) throw new Error("memory store: units of work do not nest");
    const undo: (() => void)[] = [];
    this.#undo = undo;
    try {
      return await work();
    } catch (error) {
      for (let i = undo.length - 1; i >= 0; i--) undo[i]();
      throw error;
    } finally {
      this.#undo = null;
    }
  }

  /**
   * Remembers how to reverse a change just made. Writing outside a unit is a bug (a repository kept
   * after its transaction ended), so it throws.
   */
  record(inverse: () => void): void {
    if (this.#undo === null) throw new Error("memory store: a write outside a unit of work");
    this.#undo.push(inverse);
  }
}
