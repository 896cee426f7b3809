import type { SyncLines } from "../../application/ports/sync_lines.ts";
import { lineKey } from "../../domain/sync_line.ts";
import type { SyncQueue } from "../../application/ports/sync_queue.ts";
import { refuseNegative, refuseStray } from "./checks.ts";
import { answer, done, type MemoryState, type QueueRow } from "./state.ts";

export function memorySyncLines(s: MemoryState): SyncLines {
  const all = (msp: string) =>
    s.syncLines.list(msp).sort((a, b) => lineKey(a).localeCompare(lineKey(b)));
  return {
    list: (msp) => Promise.resolve(all(msp)),
    forAgreement: (msp, agreementId) =>
      Promise.resolve(all(msp).filter((l) => l.agreementId === agreementId)),
    forAgreements: (msp, agreementIds) =>
      Promise.resolve(all(msp).filter((l) => agreementIds.includes(l.agreementId))),
    save: (msp, line) =>
      done(() => {
        refuseNegative("syncLines", {
          desiredQuantity: line.desiredQuantity,
          writtenQuantity: line.writtenQuantity,
        });
        s.syncLines.set(msp, lineKey(line), line);
      }),
    prune: (msp, agreementId, keep) =>
      done(() => {
        for (const line of s.syncLines.list(msp)) {
          if (line.agreementId === agreementId && !keep.includes(lineKey(line))) {
            s.syncLines.delete(msp, lineKey(line));
          }
        }
      }),
    record: (msp, { agreementId, lines, audit }) =>
      done(() => {
        // Checked whole first: a refused record changes nothing, as one statement would.
        for (const line of lines ?? []) {
          refuseStray(agreementId, line);
          refuseNegative("syncLines", {
            desiredQuantity: line.desiredQuantity,
            writtenQuantity: line.writtenQuantity,
          });
        }
        if (lines !== null) {
          const keep = new Set(lines.map(lineKey));
          for (const line of s.syncLines.list(msp)) {
            if (line.agreementId === agreementId && !keep.has(lineKey(line))) {
              s.syncLines.delete(msp, lineKey(line));
            }
          }
          for (const line of lines) s.syncLines.set(msp, lineKey(line), line);
        }
        for (const entry of audit) {
          const id = s.nextAuditId();
          s.audit.set(msp, String(id), { ...entry, id });
        }
      }),
  };
}

/** The claim order of Postgres (`ORDER BY not_before, msp_id, agreement_id`): ties too. */
function claimOrder(a: QueueRow, b: QueueRow): number {
  return a.notBefore.getTime() - b.notBefore.getTime() || a.mspId.localeCompare(b.mspId) ||
    a.agreementId - b.agreementId;
}

export function memorySyncQueue(s: MemoryState): SyncQueue {
  const id = (agreementId: number) => String(agreementId);
  // An entry already waiting keeps its notBefore (reports coalesce), unless advanced.
  const mark = (msp: string, agreementId: number, notBefore: Date, advance = false) => {
    const row = s.queue.get(msp, id(agreementId));
    const due = row && advance && notBefore < row.notBefore ? notBefore : row?.notBefore;
    s.queue.set(
      msp,
      id(agreementId),
      row ? { ...row, version: row.version + 1, notBefore: due! } : {
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
  };
  return {
    markDirty: (msp, agreementId, notBefore) => done(() => mark(msp, agreementId, notBefore)),
    markMappedDirty: (msp, notBefore, options = {}) =>
      answer(() => {
        const agreements = [...new Set(s.companyMappings.list(msp).map((m) => m.agreementId))]
          .sort((x, y) => x - y);
        for (const agreementId of agreements) mark(msp, agreementId, notBefore, options.advance);
        return agreements;
      }),
    queued: (msp) =>
      Promise.resolve(
        s.queue.list(msp).sort((a, b) => a.agreementId - b.agreementId).map((r) => ({
          agreementId: r.agreementId,
          notBefore: r.notBefore,
          leaseUntil: r.leaseUntil,
        })),
      ),
    claim: (owner, { now, leaseMs, limit, mspId }) => {
      const rows = mspId === undefined ? s.queue.all() : s.queue.list(mspId);
      const due = rows
        .filter((r) => r.notBefore <= now && (!r.leaseUntil || r.leaseUntil <= now))
        .sort(claimOrder)
        .slice(0, limit);
      for (const r of due) {
        s.queue.set(r.mspId, id(r.agreementId), {
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
    dueMsps: ({ now, limit, excluding }) =>
      answer(() => {
        const skip = new Set(excluding);
        const first = new Map<string, QueueRow>();
        for (const r of s.queue.all()) {
          if (skip.has(r.mspId) || r.notBefore > now || (r.leaseUntil && r.leaseUntil > now)) {
            continue;
          }
          const seen = first.get(r.mspId);
          if (!seen || claimOrder(r, seen) < 0) first.set(r.mspId, r);
        }
        return [...first.values()].sort(claimOrder).slice(0, limit).map((r) => r.mspId);
      }),
    renew: (owner, { now, leaseMs }) =>
      answer(() => {
        const held = s.queue.all().filter((r) =>
          r.leaseOwner === owner && r.leaseUntil !== null && r.leaseUntil > now
        );
        const until = new Date(now.getTime() + leaseMs);
        for (const r of held) s.queue.set(r.mspId, id(r.agreementId), { ...r, leaseUntil: until });
        return held.length;
      }),
    complete: (owner, items) =>
      done(() => {
        for (const item of items) {
          const row = s.queue.get(item.mspId, id(item.agreementId));
          if (!row || row.leaseOwner !== owner) continue;
          if (row.version === item.version) s.queue.delete(item.mspId, id(item.agreementId));
          else {
            s.queue.set(item.mspId, id(item.agreementId), {
              ...row,
              leaseOwner: null,
              leaseUntil: null,
              attempts: 0,
            });
          }
        }
      }),
    retry: (owner, item, retryAt) =>
      done(() => {
        const row = s.queue.get(item.mspId, id(item.agreementId));
        if (!row || row.leaseOwner !== owner) return;
        s.queue.set(item.mspId, id(item.agreementId), {
          ...row,
          leaseOwner: null,
          leaseUntil: null,
          notBefore: retryAt,
          attempts: row.attempts + 1,
        });
      }),
    release: (owner, items) =>
      done(() => {
        for (const item of items) {
          const row = s.queue.get(item.mspId, id(item.agreementId));
          if (!row || row.leaseOwner !== owner) continue;
          s.queue.set(item.mspId, id(item.agreementId), {
            ...row,
            leaseOwner: null,
            leaseUntil: null,
          });
        }
      }),
    backlog: () => {
      const rows = s.queue.all();
      const oldest = rows.reduce<Date | null>(
        (min, r) => (min === null || r.firstDue < min ? r.firstDue : min),
        null,
      );
      return Promise.resolve({ dirty: rows.length, oldestDue: oldest });
    },
  };
}
