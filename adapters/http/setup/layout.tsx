/** @jsxImportSource hono/jsx */
import type { Child } from "hono/jsx";

/** The four steps of the setup, in order. */
export const STEPS = [
  { slug: "credentials", title: "1. Credentials" },
  { slug: "products", title: "2. Product mapping" },
  { slug: "companies", title: "3. Company import" },
  { slug: "sync", title: "4. Sync and audit" },
] as const;

/** A step's slug. */
export type StepSlug = (typeof STEPS)[number]["slug"];

/** Where a step of the MSP's page lives. */
export function stepUrl(mspId: string, step: StepSlug): string {
  return `/setup/msps/${encodeURIComponent(mspId)}/${step}`;
}

/** The frame of every setup page: step navigation, skip link, the service's own script and styles. */
export function Layout(
  props: {
    title: string;
    mspId?: string;
    step?: StepSlug;
    /** The URL the address bar should show (the link is spent once the page is shown). */
    canonical?: string;
    children: Child;
  },
) {
  const { mspId, step } = props;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title} · psa-sync setup</title>
        <link rel="stylesheet" href="/setup/static/setup.css" />
        <script src="/setup/static/setup.js" defer></script>
      </head>
      <body data-canonical={props.canonical}>
        <a class="skip" href="#main">Skip to the step</a>
        <header>
          <p class="brand">
            psa-sync: ConnectWise billing setup{mspId ? ` for MSP ${mspId}` : ""}
          </p>
          {mspId && (
            // Ends the session; the service checks the form's Origin (no token is needed to log out).
            <form method="post" action="/setup/logout" class="logout">
              <button type="submit">Log out</button>
            </form>
          )}
          {mspId && (
            <nav aria-label="Setup steps">
              <ol>
                {STEPS.map((s) => (
                  <li>
                    <a
                      href={stepUrl(mspId, s.slug)}
                      aria-current={s.slug === step ? "step" : undefined}
                    >
                      {s.title}
                    </a>
                  </li>
                ))}
              </ol>
            </nav>
          )}
        </header>
        <main id="main" tabindex={-1}>
          <h1>{props.title}</h1>
          {props.children}
        </main>
      </body>
    </html>
  );
}

/** A status line announced to screen readers (what an action did). */
export function Notice(props: { text?: string | null }) {
  return props.text ? <p role="status" class="notice">{props.text}</p> : null;
}

/** An error announced at once (what went wrong, and the details per field). */
export function ErrorBox(
  props: { id?: string; message?: string | null; details?: readonly string[] },
) {
  if (!props.message) return null;
  return (
    <div role="alert" class="error" id={props.id}>
      <p>{props.message}</p>
      {props.details && props.details.length > 0 && (
        <ul>{props.details.map((d) => <li key={d}>{d}</li>)}</ul>
      )}
    </div>
  );
}

/** The hidden field every state-changing form carries (CSRF). */
export function Csrf(props: { token: string }) {
  return <input type="hidden" name="_csrf" value={props.token} />;
}
