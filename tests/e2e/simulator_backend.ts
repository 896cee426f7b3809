import { createConnectWiseClient } from "../../adapters/connectwise/connectwise_client.ts";
import type { ContractWorld } from "../application/ports/connectwise_world.ts";
import { simulatorState } from "../support/simulator_seed.ts";
import { serveSimulator } from "../connectwise_simulator/simulator.ts";
import { connectWiseData, CREDENTIALS } from "../support/fixtures.ts";
import type { Backend } from "./connectwise_backends.ts";

/** The integration's clientId the simulator insists on. */
const CLIENT_ID = "3fa85f64-5717-4562-b3fc-2c963f66afa6";

/**
 * The real ConnectWise REST client against the ConnectWise simulator served
 * on 127.0.0.1:0, with the allow-list set to exactly that host:port.
 */
export function simulatorBackend(): Backend {
  const sim = serveSimulator({
    clientId: CLIENT_ID,
    seed: simulatorState(connectWiseData() as ContractWorld),
  });
  const hostAllowlist = [sim.hostPort];
  return {
    name: "REST client + simulator",
    connectWise: createConnectWiseClient({
      clientId: CLIENT_ID,
      allowlist: hostAllowlist,
      requestsPerMinute: 6_000,
    }),
    credentials: { ...CREDENTIALS, siteUrl: sim.url },
    hostAllowlist,
    additions: () =>
      sim.state.additions.filter((a) => a.cancelledDate === null).map((a) => ({
        agreementId: a.agreementId,
        productId: a.product.id,
        quantity: a.quantity,
      })),
    close: () => sim.close(),
  };
}
