/** @jsxImportSource hono/jsx */
import { Layout } from "./layout.tsx";

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

/** Too many links tried from one place in a short time. */
export function SlowDownPage() {
  return (
    <Layout title="Too many attempts">
      <p>Too many setup links were opened from here in a short time. Wait a minute and retry.</p>
    </Layout>
  );
}

/** A setup page asked for without a live session. */
export function NoSessionPage() {
  return (
    <Layout title="Your setup session has ended">
      <p>
        A setup session lasts one hour. Open the ConnectWise setup again from your MSP panel to get
        a new link.
      </p>
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
