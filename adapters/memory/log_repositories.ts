import type { AuditLog } from "../../application/ports/audit_log.ts";
import type { Outbox } from "../../application/ports/outbox.ts";
import { done, GLOBAL, type MemoryState } from "./state.ts";

export function memoryAuditLog(s: MemoryState): AuditLog {
  return {
    append: (msp, entry) =>
      done(() => {
        const id = s.nextAuditId();
        s.audit.set(msp, String(id), { ...entry, id });
      }),
    list: (msp, { before, limit }) =>
      Promise.resolve(
        s.audit.list(msp)
          .filter((e) => before === undefined || e.id < before)
          .sort((a, b) => b.id - a.id)
          .slice(0, limit),
      ),
  };
}

export function memoryOutbox(s: MemoryState): Outbox {
  return {
    add: (event) =>
      done(() =>
        s.outbox.set(GLOBAL, event.id, { ...event, attempts: 0, occurredAt: event.nextAttemptAt })
      ),
    due: (now, limit) =>
      Promise.resolve(
        // Oldest due first, as the Postgres outbox: a limit must not skip an older event.
        s.outbox.list(GLOBAL)
          .filter((e) => e.nextAttemptAt <= now)
          .sort((a, b) =>
            a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() || (a.id < b.id ? -1 : 1)
          )
          .slice(0, limit),
      ),
    delivered: (id) => done(() => s.outbox.delete(GLOBAL, id)),
    retryLater: (id, at) =>
      done(() => {
        const e = s.outbox.get(GLOBAL, id);
        if (e) s.outbox.set(GLOBAL, id, { ...e, attempts: e.attempts + 1, nextAttemptAt: at });
      }),
  };
}
