import { getLogger } from "@logtape/logtape";
import type postgres from "postgres";
import type { UsageLedger } from "../../application/ports/usage_ledger.ts";
import { backoffMs, type BackoffPolicy } from "../../application/retry/backoff.ts";
import {
  type Repositories,
  type Store,
  TransactionConflict,
} from "../../application/ports/store.ts";
import { postgresAgreements } from "./agreements_repository.ts";
import { postgresPlans, postgresProductMappings } from "./catalog_repositories.ts";
import type { SecretCipher } from "./cipher.ts";
import { postgresConnections } from "./connections_repository.ts";
import { postgresStatements, postgresUsageLedger } from "./ledger_repositories.ts";
import { postgresAuditLog, postgresOutbox } from "./log_repositories.ts";
import { postgresCompanyMappings, postgresOrganizations } from "./organization_repositories.ts";
import { groupCommitRecorder } from "./record_report.ts";
import type { Queryable } from "./rows.ts";
import { postgresSyncLines } from "./sync_lines_repository.ts";
import { postgresSyncQueue } from "./sync_queue_repository.ts";

const log = getLogger(["psa-sync", "db"]);

/** serialization_failure and deadlock_detected: the transaction may simply run again. */
const RETRYABLE = new Set(["40001", "40P01"]);
const MAX_ATTEMPTS = 30;
/** Pauses between runs of a transaction that met a conflict: from 5 ms, doubling up to 200 ms. */
const RETRY_BACKOFF: BackoffPolicy = { baseMs: 5, capMs: 200, random: Math.random };

/** Every repository bound to `sql`: the pool, or one transaction. */
export function postgresRepositories(
  sql: Queryable,
  cipher: SecretCipher,
  record?: UsageLedger["record"],
): Repositories {
  return {
    plans: postgresPlans(sql),
    connections: postgresConnections(sql, cipher),
    productMappings: postgresProductMappings(sql),
    organizations: postgresOrganizations(sql),
    companyMappings: postgresCompanyMappings(sql),
    usage: postgresUsageLedger(sql, record),
    statements: postgresStatements(sql),
    syncLines: postgresSyncLines(sql),
    syncQueue: postgresSyncQueue(sql),
    agreements: postgresAgreements(sql),
    audit: postgresAuditLog(sql),
    outbox: postgresOutbox(sql),
  };
}

/**
 * The Store on a migrated database. Single calls run on the pool, each one
 * statement (so each is atomic by itself). `transaction` runs `work` with
 * repositories bound to one SERIALIZABLE transaction: the memory store runs
 * transactions one at a time, and serializable isolation gives the same
 * outcome under concurrency; a serialization failure, a deadlock or a
 * `TransactionConflict` thrown by `work` runs `work` again (the port says work
 * may run twice), with a short random pause. Usage reports outside a
 * transaction are grouped into shared statements, run on `ingest` (a client
 * of one connection, `Database.ingest`) when given, else on the pool.
 */
export function createPostgresStore(
  sql: postgres.Sql,
  options: { cipher: SecretCipher; ingest?: Queryable },
): Store {
  return {
    // Outside transactions, concurrent usage reports share statements (group commit),
    // pipelined on the ingest connection when there is one.
    ...postgresRepositories(
      sql,
      options.cipher,
      groupCommitRecorder(sql, { ingest: options.ingest }),
    ),
    transaction: async <T>(
      work: (repos: Repositories) => Promise<T>,
      txOptions: { isolation?: "serializable" | "read-committed" } = {},
    ): Promise<T> => {
      const level = txOptions.isolation === "read-committed"
        ? "isolation level read committed"
        : "isolation level serializable";
      for (let attempt = 1;; attempt++) {
        try {
          let result: T | undefined;
          await sql.begin(level, async (tx) => {
            result = await work(postgresRepositories(tx, options.cipher));
          });
          return result as T;
        } catch (error) {
          if (!isRetryable(error) || attempt >= MAX_ATTEMPTS) throw error;
          log.debug("Transaction conflict ({code}), running it again (attempt {attempt})", {
            code: (error as { code: string }).code,
            attempt,
          });
          await pause(attempt);
        }
      }
    },
  };
}

function isRetryable(error: unknown): boolean {
  if (error instanceof TransactionConflict) return true;
  return typeof error === "object" && error !== null && "code" in error &&
    typeof error.code === "string" && RETRYABLE.has(error.code);
}

/** Random pauses, growing with the attempt, so conflicting transactions drift apart. */
function pause(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, backoffMs(attempt, RETRY_BACKOFF)));
}
