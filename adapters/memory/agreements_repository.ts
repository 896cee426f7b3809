import type { AgreementRecord, Agreements } from "../../application/ports/agreements.ts";
import { done, GLOBAL, type MemoryState } from "./state.ts";

/** Table-backed agreement records; `agreementChecks` keeps each one's next check. */
export function memoryAgreements(s: MemoryState): Agreements {
  return {
    get: (msp, ids) =>
      Promise.resolve(
        ids.flatMap((id) => s.agreements.get(msp, String(id)) ?? []),
      ),
    save: (msp, records: readonly AgreementRecord[], checkAt) =>
      done(() => {
        for (const record of records) {
          s.agreements.set(msp, String(record.terms.id), record);
          s.agreementChecks.set(msp, String(record.terms.id), checkAt);
        }
      }),
    claimDue: ({ now, checkAt, limit }) => {
      const due = s.agreementChecks.groups().flatMap((msp) => {
        const connection = s.connections.get(GLOBAL, msp);
        if (!connection || connection.attention) return [];
        const mapped = new Set(s.companyMappings.list(msp).map((m) => m.agreementId));
        return s.agreementChecks.ids(msp).flatMap((id) => {
          const at = s.agreementChecks.get(msp, id)!;
          return at <= now && mapped.has(Number(id))
            ? [{ mspId: msp, agreementId: Number(id), at }]
            : [];
        });
      }).sort((a, b) =>
        a.at.getTime() - b.at.getTime() || a.mspId.localeCompare(b.mspId) ||
        a.agreementId - b.agreementId
      ).slice(0, limit);
      for (const d of due) s.agreementChecks.set(d.mspId, String(d.agreementId), checkAt);
      return Promise.resolve(due.map(({ mspId, agreementId }) => ({ mspId, agreementId })));
    },
  };
}
