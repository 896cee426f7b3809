import type { Deps } from "../../../application/ports/deps.ts";
import { listProductMappings } from "../../../application/setup/product_mappings.ts";
import type { StepSlug } from "./steps.ts";

/** The connection as the header shows it. */
export type ConnectionState =
  | { readonly state: "connected"; readonly siteUrl: string; readonly companyId: string }
  | {
    readonly state: "attention";
    readonly siteUrl: string;
    readonly companyId: string;
    readonly attention: string;
  }
  | { readonly state: "not-connected" };

/** What the header of every step shows: the MSP, its ConnectWise, and each step done or not. */
export interface Frame {
  readonly mspId: string;
  readonly connection: ConnectionState;
  readonly done: Readonly<Record<StepSlug, boolean>>;
}

// A line in these states needs nothing from the MSP.
const SETTLED = new Set(["in-sync", "held", "waiting"]);

/** From the service's own store, never ConnectWise: a step is done when it left nothing to do. */
export async function loadFrame(deps: Deps, mspId: string): Promise<Frame> {
  const [connection, products, mappings, lines] = await Promise.all([
    deps.store.connections.get(mspId),
    listProductMappings(deps, mspId),
    deps.store.companyMappings.agreementIds(mspId),
    deps.store.syncLines.list(mspId),
  ]);
  // Only the fields the header shows: the connection also holds the private key.
  const site = connection && { siteUrl: connection.siteUrl, companyId: connection.companyId };
  const state: ConnectionState = !site
    ? { state: "not-connected" }
    : connection?.attention
    ? { state: "attention", ...site, attention: connection.attention }
    : { state: "connected", ...site };
  return {
    mspId,
    connection: state,
    done: {
      credentials: connection !== undefined && connection.attention === null,
      products: products.length > 0 && products.every((p) => p.ready),
      companies: mappings.length > 0,
      sync: lines.length > 0 && lines.every((l) => SETTLED.has(l.status)),
    },
  };
}
