/** @jsxImportSource hono/jsx */
import { Csrf } from "./layout.tsx";
import { stepUrl } from "./steps.ts";
import type { PageContext } from "./page_context.ts";

/** Where the keys come from, before anyone has to ask. */
export function KeysHelp() {
  return (
    <section aria-labelledby="keys" class="card help">
      <h2 id="keys">Where the API keys are made</h2>
      <ol>
        <li>
          In ConnectWise PSA, open <strong>System &gt; Members &gt; API Members</strong>{" "}
          and add an API member for psa-sync (or open the one you have).
        </li>
        <li>
          Give it a security role with the grants in the table below, each at level{" "}
          <strong>All</strong>: with "My", ConnectWise shows the member only its own records.
        </li>
        <li>
          On the member's <strong>API Keys</strong>{" "}
          tab, add a key. ConnectWise shows the public and the private key once: copy both here.
        </li>
      </ol>
    </section>
  );
}

/** Disconnecting: what stops and what stays, next to the button. */
export function Disconnect(props: { ctx: PageContext }) {
  return (
    <form
      method="post"
      action={`${stepUrl(props.ctx.mspId, "credentials")}/disconnect`}
      class="card danger"
      aria-labelledby="disconnect"
    >
      <h2 id="disconnect">Disconnect from ConnectWise</h2>
      <Csrf token={props.ctx.csrf} />
      <p>
        <strong>What stops:</strong>{" "}
        psa-sync no longer reads or writes your ConnectWise: pushes stop, and the lookups of steps 2
        and 3 stop working. The saved keys are deleted.
      </p>
      <p>
        <strong>What stays:</strong>{" "}
        product and company mappings, organizations, usage, statements and the audit log. The
        additions in ConnectWise keep their last quantities, and ConnectWise goes on invoicing them.
        Connect again (with these or new keys) and psa-sync pushes what changed meanwhile.
      </p>
      <button type="submit" class="secondary">Disconnect</button>
    </form>
  );
}
