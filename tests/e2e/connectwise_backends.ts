import type { ConnectWise } from "../../application/ports/connectwise.ts";
import { MemoryConnectWise } from "../../adapters/memory/memory_connectwise.ts";
import { connectWiseData, CREDENTIALS } from "../support/fixtures.ts";

/** One addition as ConnectWise holds it, whichever backend. */
export interface HeldAddition {
  readonly agreementId: number;
  readonly productId: number;
  readonly quantity: number;
}

/** A ConnectWise for the end-to-end test: the port, the member's credentials and a look inside. */
export interface Backend {
  readonly name: string;
  readonly connectWise: ConnectWise;
  readonly credentials: typeof CREDENTIALS;
  readonly hostAllowlist: readonly string[];
  /** Every active addition, read directly from the backend's state. */
  additions(): HeldAddition[];
  close(): Promise<void>;
}

/** The in-memory stand-in, seeded with the fixture companies, agreements and products. */
export function memoryBackend(): Backend {
  const cw = new MemoryConnectWise(connectWiseData());
  return {
    name: "memory stand-in",
    connectWise: cw,
    credentials: CREDENTIALS,
    hostAllowlist: [],
    additions: () =>
      cw.data.additions.filter((a) => a.cancelledDate === null).map((
        { agreementId, productId, quantity },
      ) => ({
        agreementId,
        productId,
        quantity,
      })),
    close: () => Promise.resolve(),
  };
}
