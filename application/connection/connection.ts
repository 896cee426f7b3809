import { apiOriginOf } from "../../domain/api_host.ts";
import { DomainError, NotFoundError } from "../../domain/errors.ts";
import { missingAreas, type Permission } from "../../domain/permissions.ts";
import { parseSiteUrl } from "../../domain/site_url.ts";
import type { Deps } from "../ports/deps.ts";
import { openSession } from "./connection_session.ts";
import { markMspDirty } from "../lines/mark_dirty.ts";
import type { Connection, Credentials } from "../ports/connections.ts";
import type { ConnectWiseSession, SiteBreaker } from "../ports/connectwise.ts";

/** A connection as it may be shown: never the private key. */
export interface ConnectionView {
  /** The site the MSP gave, e.g. `https://na.myconnectwise.net`. */
  readonly siteUrl: string;
  /** Where the API is called: a cloud site's `api-` host, else the site. */
  readonly apiUrl: string;
  readonly companyId: string;
  readonly publicKey: string;
  readonly codebase: string;
  /** The `api-current-version` ConnectWise last answered; null until it sends one. */
  readonly apiVersion: string | null;
  readonly permissions: readonly Permission[];
  readonly connectedAt: Date;
  readonly attention: string | null;
  /** The site's circuit breaker in this process: whether background pushes are paused. */
  readonly breaker: SiteBreaker;
}

const CLOSED: SiteBreaker = { state: "closed", failures: 0, retryAt: null };

function view(deps: Deps, c: Connection): ConnectionView {
  const { siteUrl, companyId, publicKey, codebase, apiVersion, permissions, connectedAt } = c;
  return {
    siteUrl,
    apiUrl: apiOriginOf(siteUrl),
    companyId,
    publicKey,
    codebase,
    apiVersion,
    permissions,
    connectedAt,
    attention: c.attention,
    breaker: deps.connectWise.breaker?.(siteUrl) ?? CLOSED,
  };
}

/** Saves nothing when authentication fails or a read permission is missing. */
export async function connect(
  deps: Deps,
  input: { mspId: string; credentials: Credentials },
): Promise<ConnectionView> {
  const site = parseSiteUrl(input.credentials.siteUrl, deps.settings.hostAllowlist);
  const credentials = { ...input.credentials, siteUrl: site.origin };
  for (const field of ["companyId", "publicKey", "privateKey"] as const) {
    if (credentials[field].trim() === "") {
      throw new DomainError("invalid-credentials", `${field} is required`, {
        details: [{ path: field, message: "required" }],
      });
    }
  }
  const probe = await deps.connectWise.probe(credentials);
  const missing = missingAreas(probe.permissions);
  if (missing.length > 0) {
    throw new DomainError(
      "connectwise-permissions-missing",
      `The API member lacks inquire permission for: ${missing.join(", ")}`,
      { details: missing.map((area) => ({ path: "permissions", message: `${area}: inquire` })) },
    );
  }
  const connection: Connection = {
    ...credentials,
    mspId: input.mspId,
    codebase: probe.codebase,
    apiVersion: probe.apiVersion,
    permissions: probe.permissions,
    connectedAt: deps.clock.now(),
    attention: null,
  };
  await deps.store.connections.save(connection);
  await markMspDirty(deps, input.mspId); // a new or repaired connection resumes pushes
  return view(deps, connection);
}

export async function getConnection(deps: Deps, mspId: string): Promise<ConnectionView> {
  return view(deps, await requireConnection(deps, mspId));
}

/** Forgets the connection: pushes stop, mappings stay. */
export async function disconnect(deps: Deps, mspId: string): Promise<void> {
  if (!(await deps.store.connections.delete(mspId))) throw notConnected(mspId);
}

export async function requireConnection(deps: Deps, mspId: string): Promise<Connection> {
  const connection = await deps.store.connections.get(mspId);
  if (!connection) throw notConnected(mspId);
  return connection;
}

export async function sessionFor(deps: Deps, mspId: string): Promise<ConnectWiseSession> {
  return openSession(deps, await requireConnection(deps, mspId));
}

function notConnected(mspId: string): NotFoundError {
  return new NotFoundError(
    "connectwise-not-connected",
    `MSP "${mspId}" has no ConnectWise connection`,
  );
}
