import {
  type Repositories,
  type Store,
  TransactionConflict,
} from "../../application/ports/store.ts";
import { memoryAgreements } from "./agreements_repository.ts";
import { memoryStatements, memoryUsageLedger } from "./ledger_repositories.ts";
import { memoryAuditLog, memoryOutbox } from "./log_repositories.ts";
import {
  memoryCompanyMappings,
  memoryConnections,
  memoryOrganizations,
  memoryPlans,
  memoryProductMappings,
} from "./setup_repositories.ts";
import { emptyState, type MemoryState } from "./state.ts";
import { memorySyncLines, memorySyncQueue } from "./sync_repositories.ts";

/** How many times a transaction runs on conflicts before it gives up, as the Postgres store. */
const MAX_ATTEMPTS = 30;

function repositories(s: MemoryState): Repositories {
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
    agreements: memoryAgreements(s),
    audit: memoryAuditLog(s),
    outbox: memoryOutbox(s),
  };
}

/**
 * One unit of the undo log at a time: a unit that throws is undone, and nothing is copied but what
 * is written. Work that throws `TransactionConflict` runs again, as on Postgres.
 */
export function memoryStore(): Store {
  const state = emptyState();
  const repos = repositories(state);
  let queue: Promise<unknown> = Promise.resolve();
  const serialize = <T>(step: () => Promise<T>): Promise<T> => {
    const run = queue.then(step);
    queue = run.catch(() => undefined);
    return run;
  };
  return {
    ...serialized(repos, (call) => serialize(() => state.log.unit(call))),
    transaction: <T>(work: (repos: Repositories) => Promise<T>) =>
      serialize(async () => {
        for (let attempt = 1;; attempt++) {
          try {
            return await state.log.unit(() => work(repos));
          } catch (error) {
            if (!(error instanceof TransactionConflict) || attempt >= MAX_ATTEMPTS) throw error;
          }
        }
      }),
  };
}

/** Every single call is a unit of its own. */
function serialized(
  repos: Repositories,
  unit: <T>(call: () => Promise<T>) => Promise<T>,
): Repositories {
  const wrap = <R extends object>(repo: R): R =>
    Object.fromEntries(
      Object.entries(repo).map(([name, method]) => [
        name,
        (...args: unknown[]) =>
          unit(() => (method as (...a: unknown[]) => Promise<unknown>)(...args)),
      ]),
    ) as R;
  return Object.fromEntries(
    Object.entries(repos).map(([name, repo]) => [name, wrap(repo)]),
  ) as unknown as Repositories;
}
