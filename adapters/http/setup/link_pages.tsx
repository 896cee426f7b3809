/** @jsxImportSource hono/jsx */
import { Layout } from "./layout.tsx";

/** GET and HEAD spend nothing: one button redeems. A session of another MSP is told it ends. */
export function ContinuePage(props: { mspId: string; action: string; replaces?: string }) {
  const { mspId, replaces } = props;
  return (
    <Layout title={`Continue to setup for ${mspId}`}>
      <p>
        This link opens the ConnectWise billing setup for MSP{" "}
        <strong>{mspId}</strong>. It works once: continuing uses it.
      </p>
      {replaces && (
        <div role="alert" class="error">
          <p>
            This browser is in the setup of MSP{" "}
            <strong>{replaces}</strong>. Continuing ends that setup and opens the setup of MSP{" "}
            <strong>{mspId}</strong> instead.
          </p>
          <p>If you did not mean to open another MSP's setup, close this page.</p>
        </div>
      )}
      <form method="post" action={props.action}>
        {replaces && <input type="hidden" name="replace" value={replaces} />}
        <button type="submit">
          {replaces
            ? `End ${replaces}'s setup and continue to ${mspId}`
            : `Continue to setup for ${mspId}`}
        </button>
      </form>
    </Layout>
  );
}

/** A used, expired or unknown link: the same clear page for each. */
export function SpentLinkPage() {
  return (
    <Layout title="This setup link can no longer be used">
      <p>
        A setup link works once, for 10 minutes. This one was already used or has expired.
      </p>
      <p>
        Open the ConnectWise setup again from your MSP panel to get a new link.
      </p>
    </Layout>
  );
}

/** Too many unknown or used links tried from one place in a short time. */
export function SlowDownPage(props: { spent?: boolean }) {
  return (
    <Layout title="Too many attempts">
      <p>Too many unusable setup links were opened from here in a short time.</p>
      {props.spent
        ? (
          <p>
            This link can no longer be used. Wait a minute, then get a new one from your MSP panel.
          </p>
        )
        : <p>Wait a minute and retry.</p>}
    </Layout>
  );
}

/** A setup page asked for without any session cookie: the browser did not send one. */
export function NoCookiePage() {
  return (
    <Layout title="This page did not receive its setup session">
      <p>
        Your browser sent no setup session cookie with this request, so the page cannot tell whose
        setup it is. Open the ConnectWise setup again from your MSP panel to get a new link.
      </p>
      <p>
        If the setup is shown inside a frame of another site, the browser withholds the cookie
        unless psa-sync is configured for that site (SETUP_FRAME_ANCESTORS): open the link in a tab
        of its own instead.
      </p>
    </Layout>
  );
}

/** A setup page asked for with a session that is no longer live. */
export function SessionEndedPage() {
  return (
    <Layout title="Your setup session has ended">
      <p>
        A setup session lasts one hour, and ends sooner when you log out, when another setup link is
        opened in this browser, or when your MSP panel ends it. Open the ConnectWise setup again
        from your MSP panel to get a new link.
      </p>
    </Layout>
  );
}

export function LoggedOutPage() {
  return (
    <Layout title="You are logged out of the setup">
      <p>
        The setup session has ended. Open the ConnectWise setup from your MSP panel to continue.
      </p>
    </Layout>
  );
}

/** A form or a redemption that did not come from the service's own page. */
export function ForbiddenPage() {
  return (
    <Layout title="The form was refused">
      <p>The form did not come from this setup page (its security token is missing or old).</p>
      <p>Go back, reload the page and send it again.</p>
    </Layout>
  );
}

/** Another MSP's page, or no such page: 404, whichever it is. */
export function NotFoundPage() {
  return (
    <Layout title="Page not found">
      <p>There is no such setup page.</p>
    </Layout>
  );
}
