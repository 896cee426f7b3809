/** The four steps of the setup, in order. */
export const STEPS = [
  { slug: "credentials", title: "1. Credentials", name: "Credentials" },
  { slug: "products", title: "2. Product mapping", name: "Products" },
  { slug: "companies", title: "3. Company import", name: "Companies" },
  { slug: "sync", title: "4. Sync and audit", name: "Sync" },
] as const;

export type StepSlug = (typeof STEPS)[number]["slug"];

export function stepUrl(mspId: string, step: StepSlug): string {
  return `/setup/msps/${encodeURIComponent(mspId)}/${step}`;
}
