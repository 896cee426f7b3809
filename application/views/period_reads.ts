import { checkPeriodAsked } from "../../domain/period.ts";
import type { Statement } from "../../domain/statement.ts";
import type { Deps } from "../ports/deps.ts";
import type { AuditEntry } from "../ports/audit_log.ts";
import { computeStatements } from "../statements/finalize_statements.ts";

/** Final figures once finalized, else the running ones; refused more than a month ahead. */
export async function periodStatement(
  deps: Deps,
  input: { mspId: string; period: string },
): Promise<Statement[]> {
  const period = checkPeriodAsked(input.period, deps.clock.now());
  if (await deps.store.statements.isFinalized(input.mspId, period)) {
    return deps.store.statements.list(input.mspId, period);
  }
  return computeStatements(deps.store, { mspId: input.mspId, period, finalizedAt: null });
}

export function auditLog(
  deps: Deps,
  input: { mspId: string; before?: number; limit?: number },
): Promise<AuditEntry[]> {
  return deps.store.audit.list(input.mspId, { before: input.before, limit: input.limit ?? 50 });
}
