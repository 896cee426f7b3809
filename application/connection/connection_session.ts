import type { Deps } from "../ports/deps.ts";
import type { Connection } from "../ports/connections.ts";
import type { ConnectWiseSession } from "../ports/connectwise.ts";

/** Every session of a saved connection opens here, so what it learns of the site is kept. */
export function openSession(deps: Deps, connection: Connection): ConnectWiseSession {
  const { mspId } = connection;
  return deps.connectWise.session(connection, {
    codebaseMoved: (codebase) => deps.store.connections.setCodebase(mspId, codebase),
    apiVersionChanged: (version) => deps.store.connections.setApiVersion(mspId, version),
  });
}
