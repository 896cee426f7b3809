import { agreementBillability, type AgreementTerms } from "../../domain/agreement_terms.ts";
import { observeNextInvoice } from "../../domain/invoice_timing.ts";
import { openSession } from "../connection/connection_session.ts";
import type { Deps } from "../ports/deps.ts";
import type { AgreementRecord } from "../ports/agreements.ts";
import type { ConnectWiseSession } from "../ports/connectwise.ts";
import type { Repositories } from "../ports/store.ts";
import { inPool } from "./in_pool.ts";
import type { PushScope } from "./push_scope.ts";

/** The ids whose invoice date or billability changed: their pushes may go on, or must stop. */
export async function recordTerms(
  deps: Deps,
  repos: Repositories,
  input: { mspId: string; agreements: readonly AgreementTerms[]; readAt: Date },
): Promise<number[]> {
  const { mspId, readAt } = input;
  const known = new Map(
    (await repos.agreements.get(mspId, input.agreements.map((a) => a.id)))
      .map((r) => [r.terms.id, r]),
  );
  const changed: number[] = [];
  const records = input.agreements.map((a): AgreementRecord => {
    const terms = termsOnly(a);
    const before = known.get(a.id);
    if (!before || changes(before.terms, terms, readAt)) changed.push(a.id);
    return { terms, watch: observeNextInvoice(before?.watch ?? null, a.nextInvoiceDate, readAt) };
  });
  await repos.agreements.save(mspId, records, nextCheck(deps, readAt));
  return changed;
}

/** One paged call per about 200; those whose terms changed are queued now (and answered). */
export async function refreshAgreements(
  deps: Deps,
  input: { mspId: string; agreementIds: readonly number[]; session: ConnectWiseSession },
): Promise<number[]> {
  const { mspId } = input;
  if (input.agreementIds.length === 0) return [];
  const agreements = await input.session.companies.agreements(input.agreementIds);
  const changed = await recordTerms(deps, deps.store, {
    mspId,
    agreements,
    readAt: deps.clock.now(),
  });
  for (const agreementId of changed) {
    await deps.store.syncQueue.markDirty(mspId, agreementId, deps.clock.now());
  }
  return changed;
}

/** In bulk per MSP; an MSP whose read fails waits for its next check and holds up no other. */
export async function refreshDueAgreements(
  deps: Deps,
  input: { limit?: number } = {},
): Promise<{ read: number; failed: { mspId: string; error: unknown }[] }> {
  const now = deps.clock.now();
  const due = await deps.store.agreements.claimDue({
    now,
    checkAt: nextCheck(deps, now),
    limit: input.limit ?? 1_000,
  });
  const byMsp = [...Map.groupBy(due, (d) => d.mspId)];
  const failed: { mspId: string; error: unknown }[] = [];
  let unread = 0;
  // MSPs side by side: a slow site holds its own slot, never another MSP's read.
  await inPool(byMsp, 8, async ([mspId, items]) => {
    const connection = await deps.store.connections.get(mspId);
    if (!connection) return;
    try {
      await refreshAgreements(deps, {
        mspId,
        agreementIds: items.map((i) => i.agreementId),
        session: openSession(deps, connection),
      });
    } catch (error) {
      failed.push({ mspId, error });
      unread += items.length;
    }
  });
  return { read: due.length - unread, failed };
}

function nextCheck(deps: Deps, from: Date): Date {
  return new Date(from.getTime() + deps.settings.agreementCheckMs);
}

function termsOnly(a: AgreementTerms): AgreementTerms {
  return {
    id: a.id,
    name: a.name,
    companyId: a.companyId,
    status: a.status,
    cancelled: a.cancelled,
    billingCycle: a.billingCycle,
    startDate: a.startDate,
    endDate: a.endDate,
    noEndingDate: a.noEndingDate,
    billStartDate: a.billStartDate,
    nextInvoiceDate: a.nextInvoiceDate,
    prorate: a.prorate,
    parentAgreementId: a.parentAgreementId,
  };
}

function changes(before: AgreementTerms, after: AgreementTerms, now: Date): boolean {
  const time = (d: Date | null) => d?.getTime() ?? null;
  return time(before.nextInvoiceDate) !== time(after.nextInvoiceDate) ||
    agreementBillability(before, now).billable !== agreementBillability(after, now).billable;
}

/**
 * Reads the terms of agreements never read (mapped before terms were stored) in one call; a failed
 * read leaves them unknown, for a later round.
 */
export async function withTerms(deps: Deps, scope: PushScope): Promise<PushScope> {
  if (!scope.session) return scope;
  const missing = [...scope.lines.keys()].filter((id) => !scope.agreements.has(id));
  if (missing.length === 0) return scope;
  // Not queued again: they are being pushed in this round.
  const read = await scope.session.companies.agreements(missing).catch(() => null);
  if (read === null) return scope;
  await recordTerms(deps, deps.store, {
    mspId: scope.mspId,
    agreements: read,
    readAt: deps.clock.now(),
  });
  const records = await deps.store.agreements.get(scope.mspId, missing);
  const agreements = new Map(scope.agreements);
  for (const record of records) agreements.set(record.terms.id, record);
  const notFound = new Set(missing.filter((id) => !agreements.has(id)));
  return { ...scope, agreements, notFound };
}
