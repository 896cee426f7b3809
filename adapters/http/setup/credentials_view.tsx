/** @jsxImportSource hono/jsx */
import type { ConnectionView } from "../../../application/connection/connection.ts";
import type { Permission } from "../../../domain/permissions.ts";
import { CredentialsForm } from "./credentials_form.tsx";
import { ErrorBox, Layout, Notice } from "./layout.tsx";
import { stepUrl } from "./steps.ts";
import type { Frame } from "./page_frame.ts";
import type { PageContext, ShownError } from "./page_context.ts";
import { PermissionReport, REQUIRED_ROLE } from "./permission_report.tsx";
import { When } from "./time.tsx";
import { Disconnect, KeysHelp } from "./credentials_help.tsx";

/** What step 1 shows besides the form. */
export interface CredentialsState {
  connection: ConnectionView | null;
  error?: ShownError;
  /** The report of a refused connection (a read area missing). */
  refusedReport?: readonly Permission[];
  notice?: string;
  typed?: { siteUrl: string; companyId: string; publicKey: string };
}

function Connected(props: { ctx: PageContext; connection: ConnectionView }) {
  const { connection } = props;
  return (
    <section aria-labelledby="current" class="card">
      <h2 id="current">Connected</h2>
      <dl class="facts">
        <dt>Site</dt>
        <dd>{connection.siteUrl}</dd>
        {connection.apiUrl !== connection.siteUrl && (
          <>
            <dt>API calls go to</dt>
            <dd>{connection.apiUrl}</dd>
          </>
        )}
        <dt>ConnectWise API</dt>
        <dd>
          {connection.apiVersion ? `version ${connection.apiVersion}, ` : ""}codebase{" "}
          {connection.codebase}
        </dd>
        <dt>Company ID</dt>
        <dd>{connection.companyId}</dd>
        <dt>Public key</dt>
        <dd>{connection.publicKey}</dd>
        <dt>Connected</dt>
        <dd>
          <When at={connection.connectedAt} />
        </dd>
      </dl>
      {connection.attention && <p class="warn">Pushes are paused: {connection.attention}</p>}
      <PermissionReport permissions={connection.permissions} />
      <p>
        <a href={stepUrl(props.ctx.mspId, "products")}>Next: map products</a>
      </p>
    </section>
  );
}

export function CredentialsView(
  props: { ctx: PageContext; frame: Frame; state: CredentialsState },
) {
  const { ctx, state } = props;
  const { connection } = state;
  const typed = state.typed ?? connection ?? { siteUrl: "", companyId: "", publicKey: "" };
  const error = state.error;
  const invalid = (field: string) => error?.details.some((d) => d.path === field) || undefined;
  return (
    <Layout
      title="1. ConnectWise credentials"
      frame={props.frame}
      step="credentials"
      canonical={ctx.canonical}
    >
      <Notice text={state.notice} />
      <ErrorBox message={error?.message} details={error?.details.map((d) => d.message)} />
      {state.refusedReport && <PermissionReport permissions={state.refusedReport} />}
      {connection && <Connected ctx={ctx} connection={connection} />}
      {!connection && <KeysHelp />}
      {!connection && !state.refusedReport && <PermissionReport permissions={REQUIRED_ROLE} />}
      <CredentialsForm
        action={stepUrl(ctx.mspId, "credentials")}
        csrf={ctx.csrf}
        replacing={connection !== null}
        typed={typed}
        invalid={invalid}
      />
      {connection && <Disconnect ctx={ctx} />}
    </Layout>
  );
}
