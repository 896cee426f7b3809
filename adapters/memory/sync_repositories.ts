import type { AuditLog } from "../../application/ports/audit_log.ts";
import type { Outbox } from "../../application/ports/outbox.ts";
import { lineKey, type SyncLines } from "../../application/ports/sync_lines.ts";
import type { SyncQueue } from "../../application/ports/sync_queue.ts";
import { done, key, type MemoryState, ofMsp } from "./state.ts";

/** Map-backed sync lines. */
export function memorySyncLines(s: () => MemoryState): SyncLines {
  const all = (msp: string) =>
    ofMsp(s().syncLines, msp).sort((a, b) => lineKey(a).localeCompare(lineKey(b)));
  return {
    list: (msp) => Promise.resolve(all(msp)),
    forAgreement: (msp, agreementId) =>
      Promise.resolve(all(msp).filter((l) => l.agreementId === agreementId)),
    save: (msp, line) => done(() => s().syncLines.set(key(msp, lineKey(line)), line)),
    prune: (msp, agreementId, keep) =>
      done(() => {
        for (const line of all(msp)) {
          if (line.agreementId === agreementId && !keep.includes(lineKey(line))) {
            s().syncLines.delete(key(msp, lineKey(line)));
          }
        }
      }),
  };
}

/** Map-backed dirty-agreement queue with leases. */
export function memorySyncQueue(s: () => MemoryState): SyncQueue {
  return {
    markDirty: (msp, agreementId, notBefore) =>
      done(() => {
        const row = s().queue.get(key(msp, agreementId));
        s().queue.set(
          key(msp, agreementId),
          row ? { ...row, version: row.version + 1 } : {
            mspId: msp,
            agreementId,
            version: 1,
            attempts: 0,
            notBefore,
            firstDue: notBefore,
            leaseOwner: null,
            leaseUntil: null,
          },
        );
      }),
    claim: (owner, { now, leaseMs, limit, mspId }) => {
      const due = [...s().queue.values()]
        .filter((r) => r.notBefore <= now && (!r.leaseUntil || r.leaseUntil <= now))
        .filter((r) => mspId === undefined || r.mspId === mspId)
        .sort((a, b) => a.notBefore.getTime() - b.notBefore.getTime())
        .slice(0, limit);
      for (const r of due) {
        s().queue.set(key(r.mspId, r.agreementId), {
          ...r,
          leaseOwner: owner,
          leaseUntil: new Date(now.getTime() + leaseMs),
        });
      }
      return Promise.resolve(due.map(({ mspId, agreementId, version, attempts }) => ({
        mspId,
        agreementId,
        version,
        attempts,
      })));
    },
    complete: (owner, item) =>
      done(() => {
        const k = key(item.mspId, item.agreementId);
        const row = s().queue.get(k);
        if (!row || row.leaseOwner !== owner) return;
        if (row.version === item.version) s().queue.delete(k);
        else s().queue.set(k, { ...row, leaseOwner: null, leaseUntil: null, attempts: 0 });
      }),
    retry: (owner, item, retryAt) =>
      done(() => {
        const k = key(item.mspId, item.agreementId);
        const row = s().queue.get(k);
        if (!row || row.leaseOwner !== owner) return;
        s().queue.set(k, {
          ...row,
          leaseOwner: null,
          leaseUntil: null,
          notBefore: retryAt,
          attempts: row.attempts + 1,
        });
      }),
    backlog: () => {
      const rows = [...s().queue.values()];
      const oldest = rows.reduce<Date | null>(
        (min, r) => (min === null || r.firstDue < min ? r.firstDue : min),
        null,
      );
      return Promise.resolve({ dirty: rows.length, oldestDue: oldest });
    },
  };
}

/** Array-backed audit log, newest first. */
export function memoryAuditLog(s: () => MemoryState): AuditLog {
  return {
    append: (msp, entry) =>
      done(() => {
        s().auditSeq += 1;
        s().audit.set(msp, [...(s().audit.get(msp) ?? []), { ...entry, id: s().auditSeq }]);
      }),
    list: (msp, { before, limit }) =>
      Promise.resolve(
        [...(s().audit.get(msp) ?? [])]
          .filter((e) => before === undefined || e.id < before)
          .sort((a, b) => b.id - a.id)
          .slice(0, limit),
      ),
  };
}

/** Map-backed outbox. */
export function memoryOutbox(s: () => MemoryState): Outbox {
  return {
    add: (event) =>
      done(() =>
        s().outbox.set(event.id, { ...event, attempts: 0, occurredAt: event.nextAttemptAt })
      ),
    due: (now, limit) =>
      Promise.resolve(
        // Oldest due first, as the Postgres outbox: a limit must not skip an older event.
        [...s().outbox.values()]
          .filter((e) => e.nextAttemptAt <= now)
          .sort((a, b) =>
            a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() || (a.id < b.id ? -1 : 1)
          )
          .slice(0, limit),
      ),
    delivered: (id) => done(() => s().outbox.delete(id)),
    retryLater: (id, at) =>
      done(() => {
        const e = s().outbox.get(id);
        if (e) s().outbox.set(id, { ...e, attempts: e.attempts + 1, nextAttemptAt: at });
      }),
  };
}
