import type { Repositories, Store } from "../../application/ports/store.ts";
import {
  memoryAuditLog,
  memoryOutbox,
  memorySyncLines,
  memorySyncQueue,
} from "./sync_repositories.ts";
import { memoryStatements, memoryUsageLedger } from "./ledger_repositories.ts";
import {
  memoryCompanyMappings,
  memoryConnections,
  memoryOrganizations,
  memoryPlans,
  memoryProductMappings,
} from "./setup_repositories.ts";
import { emptyState, type MemoryState } from "./state.ts";

function repositories(s: () => MemoryState): Repositories {
  return {
    plans: memoryPlans(s),
    connections: memoryConnections(s),
    productMappings: memoryProductMappings(s),
    organizations: memoryOrganizations(s),
    companyMappings: memoryCompanyMappings(s),
    usage: memoryUsageLedger(s),
    statements: memoryStatements(s),
    syncLines: memorySyncLines(s),
    syncQueue: memorySyncQueue(s),
    audit: memoryAuditLog(s),
    outbox: memoryOutbox(s),
  };
}

/**
 * Every repository in memory. A transaction works on a copy of the whole
 * state and swaps it in on success, so a failure leaves nothing behind;
 * transactions run one at a time.
 */
export function memoryStore(): Store {
  let state = emptyState();
  let queue: Promise<unknown> = Promise.resolve();
  const serialize = <T>(step: () => Promise<T>): Promise<T> => {
    const run = queue.then(step);
    queue = run.catch(() => undefined);
    return run;
  };
  return {
    ...serialized(repositories(() => state), serialize),
    transaction: <T>(work: (repos: Repositories) => Promise<T>) =>
      serialize(async () => {
        const copy = structuredClone(state);
        const result = await work(repositories(() => copy));
        state = copy;
        return result;
      }),
  };
}

/** Routes every single call through the same queue as transactions, so none is lost. */
function serialized(
  repos: Repositories,
  serialize: <T>(step: () => Promise<T>) => Promise<T>,
): Repositories {
  const wrap = <R extends object>(repo: R): R =>
    Object.fromEntries(
      Object.entries(repo).map(([name, method]) => [
        name,
        (...args: unknown[]) =>
          serialize(() => (method as (...a: unknown[]) => Promise<unknown>)(...args)),
      ]),
    ) as R;
  return Object.fromEntries(
    Object.entries(repos).map(([name, repo]) => [name, wrap(repo)]),
  ) as unknown as Repositories;
}
