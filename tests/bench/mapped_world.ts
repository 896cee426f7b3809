// A large mapped world written through the repositories, many calls at once
// (no transactions: the memory store would clone its whole state for each).
import type { Store } from "../../application/ports/store.ts";
import type { AgreementTerms } from "../../domain/agreement_terms.ts";
import { observeNextInvoice } from "../../domain/invoice_timing.ts";
import { nextPeriod, periodOf, periodStart } from "../../domain/period.ts";
import { permissionReport, PROBED_AREAS } from "../../domain/permissions.ts";
import { simAgreement } from "../support/simulator_seed.ts";
import { createState, type SimState } from "../connectwise_simulator/sim_state.ts";
import { PLANS } from "../support/fixtures.ts";
import { inParallel } from "./in_parallel.ts";

/** MSPs x agreements x organizations on each agreement. */
export interface WorldShape {
  readonly msps: number;
  readonly agreementsPerMsp: number;
  readonly orgsPerAgreement: number;
}

const LITE_PRODUCT = 11;

/** The agreement (and company) id of agreement `a` of MSP `m`, unique across MSPs. */
export function agreementId(m: number, a: number): number {
  return 100_000 + m * 1_000 + a;
}

/** Organizations (each mapped) in the world. */
export function mappingCount(shape: WorldShape): number {
  return shape.msps * shape.agreementsPerMsp * shape.orgsPerAgreement;
}

/**
 * When ConnectWise next invoices the world's agreements, for reports made at
 * `reportedAt`: the 1st of the next month, so their month may be written and
 * its invoice is still to come.
 */
export function nextInvoiceFor(reportedAt: Date): Date {
  return periodStart(nextPeriod(periodOf(reportedAt)));
}

/** How every agreement of the world is invoiced (monthly, no proration). */
function terms(id: number, nextInvoiceDate: Date): AgreementTerms {
  return {
    id,
    name: `MSA ${id}`,
    companyId: id,
    status: "Active",
    cancelled: false,
    billingCycle: "Monthly",
    startDate: new Date("2024-01-01T00:00:00Z"),
    endDate: null,
    noEndingDate: true,
    billStartDate: new Date("2024-01-01T00:00:00Z"),
    nextInvoiceDate,
    prorate: false,
    parentAgreementId: null,
  };
}

/** ConnectWise for the world: one API member per MSP, its companies and agreements. */
export function simulatorSeed(shape: WorldShape, nextInvoiceDate: Date): SimState {
  const state = createState({
    catalog: [{
      id: LITE_PRODUCT,
      identifier: "VPN-LITE",
      description: "VPN Lite seat",
      customerDescription: "VPN Lite seat",
      inactiveFlag: false,
      subcategory: { id: 1, name: "Cloud" },
      type: { id: 1, name: "Non-Inventory" },
      productClass: "NonInventory",
    }],
  });
  for (let m = 0; m < shape.msps; m++) {
    state.members.push({ companyId: `msp${m}`, publicKey: "pub", privateKey: `priv-${m}` });
    for (let a = 0; a < shape.agreementsPerMsp; a++) {
      const id = agreementId(m, a);
      state.companies.push({
        id,
        identifier: `C${id}`,
        name: `Company ${id}`,
        status: null,
        types: [],
      });
      state.agreements.push(simAgreement({ ...terms(id, nextInvoiceDate), type: null }));
    }
  }
  return state;
}

/**
 * Every MSP connected to `siteUrl` with Lite mapped to one product; every
 * organization on Lite, mapped to its agreement, with one usage report at
 * `reportedAt`; every agreement's terms stored as the mapping stores them
 * (read at `connectedAt`). `concurrency` organizations are written at a time.
 */
export async function seedMappedWorld(
  store: Store,
  shape: WorldShape,
  options: { siteUrl: string; reportedAt: Date; connectedAt: Date; concurrency: number },
): Promise<void> {
  for (const plan of PLANS) await store.plans.save(plan);
  await inParallel(shape.msps, options.concurrency, async (m) => {
    const mspId = `msp${m}`;
    await store.connections.save({
      mspId,
      siteUrl: options.siteUrl,
      companyId: mspId,
      publicKey: "pub",
      privateKey: `priv-${m}`,
      codebase: "v4_6_release/",
      apiVersion: null,
      permissions: permissionReport(new Map(PROBED_AREAS.map((a) => [a, true]))),
      connectedAt: options.connectedAt,
      attention: null,
    });
    const product = { productId: LITE_PRODUCT, identifier: "VPN-LITE" };
    await store.productMappings.save(mspId, { planId: "lite", license: product, server: null });
    const read = options.connectedAt;
    const records = Array.from({ length: shape.agreementsPerMsp }, (_, a) => {
      const t = terms(agreementId(m, a), nextInvoiceFor(options.reportedAt));
      return { terms: t, watch: observeNextInvoice(null, t.nextInvoiceDate, read) };
    });
    await store.agreements.save(mspId, records, new Date(read.getTime() + 15 * 60_000));
  });
  const perMsp = shape.agreementsPerMsp * shape.orgsPerAgreement;
  await inParallel(mappingCount(shape), options.concurrency, async (i) => {
    const m = Math.floor(i / perMsp);
    const a = Math.floor((i % perMsp) / shape.orgsPerAgreement);
    const o = i % shape.orgsPerAgreement;
    const [mspId, id, agreement] = [`msp${m}`, `org-${a}-${o}`, agreementId(m, a)];
    await store.organizations.save(mspId, {
      id,
      name: id,
      planId: "lite",
      licenseType: "standard",
    });
    await store.companyMappings.save(mspId, {
      organizationId: id,
      companyId: agreement,
      agreementId: agreement,
    });
    await store.usage.append(mspId, {
      eventId: `${id}-1`,
      organizationId: id,
      occurredAt: options.reportedAt,
      licenses: 1 + ((a + o) % 7),
      servers: 0,
      planId: null,
    });
  });
}
