/** @jsxImportSource hono/jsx */
import type { Child } from "hono/jsx";
import type { Frame } from "./page_frame.ts";
import { STEPS, type StepSlug, stepUrl } from "./steps.ts";

function ConnectionBadge(props: { frame: Frame }) {
  const c = props.frame.connection;
  if (c.state === "not-connected") return <span class="badge todo">Not connected</span>;
  if (c.state === "attention") {
    return <span class="badge warn" title={c.attention}>Needs attention: pushes paused</span>;
  }
  return <span class="badge ok">Connected</span>;
}

/** Who this page is for: the MSP, its ConnectWise site and the connection's state. */
function Identity(props: { frame: Frame }) {
  const c = props.frame.connection;
  return (
    <dl class="identity">
      <div>
        <dt>MSP</dt>
        <dd>{props.frame.mspId}</dd>
      </div>
      <div>
        <dt>ConnectWise</dt>
        <dd>
          {c.state === "not-connected"
            ? "not set up yet"
            : `${new URL(c.siteUrl).host}, company ${c.companyId}`}
        </dd>
      </div>
      <div>
        <dt>Connection</dt>
        <dd>
          <ConnectionBadge frame={props.frame} />
        </dd>
      </div>
    </dl>
  );
}

/** The four steps as a progress indicator: each done or to do, the current one marked. */
function Progress(props: { mspId: string; step?: StepSlug; done?: Frame["done"] }) {
  return (
    <nav aria-label="Setup steps" class="progress">
      <ol>
        {STEPS.map((s, i) => {
          const done = props.done?.[s.slug];
          return (
            <li class={done ? "done" : "todo"}>
              <a
                href={stepUrl(props.mspId, s.slug)}
                aria-current={s.slug === props.step ? "step" : undefined}
              >
                <span class="mark" aria-hidden="true">{done ? "✓" : String(i + 1)}</span>
                <span class="name">{s.name}</span>
                {done !== undefined && <span class="state">{done ? "Done" : "To do"}</span>}
              </a>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

/** Header, progress, skip link, the service's own script and styles. */
export function Layout(
  props: {
    title: string;
    /** The MSP's header and progress; without it (an error page) only the MSP's id. */
    frame?: Frame;
    mspId?: string;
    step?: StepSlug;
    /** The URL the address bar should show (the link is spent once the page is shown). */
    canonical?: string;
    children: Child;
  },
) {
  const mspId = props.frame?.mspId ?? props.mspId;
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
        <header class="top">
          <div class="bar">
            <p class="brand">
              psa-sync <span>ConnectWise billing setup</span>
            </p>
            {props.frame
              ? <Identity frame={props.frame} />
              : mspId && <p class="identity">MSP {mspId}</p>}
            {mspId && (
              // The service checks the form's Origin: logging out needs no token.
              <form method="post" action="/setup/logout" class="logout">
                <button type="submit">Log out</button>
              </form>
            )}
          </div>
          {mspId && <Progress mspId={mspId} step={props.step} done={props.frame?.done} />}
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

export function Csrf(props: { token: string }) {
  return <input type="hidden" name="_csrf" value={props.token} />;
}
