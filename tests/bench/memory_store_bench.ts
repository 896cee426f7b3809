// The memory store's transaction against the size of its state. The store
// used to clone its whole state for every transaction; with its undo log a
// transaction costs what it writes, so the two figures should be alike.
import { memoryStore } from "../../adapters/memory/memory_store.ts";
import type { Store } from "../../application/ports/store.ts";

const at = new Date("2026-11-05T08:00:00Z");

/** A memory store holding `entries` usage reports over 100 organizations. */
async function storeWith(entries: number): Promise<Store> {
  const store = memoryStore();
  await store.transaction(async (r) => {
    for (let i = 0; i < entries; i++) {
      await r.usage.append("msp-a", {
        eventId: `e${i}`,
        organizationId: `o${i % 100}`,
        occurredAt: at,
        licenses: i % 50,
        servers: 1,
        planId: null,
      });
    }
  });
  return store;
}

const sizes = [100, 100_000];
const stores = await Promise.all(sizes.map(storeWith));

sizes.forEach((size, i) => {
  Deno.bench({
    name: `memory store: a transaction with ${size.toLocaleString("en")} ledger entries held`,
    group: "memory transaction",
    baseline: i === 0,
    async fn() {
      await stores[i].transaction(async (r) => {
        const stored = await r.usage.append("msp-a", {
          eventId: crypto.randomUUID(),
          organizationId: "o1",
          occurredAt: at,
          licenses: 3,
          servers: 1,
          planId: null,
        });
        if (stored) await r.syncQueue.markDirty("msp-a", 1, at);
      });
    },
  });
});
