import assert from "node:assert/strict";
import { httpWorld } from "../http_world.ts";

const ROOT = new URL("../../../", import.meta.url);
const API_MD = new URL("../shared/API.md", ROOT);

function readApiMd(): string | null {
  try {
    return Deno.readTextFileSync(API_MD);
  } catch {
    return null;
  }
}

const apiMd = readApiMd();
if (apiMd === null) {
  console.warn(`SKIPPED the API.md coverage test: ${API_MD.pathname} is absent`);
}

/** Every `| METHOD | \`path\` |` row of the contract's tables. */
function contractOperations(text: string): string[] {
  const rows = text.matchAll(/^\|\s*(GET|PUT|POST|DELETE|PATCH)\s*\|\s*`([^`]+)`/gm);
  return [...rows].map((m) => `${m[1]} ${m[2]}`);
}

/** Every `` `METHOD /path` `` the contract names in its prose (some are not served yet). */
function proseOperations(text: string): string[] {
  const mentions = text.matchAll(/`(GET|PUT|POST|DELETE|PATCH) (\/[^`\s]+)`/g);
  return [...mentions].map((m) => `${m[1]} ${m[2]}`);
}

async function documentOperations(): Promise<Set<string>> {
  const { app } = await httpWorld();
  const doc = await (await app.request("/openapi.json")).json();
  assert.equal(doc.openapi, "3.1.0");
  const ops = new Set<string>();
  for (const [path, item] of Object.entries(doc.paths as Record<string, object>)) {
    for (const method of Object.keys(item)) ops.add(`${method.toUpperCase()} ${path}`);
  }
  return ops;
}

Deno.test({
  name: "every method and path of API.md's tables is in /openapi.json",
  ignore: apiMd === null,
  async fn() {
    const contract = contractOperations(apiMd!);
    assert.ok(contract.length >= 20, `only ${contract.length} rows found in API.md`);
    const documented = await documentOperations();
    const missing = contract.filter((op) => !documented.has(op));
    assert.deepEqual(missing, [], `missing from /openapi.json: ${missing.join(", ")}`);
  },
});

Deno.test({
  name: "the routes API.md names in prose are documented; nothing else beyond its tables and prose",
  ignore: apiMd === null,
  async fn() {
    const documented = await documentOperations();
    const proseOnly = [
      "GET /healthz",
      "GET /metrics",
      "GET /readyz",
      "POST /v1/msps/{msp}/sync/lines/{agreementId}/{productId}/resume",
    ];
    for (const op of proseOnly) assert.ok(documented.has(op), op);
    const contract = new Set([...contractOperations(apiMd!), ...proseOperations(apiMd!)]);
    const extra = [...documented].filter((op) => !contract.has(op)).sort();
    // The finalization progress route comes from the issue, not (yet) from API.md; so do
    // issue 25's redemption by POST, logout and revocation (proposed for API.md).
    assert.deepEqual(extra, [
      "DELETE /v1/msps/{msp}/setup-sessions",
      "GET /v1/periods/{period}/finalization",
      "POST /setup/logout",
      "POST /setup/{link}",
    ]);
  },
});
