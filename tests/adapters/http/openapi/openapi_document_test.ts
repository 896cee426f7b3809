// The HTTP contract, from inside the repository: the routes the app serves, /openapi.json
// (generated from the route schemas) and the routes README.md and docs/ name must agree, so a
// route cannot be added, renamed or dropped in one of them alone.
import assert from "node:assert/strict";
import { httpWorld } from "../http_world.ts";
import {
  documentedRoutes,
  type Mention,
  mentions,
  names,
  type Route,
  servedRoutes,
} from "./route_names.ts";

const ROOT = new URL("../../../../", import.meta.url).pathname;

/** The service's own pages and assets: HTML and files, described in docs/setup_page.md. */
const PAGES = /^[A-Z]+ \/(docs($|\/)|openapi\.json$|setup\/static\/|setup\/msps\/)/;

function docMentions(): Mention[] {
  const files = ["README.md", ...[...Deno.readDirSync(`${ROOT}docs`)].map((e) => `docs/${e.name}`)];
  return files.filter((f) => f.endsWith(".md")).flatMap((file) =>
    mentions(file, Deno.readTextFileSync(`${ROOT}${file}`))
  );
}

const sorted = (routes: Iterable<Route>) => [...routes].sort();

Deno.test("/openapi.json documents exactly the routes the app serves, apart from its pages and assets", async () => {
  const { app } = await httpWorld();
  const served = sorted(servedRoutes(app)).filter((r) => !PAGES.test(r));
  const documented = sorted(await documentedRoutes(app));
  assert.ok(documented.length >= 30, `only ${documented.length} operations documented`);
  assert.deepEqual(
    served.filter((r) => !documented.includes(r)),
    [],
    "served, not in /openapi.json",
  );
  assert.deepEqual(
    documented.filter((r) => !served.includes(r)),
    [],
    "in /openapi.json, not served",
  );
});

Deno.test("every route README.md and docs/ name is one the app serves", async () => {
  const { app } = await httpWorld();
  const served = [...servedRoutes(app)];
  const found = docMentions();
  assert.ok(found.length >= 50, `only ${found.length} routes named in the docs`);
  const unknown = found.filter((m) => !served.some((r) => names(m, r)));
  assert.deepEqual(unknown.map((m) => `${m.file}: ${m.method} ${m.path}`), []);
});

Deno.test("every operation of /openapi.json is named in README.md or docs/", async () => {
  const { app } = await httpWorld();
  const found = docMentions();
  const unnamed = sorted(await documentedRoutes(app)).filter((r) =>
    !found.some((m) => names(m, r))
  );
  assert.deepEqual(unnamed, []);
});

Deno.test("route names: a shortened or sampled mention names its route; another does not", () => {
  const mention = (method: string, path: string): Mention => ({ file: "x.md", method, path });
  const sync = "POST /v1/msps/{msp}/sync";
  assert.equal(names(mention("POST", "/v1/msps/{msp}/sync"), sync), true);
  assert.equal(names(mention("POST", ".../sync"), sync), true);
  assert.equal(names(mention("POST", "/v1/msps/acme-msp/sync"), sync), true);
  assert.equal(names(mention("GET", "/v1/msps/{msp}/sync"), sync), false, "method");
  assert.equal(names(mention("POST", "/v1/msps/{msp}/synch"), sync), false, "path");
  assert.equal(names(mention("POST", "/v1/{msp}/sync"), sync), false, "a whole path is whole");
  assert.equal(names(mention("POST", "/v1/msps/{msp}/{x}"), sync), false, "literal segment");
  assert.deepEqual(mentions("x.md", "`GET /v1/plans?limit=1` and\nPUT /v1/plans/lite HTTP/1.1"), [
    { file: "x.md", method: "GET", path: "/v1/plans" },
    { file: "x.md", method: "PUT", path: "/v1/plans/lite" },
  ]);
});
