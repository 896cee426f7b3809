/** @jsxImportSource hono/jsx */
import type { ConnectionView } from "../../../application/connection.ts";
import type { Permission } from "../../../domain/permissions.ts";
import { Csrf, ErrorBox, Layout, Notice, stepUrl } from "./layout.tsx";
import type { PageContext, ShownError } from "./page_context.ts";
import { PermissionReport } from "./permission_report.tsx";

/** What step 1 shows besides the form. */
export interface CredentialsState {
  connection: ConnectionView | null;
  error?: ShownError;
  /** The report of a refused connection (a read area missing). */
  refusedReport?: readonly Permission[];
  notice?: string;
  typed?: { siteUrl: string; companyId: string; publicKey: string };
}

/** Step 1: the connection and its permission report, and the credentials form. */
export function CredentialsView(props: { ctx: PageContext; state: CredentialsState }) {
  const { ctx, state } = props;
  const { connection } = state;
  const typed = state.typed ?? connection ?? { siteUrl: "", companyId: "", publicKey: "" };
  return (
    <Layout
      title="1. ConnectWise credentials"
      mspId={ctx.mspId}
      step="credentials"
      canonical={ctx.canonical}
    >
      <Notice text={state.notice} />
      <ErrorBox message={state.error?.message} />
      {state.refusedReport && <PermissionReport permissions={state.refusedReport} />}
      {connection && (
        <section aria-labelledby="current">
          <h2 id="current">Connected</h2>
          <dl>
            <dt>Site</dt>
            <dd>{connection.siteUrl}</dd>
            <dt>Company ID</dt>
            <dd>{connection.companyId}</dd>
            <dt>Public key</dt>
            <dd>{connection.publicKey}</dd>
            <dt>Connected at</dt>
            <dd>{connection.connectedAt.toISOString()}</dd>
          </dl>
          {connection.attention && <p class="warn">Pushes are paused: {connection.attention}</p>}
          <PermissionReport permissions={connection.permissions} />
          <p>
            <a href={stepUrl(ctx.mspId, "products")}>Next: map products</a>
          </p>
        </section>
      )}
      <form method="post" action={stepUrl(ctx.mspId, "credentials")} class="card">
        <h2>{connection ? "Replace the credentials" : "Connect to ConnectWise"}</h2>
        <Csrf token={ctx.csrf} />
        <label for="siteUrl">Site URL</label>
        <input
          id="siteUrl"
          name="siteUrl"
          type="url"
          required
          value={typed.siteUrl}
          placeholder="https://na.myconnectwise.net"
        />
        <label for="companyId">Company ID</label>
        <input
          id="companyId"
          name="companyId"
          required
          value={typed.companyId}
          autocomplete="organization"
        />
        <label for="publicKey">Public key</label>
        <input
          id="publicKey"
          name="publicKey"
          required
          value={typed.publicKey}
          autocomplete="off"
        />
        <label for="privateKey">Private key</label>
        <input
          id="privateKey"
          name="privateKey"
          type="password"
          required
          autocomplete="new-password"
        />
        <button type="submit">Check and save</button>
      </form>
    </Layout>
  );
}
