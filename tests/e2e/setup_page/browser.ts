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

/** A headless Chromium with a fresh profile, closed (and its profile removed) by `close`. */
export async function launchBrowser(): Promise<
  { context: BrowserContext; close(): Promise<void> }
> {
  const profile = await Deno.makeTempDir({ prefix: "psa_sync_chromium_" });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    // Only so axe-core can be injected: the page's policy refuses inline scripts.
    bypassCSP: true,
    viewport: { width: 1280, height: 900 },
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

/** Runs axe-core on the page; returns every violation and asserts none is serious or critical. */
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
  const grave = found.filter((f) => f.impact === "serious" || f.impact === "critical");
  assert.deepEqual(grave, [], `${step}: axe-core found serious or critical violations`);
  return found;
}

/** Where the suite's screenshots go: SETUP_SCREENSHOTS, else a temporary directory. */
export async function screenshotDirectory(): Promise<string> {
  const dir = Deno.env.get("SETUP_SCREENSHOTS") ??
    await Deno.makeTempDir({ prefix: "psa_sync_screens_" });
  await Deno.mkdir(dir, { recursive: true });
  return dir;
}
