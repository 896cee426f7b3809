import { createConnectWiseClient } from "../../adapters/connectwise/connectwise_client.ts";
import type { MemoryConnectWiseData } from "../../adapters/memory/memory_connectwise.ts";
import { serveSimulator } from "../connectwise_simulator/simulator.ts";
import { createState, type SimState } from "../connectwise_simulator/sim_state.ts";
import { connectWiseData, CREDENTIALS } from "../support/fixtures.ts";
import type { Backend } from "./connectwise_backends.ts";

/** The integration's clientId the simulator insists on. */
const CLIENT_ID = "3fa85f64-5717-4562-b3fc-2c963f66afa6";
const PRODUCT_TYPE = { id: 1, name: "Non-Inventory", inactiveFlag: false };
const SUBCATEGORY = {
  id: 1,
  name: "Cloud",
  inactiveFlag: false,
  category: { id: 1, name: "Services" },
};

/** The fixture ConnectWise (same as the memory stand-in's) in ConnectWise's own shapes. */
function seed(data: MemoryConnectWiseData): SimState {
  return createState({
    members: data.members.map((m) => ({ ...m })),
    companyTypes: data.types.map((t) => ({ ...t })),
    companyStatuses: data.statuses.map((s) => ({ ...s })),
    companies: data.companies.map((c) => ({ ...c, types: c.types.map((t) => ({ ...t })) })),
    agreements: data.agreements.map((a) => ({
      id: a.id,
      name: a.name,
      type: a.type === null ? null : { id: 1, name: a.type },
      company: { id: a.companyId },
      cancelledFlag: a.cancelled,
    })),
    catalog: data.products.map((p) => ({
      id: p.id,
      identifier: p.identifier,
      description: p.description,
      customerDescription: p.description,
      inactiveFlag: p.inactive,
      subcategory: { id: SUBCATEGORY.id, name: SUBCATEGORY.name },
      type: { id: PRODUCT_TYPE.id, name: PRODUCT_TYPE.name },
      productClass: "NonInventory",
    })),
    productTypes: [PRODUCT_TYPE],
    subcategories: [SUBCATEGORY],
  });
}

/**
 * The real ConnectWise REST client against the ConnectWise simulator served
 * on 127.0.0.1:0, with the allow-list set to exactly that host:port.
 */
export function simulatorBackend(): Backend {
  const sim = serveSimulator({
    clientId: CLIENT_ID,
    seed: seed(connectWiseData() as MemoryConnectWiseData),
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
