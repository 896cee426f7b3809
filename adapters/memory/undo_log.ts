/**
 * A unit of work that throws runs its writes' inverses backwards, so a transaction costs what it
 * writes, whatever the size of the state. Units run one at a time: one log is enough.
 */
export class UndoLog {
  #undo: (() => void)[] | null = null;

  /** Its writes stay when it returns and are undone when it throws. */
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

  /** Throws outside a unit: that is a repository kept after its transaction ended. */
  record(inverse: () => void): void {
    if (this.#undo === null) throw new Error("memory store: a write outside a unit of work");
    this.#undo.push(inverse);
  }
}
