import assert from "node:assert/strict";
import axe from "axe-core";
import { type BrowserContext, chromium, type Page } from "playwright-core";

/** Where Debian's `chromium` package puts the browser; CHROMIUM_PATH overrides. */
export const CHROMIUM = Deno.env.get("CHROMIUM_PATH") ?? "/usr/bin/chromium";

/** Why the browser suite cannot run here, or null when Chromium is installed. */
export function missingBrowser(): string | null {
  try {
    Deno.statSync(CHROMIUM);
    return null;
  } catch {
    return `needs Chromium at ${CHROMIUM} (Debian: apt-get install -y chromium; .ci/run does it)`;
  }
}

/** The widths the suite runs at: a laptop and a phone. */
export const WIDTHS = [1280, 390] as const;

/** The browser's time zone: not UTC, so local times show as local. */
export const TIME_ZONE = "America/New_York";

/**
 * A headless Chromium with a fresh profile at `width` (in English, in
 * New York time), closed (and its profile removed) by `close`.
 */
export async function launchBrowser(width: number = WIDTHS[0]): Promise<
  { context: BrowserContext; close(): Promise<void> }
> {
  const profile = await Deno.makeTempDir({ prefix: "psa_sync_chromium_" });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    // Only so axe-core can be injected: the page's policy refuses inline scripts.
    bypassCSP: true,
    viewport: { width, height: 900 },
    locale: "en-US",
    timezoneId: TIME_ZONE,
    acceptDownloads: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      await Deno.remove(profile, { recursive: true }).catch(() => undefined);
    },
  };
}

/** One axe-core result line: rule, impact, how many nodes. */
export type AxeFinding = { id: string; impact: string | null; nodes: number };

/** Runs axe-core on the page and asserts it finds no violation of any impact. */
export async function checkAccessibility(page: Page, step: string): Promise<AxeFinding[]> {
  await page.addScriptTag({ content: (axe as unknown as { source: string }).source });
  const found = await page.evaluate(async () => {
    // deno-lint-ignore no-explicit-any
    const result = await (globalThis as any).axe.run();
    // deno-lint-ignore no-explicit-any
    return result.violations.map((v: any) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.length,
    }));
  }) as AxeFinding[];
  assert.deepEqual(found, [], `${step}: axe-core found violations`);
  return found;
}

/** Where the suite's screenshots go: SETUP_SCREENSHOTS, else a temporary directory. */
export async function screenshotDirectory(): Promise<string> {
  const dir = Deno.env.get("SETUP_SCREENSHOTS") ??
    await Deno.makeTempDir({ prefix: "psa_sync_screens_" });
  await Deno.mkdir(dir, { recursive: true });
  return dir;
}

/** What every recorded step checks and keeps: axe-core, no sideways scroll, a screenshot. */
export interface Recorder {
  readonly width: number;
  /** Checks the page as it stands and saves its screenshot as `name` (phone: `phone_name`). */
  (page: Page, name: string, options?: { screenshot?: boolean }): Promise<void>;
}

/** The phone screenshots the docs show (every step is still checked at that width). */
const PHONE_SHOTS = new Set(["step1_start", "step2_confirm", "step3_import_refused", "step4_sync"]);

/** A recorder for one width, writing into `dir`; `findings` collects axe-core's per step. */
export function recorder(width: number, dir: string, findings: Record<string, AxeFinding[]>) {
  const record = async (page: Page, name: string, options: { screenshot?: boolean } = {}) => {
    const step = `${name} at ${width} px`;
    findings[step] = await checkAccessibility(page, step);
    const overflow = await page.evaluate<number>(
      "document.documentElement.scrollWidth - document.documentElement.clientWidth",
    );
    assert.ok(overflow <= 0, `${step}: the page scrolls sideways by ${overflow} px`);
    const laptop = width === WIDTHS[0];
    if (options.screenshot === false || (!laptop && !PHONE_SHOTS.has(name))) return;
    const file = laptop ? `${name}.png` : `phone_${name}.png`;
    await page.screenshot({ path: `${dir}/${file}`, fullPage: true });
  };
  return Object.assign(record, { width }) as Recorder;
}
