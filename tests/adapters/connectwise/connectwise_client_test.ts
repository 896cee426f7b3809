import { createConnectWiseClient } from "../../../adapters/connectwise/connectwise_client.ts";
import { serveSimulator } from "../../connectwise_simulator/simulator.ts";
import { connectWiseContract } from "../../application/ports/connectwise_contract.ts";
import { simulatorState } from "../../support/simulator_seed.ts";

connectWiseContract("http client + simulator", (world) => {
  const simulator = serveSimulator({ seed: simulatorState(world) });
  const connectWise = createConnectWiseClient({
    clientId: "6f1c0de4-0000-4000-8000-000000000001",
    allowlist: [simulator.hostPort],
    requestsPerMinute: 60_000,
  });
  return Promise.resolve({ connectWise, siteUrl: simulator.url, close: simulator.close });
});
