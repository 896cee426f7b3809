import assert from "node:assert/strict";
import { contributions, desiredLines, type KnownLine } from "../../domain/billing.ts";
import { DomainError } from "../../domain/errors.ts";
import { periodFigures } from "../../domain/figures.ts";
import {
  createOrganization,
  type LicenseType,
  type Organization,
} from "../../domain/organization.ts";
import type { Period } from "../../domain/period.ts";
import { planChange } from "../../domain/plan_history.ts";
import { checkReport, type LedgerEntry } from "../../domain/usage.ts";
import { arg, type Catalog, count, option, type Statement } from "./billing_script.ts";

/** A refusal the example expects but the domain cannot give yet (its code is not in the source). */
export interface Pending {
  readonly line: number;
  readonly code: string;
}

/**
 * Runs one example through the domain: reports are checked by `checkReport`,
 * figures come from `periodFigures`, what ConnectWise holds from
 * `contributions` and `desiredLines`. Throws on the first statement whose
 * stated figures differ; answers the refusals it could not check.
 */
export function runExample(
  statements: readonly Statement[],
  context: { catalog: Catalog; knownCodes: ReadonlySet<string> },
): Pending[] {
  const { plans, mappings } = context.catalog;
  const orgs = new Map<string, { org: Organization; agreementId: number | null }>();
  const entries: LedgerEntry[] = [];
  const owned: KnownLine[] = [];
  const pending: Pending[] = [];
  let now: Date | null = null;
  let lastFinal: Period | null = null;
  const clock = (s: Statement) => now ?? assert.fail(`line ${s.line}: no "now" yet`);
  const known = (s: Statement, id: string) =>
    orgs.get(id) ?? assert.fail(`line ${s.line}: organization "${id}" is not declared`);
  const figures = (org: Organization, period: Period) =>
    periodFigures(entries.filter((e) => e.organizationId === org.id), period, {
      plans,
      currentPlanId: org.planId,
    });

  for (let i = 0; i < statements.length; i++) {
    const s = statements[i];
    const at = `line ${s.line}`;
    switch (s.verb) {
      case "now":
        now = new Date(arg(s, 0));
        break;
      case "final":
        lastFinal = arg(s, 0);
        break;
      case "org": {
        const org = createOrganization({
          id: arg(s, 0),
          name: arg(s, 0),
          planId: option(s, "plan"),
          licenseType: arg(s, 1) as LicenseType,
        });
        const before = orgs.get(org.id);
        // A plan set through the organization record counts from the moment it is received.
        const change = planChange({
          before: before?.org,
          after: org,
          at: clock(s),
          eventId: `plan@${s.line}`,
        });
        if (change) entries.push(change);
        orgs.set(org.id, { org, agreementId: before?.agreementId ?? null });
        break;
      }
      case "map":
        known(s, arg(s, 0)).agreementId = count(s, "agreement");
        break;
      case "unmap":
        known(s, arg(s, 0)).agreementId = null;
        break;
      case "report": {
        const entry: LedgerEntry = {
          eventId: `report@${s.line}`,
          organizationId: known(s, arg(s, 1)).org.id,
          occurredAt: new Date(arg(s, 0)),
          licenses: count(s, "licenses"),
          servers: count(s, "servers"),
          planId: s.options.get("plan") ?? null,
        };
        if (entry.planId !== null) assert.ok(plans.has(entry.planId), `${at}: unknown plan`);
        const refused = s.options.get("refused");
        let code: string | null = null;
        try {
          checkReport(entry, { now: clock(s), lastFinal });
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          code = error.code;
        }
        if (refused !== undefined && !context.knownCodes.has(refused)) {
          pending.push({ line: s.line, code: refused });
        } else assert.equal(code, refused ?? null, `${at}: the report's answer`);
        if (refused === undefined) entries.push(entry);
        break;
      }
      case "figures": {
        const { org } = known(s, arg(s, 1));
        assert.deepEqual(figures(org, arg(s, 0)), {
          planId: option(s, "plan"),
          licenses: count(s, "licenses"),
          servers: count(s, "servers"),
        }, `${at}: figures of ${org.id} for ${arg(s, 0)}`);
        break;
      }
      case "connectwise": {
        const group = [s];
        while (statements[i + 1]?.verb === "connectwise") group.push(statements[++i]);
        const period = arg(s, 0);
        const all = [...orgs.values()].flatMap(({ org, agreementId }) => {
          if (agreementId === null) return [];
          const f = figures(org, period);
          const plan = plans.get(f.planId)!;
          const mapping = mappings.get(plan.id);
          return contributions({ organization: org, agreementId, figures: f, plan, mapping })
            .contributions;
        });
        const lines = desiredLines(all, owned);
        const held = lines.map((l) => `${l.agreementId}/${l.productId}: ${l.quantity}`);
        const stated = group.map((g) =>
          `${option(g, "agreement")}/${option(g, "product")}: ${option(g, "quantity")}`
        );
        assert.deepEqual(held, stated, `lines ${s.line}-${group.at(-1)!.line}: ${period}`);
        // The service keeps a line for every addition it wrote, even at 0.
        for (const l of lines) {
          if (!owned.some((o) => o.agreementId === l.agreementId && o.productId === l.productId)) {
            owned.push({ agreementId: l.agreementId, productId: l.productId, kind: l.kind });
          }
        }
        break;
      }
      default:
        assert.fail(`${at}: unknown statement "${s.verb}"`);
    }
  }
  return pending;
}
