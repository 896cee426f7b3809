import type { Deps } from "../ports/deps.ts";
import type { Connection } from "../ports/connections.ts";
import type { ConnectWiseSession } from "../ports/connectwise.ts";

/**
 * A ConnectWise session of a saved connection that keeps what it learns about the site on the
 * connection: the codebase ConnectWise moved it to, the API version it answers. Every session of a
 * saved connection opens here.
 */
export function openSession(deps: Deps, connection: Connection): ConnectWiseSession {
  const { mspId } = connection;
  return deps.connectWise.session(connection, {
    codebaseMoved: (codebase) => deps.store.connections.setCodebase(mspId, codebase),
    apiVersionChanged: (version) => deps.store.connections.setApiVersion(mspId, version),
  });
}
