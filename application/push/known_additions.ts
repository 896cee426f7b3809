import type { RemoteAddition } from "../../domain/reconcile.ts";
import type { AgreementAdditions } from "../ports/connectwise.ts";

/**
 * An agreement's additions as this service last saw them in ConnectWise: what one read answered,
 * updated with every write since. The running push that follows a final push starts from it instead
 * of reading ConnectWise again.
 */
export type KnownAdditions = readonly RemoteAddition[];

/**
 * The additions port of one push, keeping `known` true to each write that ConnectWise confirmed
 * (its answer is the addition as it now stands).
 */
export function trackingWrites(
  additions: AgreementAdditions,
  known: RemoteAddition[],
): AgreementAdditions {
  const keep = (answer: RemoteAddition) => {
    const at = known.findIndex((a) => a.id === answer.id);
    if (at === -1) known.push(answer);
    else known[at] = answer;
    return answer;
  };
  return {
    list: (agreementId) => additions.list(agreementId),
    create: async (agreementId, input) => keep(await additions.create(agreementId, input)),
    setQuantity: async (agreementId, additionId, quantity) =>
      keep(await additions.setQuantity(agreementId, additionId, quantity)),
  };
}
