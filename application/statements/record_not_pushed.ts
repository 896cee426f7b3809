import type { Period } from "../../domain/period.ts";
import type { Deps } from "../ports/deps.ts";
import type { Repositories } from "../ports/store.ts";
import { agreementTarget } from "../figures/desired.ts";

/** A final never written (a later one is final too): audited per addition, to invoice by hand. */
export async function recordNotPushed(
  deps: Deps,
  repos: Repositories,
  input: { mspId: string; period: Period },
): Promise<void> {
  const { mspId, period } = input;
  let recorded = 0;
  for (const agreementId of await repos.companyMappings.agreementIds(mspId)) {
    const target = await agreementTarget(repos, { mspId, agreementId, period, final: true });
    for (const line of target.lines) {
      if (line.organizationIds.length === 0) continue;
      await repos.audit.append(mspId, {
        at: deps.clock.now(),
        action: "final-not-pushed",
        agreementId,
        productId: line.productId,
        additionId: null,
        period,
        oldQuantity: null,
        newQuantity: line.quantity,
        message: `final ${line.kind} quantity ${line.quantity} of ${period} not written to ` +
          `ConnectWise (a later period is final too): invoice it by hand`,
      });
      recorded++;
    }
  }
  if (recorded === 0) {
    await repos.audit.append(mspId, {
      at: deps.clock.now(),
      action: "final-not-pushed",
      agreementId: null,
      productId: null,
      additionId: null,
      period,
      oldQuantity: null,
      newQuantity: null,
      message: `period ${period} is final but not written to ConnectWise (a later period is ` +
        `final too); no mapped agreement bills it`,
    });
  }
}
