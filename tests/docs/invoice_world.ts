// Runs docs/billing.md's `invoice-example` blocks through the whole service
// (the use cases on the memory store, the real ConnectWise client) against
// the simulator, which invoices as ConnectWise does. The language, one
// statement a line:
//
//   agreement <id> next <instant> [prorate yes|no]   ConnectWise's agreement (invoiced monthly)
//   now <instant>                                    the clock; the service catches up first
//   org <id> standard|trial|nfr plan <id>
//   map <org> agreement <id>
//   report <instant> <org> licenses <n> servers <n> [plan <id>]   (sent then: the clock moves on)
//   monthend <period> at <instant>                   the monthly schedule finalizes the month
//   invoice <agreement> at <instant>                 the MSP runs agreement invoicing
//   invoiced product <id> quantity <n> [fraction <f>] a line of the invoice just made (all listed)
//   connectwise agreement <id> product <id> quantity <n>   what the additions hold (all listed)
//   line agreement <id> product <id> status <status>
//   audit product <id> held <n> final <n>            a final-after-invoice entry
import assert from "node:assert/strict";
import { importCompanyMappings } from "../../application/setup/company_mappings.ts";
import { upsertOrganization } from "../../application/usage/organizations.ts";
import { mapProducts } from "../../application/setup/product_mappings.ts";
import { reportUsage } from "../../application/usage/report_usage.ts";
import { connect } from "../../application/connection/connection.ts";
import { refreshDueAgreements } from "../../application/push/agreement_terms.ts";
import { finalizePeriod } from "../../application/month_end/finalize_period.ts";
import { drainSync } from "../../application/push/worker.ts";
import type { LicenseType } from "../../domain/organization.ts";
import { MONTHLY, type SimInvoice } from "../connectwise_simulator/sim_state.ts";
import { type SimWorld, simWorld } from "../support/sim_world.ts";
import { arg, type Catalog, count, option, type Statement } from "./billing_script.ts";

const MSP = "msp-a";

/** Lets the service do what it would by then: read invoice dates when due, push what is dirty. */
async function catchUp(w: SimWorld) {
  w.clock.advance(5_000);
  const { failed } = await refreshDueAgreements(w.deps);
  assert.deepEqual(failed, []);
  await drainSync(w.deps, { owner: "docs" });
}

function group(statements: readonly Statement[], i: number, verb: string): Statement[] {
  const out = [statements[i]];
  while (statements[i + out.length]?.verb === verb) out.push(statements[i + out.length]);
  return out;
}

/** Runs one example; throws on the first statement that does not hold. */
export async function runInvoiceExample(
  statements: readonly Statement[],
  context: { catalog: Catalog },
): Promise<void> {
  const w = await simWorld({ now: "2026-11-01T00:00:00Z" });
  try {
    const { plans, mappings } = context.catalog;
    for (const plan of plans.values()) await w.store.plans.save(plan);
    for (const m of mappings.values()) {
      for (const ref of [m.license, m.server]) {
        if (!ref || w.sim.state.catalog.some((p) => p.id === ref.productId)) continue;
        w.sim.state.catalog.push({
          id: ref.productId,
          identifier: ref.identifier.toUpperCase(),
          description: ref.identifier,
          customerDescription: ref.identifier,
          inactiveFlag: false,
          subcategory: { id: 1, name: "Cloud Services" },
          type: { id: 1, name: "Non-Inventory" },
          productClass: "NonInventory",
        });
      }
    }
    await connect(w.deps, { mspId: MSP, credentials: w.credentials });
    for (const m of mappings.values()) {
      const slot = (ref: { productId: number } | null) =>
        ref ? { productId: ref.productId } : undefined;
      await mapProducts(w.deps, {
        mspId: MSP,
        planId: m.planId,
        license: slot(m.license)!,
        server: slot(m.server),
      });
    }
    let invoice: SimInvoice | null = null;
    for (let i = 0; i < statements.length; i++) {
      const s = statements[i];
      const at = `line ${s.line}`;
      switch (s.verb) {
        case "agreement": {
          const id = Number(arg(s, 0));
          w.sim.state.companies.push({
            id,
            identifier: `Company${id}`,
            name: `Company ${id}`,
            status: { id: 1, name: "Active" },
            types: [{ id: 1, name: "Customer" }],
          });
          w.sim.state.agreements.push({
            id,
            name: `Agreement ${id}`,
            type: { id: 1, name: "Managed" },
            company: { id },
            cancelledFlag: false,
            ...MONTHLY,
            nextInvoiceDate: new Date(option(s, "next")).toISOString().replace(".000", ""),
            prorateFlag: s.options.get("prorate") === "yes",
          });
          break;
        }
        case "now":
          await catchUp(w);
          w.clock.set(arg(s, 0));
          break;
        case "org":
          await upsertOrganization(w.deps, {
            mspId: MSP,
            id: arg(s, 0),
            name: arg(s, 0),
            planId: option(s, "plan"),
            licenseType: arg(s, 1) as LicenseType,
          });
          break;
        case "map": {
          const agreementId = count(s, "agreement");
          await importCompanyMappings(w.deps, {
            mspId: MSP,
            items: [{ companyId: agreementId, agreementId, organizationId: arg(s, 0) }],
          });
          await catchUp(w);
          break;
        }
        case "report":
          // The platform reports a change as it happens: the clock moves on to it.
          if (w.clock.now() < new Date(arg(s, 0))) w.clock.set(arg(s, 0));
          await reportUsage(w.deps, {
            mspId: MSP,
            organizationId: arg(s, 1),
            eventId: `report@${s.line}`,
            occurredAt: new Date(arg(s, 0)),
            licenses: count(s, "licenses"),
            servers: count(s, "servers"),
            planId: s.options.get("plan"),
          });
          await catchUp(w);
          break;
        case "monthend":
          w.clock.set(option(s, "at"));
          await finalizePeriod(w.deps, { period: arg(s, 0), owner: "cron" });
          await catchUp(w);
          break;
        case "invoice":
          w.clock.set(option(s, "at"));
          invoice = w.sim.invoice(Number(arg(s, 0)));
          // The service reads the invoice dates again within INVOICE_DATES_REFRESH_MINUTES.
          w.clock.advance(16 * 60_000);
          await catchUp(w);
          break;
        case "invoiced": {
          const lines = group(statements, i, "invoiced");
          i += lines.length - 1;
          const made: string[] = (invoice ?? assert.fail(`${at}: no invoice made yet`)).lines
            .map((l) => `${l.productId} x ${l.quantity} x ${Number(l.fraction.toFixed(4))}`);
          const stated = lines.map((l) =>
            `${option(l, "product")} x ${option(l, "quantity")} x ${
              l.options.get("fraction") ?? "1"
            }`
          );
          assert.deepEqual(made, stated, `${at}: the invoice's lines`);
          break;
        }
        case "connectwise": {
          const lines = group(statements, i, "connectwise");
          i += lines.length - 1;
          const agreementId = count(s, "agreement");
          const held = w.sim.state.additions
            .filter((a) => a.agreementId === agreementId && a.cancelledDate === null)
            .map((a) => `${a.product.id}: ${a.quantity}`);
          const stated = lines.map((l) => `${option(l, "product")}: ${option(l, "quantity")}`);
          assert.deepEqual(held, stated, `${at}: what agreement ${agreementId} holds`);
          break;
        }
        case "line": {
          const lines = await w.store.syncLines.forAgreement(MSP, count(s, "agreement"));
          const line = lines.find((l) => l.productId === count(s, "product"));
          assert.equal(line?.status, option(s, "status"), `${at}: ${line?.reason}`);
          break;
        }
        case "audit": {
          const entries = (await w.store.audit.list(MSP, { limit: 100 }))
            .filter((e) =>
              e.action === "final-after-invoice" && e.productId === count(s, "product")
            );
          assert.deepEqual(
            entries.map((e) => [e.oldQuantity, e.newQuantity]),
            [[count(s, "held"), count(s, "final")]],
            `${at}: final-after-invoice of product ${count(s, "product")}`,
          );
          break;
        }
        default:
          assert.fail(`${at}: unknown statement "${s.verb}"`);
      }
    }
  } finally {
    await w.close();
  }
}
