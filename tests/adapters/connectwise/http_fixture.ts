import type { Connection, Credentials } from "../../../application/ports/connections.ts";
import type { ConnectWise, ConnectWiseSession } from "../../../application/ports/connectwise.ts";
import {
  type ConnectWiseClientOptions,
  createConnectWiseClient,
} from "../../../adapters/connectwise/connectwise_client.ts";
import {
  type RunningSimulator,
  serveSimulator,
  type SimulatorOptions,
} from "../../connectwise_simulator/simulator.ts";
import type { SimState } from "../../connectwise_simulator/sim_state.ts";
import {
  connectionOf,
  contractWorld,
  credentialsOf,
  MEMBERS,
} from "../../application/ports/connectwise_world.ts";
import { simulatorState } from "../../support/simulator_seed.ts";

export const CLIENT_ID = "6f1c0de4-5b7a-4c8e-9d2f-0a1b2c3d4e5f";

/** What an HTTP test works with: the running simulator, the client and a session of the full member. */
export interface HttpHarness {
  readonly sim: RunningSimulator;
  readonly cw: ConnectWise;
  readonly credentials: Credentials;
  readonly connection: Connection;
  readonly session: ConnectWiseSession;
}

/** Runs `body` against a simulator seeded with the contract world (or `seed`), then stops it. */
export async function withSimulator(
  options: {
    sim?: SimulatorOptions;
    seed?: SimState;
    client?: Partial<ConnectWiseClientOptions>;
  },
  body: (h: HttpHarness) => Promise<void>,
): Promise<void> {
  const sim = serveSimulator({
    ...options.sim,
    seed: options.seed ?? simulatorState(contractWorld()),
  });
  try {
    const cw = createConnectWiseClient({
      clientId: CLIENT_ID,
      allowlist: [sim.hostPort],
      requestsPerMinute: 600_000,
      ...options.client,
    });
    const credentials = credentialsOf(sim.url, MEMBERS.full);
    const connection = connectionOf(sim.url, MEMBERS.full);
    await body({ sim, cw, credentials, connection, session: cw.session(connection) });
  } finally {
    await sim.close();
  }
}
