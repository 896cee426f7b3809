/** @jsxImportSource hono/jsx */
import { Csrf } from "./layout.tsx";

/** The private key is never sent back: only the other fields keep what was typed. */
export function CredentialsForm(
  props: {
    action: string;
    csrf: string;
    replacing: boolean;
    typed: { siteUrl: string; companyId: string; publicKey: string };
    invalid: (field: string) => true | undefined;
  },
) {
  return (
    <form method="post" action={props.action} class="card">
      <h2>{props.replacing ? "Replace the credentials" : "Connect to ConnectWise"}</h2>
      <Csrf token={props.csrf} />
      <label for="siteUrl">Site URL</label>
      <input
        id="siteUrl"
        name="siteUrl"
        type="url"
        required
        value={props.typed.siteUrl}
        placeholder="https://na.myconnectwise.net"
        aria-invalid={props.invalid("siteUrl")}
      />
      <p class="hint">The address you sign in to ConnectWise at, without a path.</p>
      <label for="companyId">Company ID</label>
      <input
        id="companyId"
        name="companyId"
        required
        value={props.typed.companyId}
        autocomplete="organization"
        aria-invalid={props.invalid("companyId")}
      />
      <KeyFields publicKey={props.typed.publicKey} invalid={props.invalid} />
      <button type="submit">Check and save</button>
    </form>
  );
}

/** The API member's keys: the private one is never sent back. */
function KeyFields(props: { publicKey: string; invalid: (field: string) => true | undefined }) {
  return (
    <>
      <label for="publicKey">Public key</label>
      <input
        id="publicKey"
        name="publicKey"
        required
        value={props.publicKey}
        autocomplete="off"
        aria-invalid={props.invalid("publicKey")}
      />
      <label for="privateKey">Private key</label>
      <input
        id="privateKey"
        name="privateKey"
        type="password"
        required
        autocomplete="new-password"
        aria-invalid={props.invalid("privateKey")}
      />
      <p class="hint">Stored encrypted; never shown again, not even here.</p>
    </>
  );
}
