import type { Permission } from "../../domain/permissions.ts";

/** What the MSP types in to connect; the private key is secret. */
export interface Credentials {
  /** The checked origin, e.g. `https://na.myconnectwise.net`. */
  readonly siteUrl: string;
  readonly companyId: string;
  readonly publicKey: string;
  readonly privateKey: string;
}

/** A saved, checked connection of one MSP to its ConnectWise. */
export interface Connection extends Credentials {
  readonly mspId: string;
  /** e.g. `v4_6_release/`; found again when ConnectWise moves the site to another. */
  readonly codebase: string;
  /** The `api-current-version` ConnectWise last answered; null until it sends one. */
  readonly apiVersion: string | null;
  readonly permissions: readonly Permission[];
  readonly connectedAt: Date;
  /** Set when ConnectWise refused the credentials (401/403) after connecting. */
  readonly attention: string | null;
}

/** Saved connections. Adapters keep the private key encrypted at rest. */
export interface Connections {
  get(mspId: string): Promise<Connection | undefined>;
  save(connection: Connection): Promise<void>;
  delete(mspId: string): Promise<boolean>;
  setAttention(mspId: string, reason: string | null): Promise<void>;
  /** Nothing when there is no connection. */
  setCodebase(mspId: string, codebase: string): Promise<void>;
  /** Nothing when there is no connection. */
  setApiVersion(mspId: string, version: string): Promise<void>;
}
