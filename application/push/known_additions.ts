import type { RemoteAddition } from "../../domain/reconcile.ts";
import type { AgreementAdditions } from "../ports/connectwise.ts";

/** One read kept true to every write since: the running push after a final reads nothing. */
export type KnownAdditions = readonly RemoteAddition[];

/** Each confirmed write's answer is the addition as it now stands. */
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
