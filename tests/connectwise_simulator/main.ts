// Serves the ConnectWise simulator with demo data: `deno task simulator`.
// Member: company ID `demo`, public key `pub`, private key `priv`; any clientId.
import { serveSimulator } from "./simulator.ts";
import { createState, seedDemo } from "./sim_state.ts";

const port = Number(Deno.env.get("SIMULATOR_PORT") ?? "8787");
const simulator = serveSimulator({ port, seed: seedDemo(createState()) });
console.log(`ConnectWise simulator on ${simulator.url} (codebase v4_6_release/)`);
