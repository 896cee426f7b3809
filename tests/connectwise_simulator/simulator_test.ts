import assert from "node:assert/strict";
import { createSimulator } from "./simulator.ts";
import { createState, seedDemo } from "./sim_state.ts";

const AUTH = `Basic ${btoa("demo+pub:priv")}`;
const API = "http://sim/v4_6_release/apis/3.0";

function simulator() {
  const sim = createSimulator({ seed: seedDemo(createState()) });
  const call = (path: string, init: RequestInit & { auth?: string; clientId?: string } = {}) =>
    Promise.resolve(sim.handler(
      new Request(`${API}${path}`, {
        ...init,
        headers: {
          ...(init.auth === "" ? {} : { Authorization: init.auth ?? AUTH }),
          ...(init.clientId === "" ? {} : { clientId: init.clientId ?? "test" }),
          "Content-Type": "application/json",
        },
      }),
    ));
  return { sim, call };
}

Deno.test("simulator: Basic auth and the clientId header are both required (401)", async () => {
  const { call } = simulator();
  assert.equal((await call("/system/info")).status, 200);
  assert.equal((await call("/system/info", { clientId: "" })).status, 401);
  assert.equal((await call("/system/info", { auth: "" })).status, 401);
  assert.equal(
    (await call("/system/info", { auth: `Basic ${btoa("demo+pub:nope")}` })).status,
    401,
  );
});

Deno.test("simulator: a role without an area answers 403; a bad condition 400; the plain subcategories path 404", async () => {
  const { sim, call } = simulator();
  sim.state.members.push({
    companyId: "demo",
    publicKey: "ro",
    privateKey: "k",
    areas: ["Table Setup"],
    writes: [],
  });
  const readOnly = `Basic ${btoa("demo+ro:k")}`;
  assert.equal((await call("/company/companies", { auth: readOnly })).status, 403);
  assert.equal((await call("/procurement/types", { auth: readOnly })).status, 200);
  const bad = await call(`/company/companies?conditions=${encodeURIComponent('name ~ "x"')}`);
  assert.equal(bad.status, 400);
  assert.equal((await bad.json()).code, "InvalidObject");
  assert.equal((await call("/procurement/subcategories/")).status, 200);
  assert.equal((await call("/procurement/subcategories")).status, 404);
});

Deno.test("simulator: page-number paging with Link rel=next, pageSize capped at 1000, fields applied", async () => {
  const { sim, call } = simulator();
  for (let i = 6; i <= 1205; i++) {
    sim.state.companies.push({
      id: i,
      identifier: `C${i}`,
      name: `C ${i}`,
      status: null,
      types: [],
    });
  }
  const first = await call("/company/companies?pageSize=5000&fields=id,name");
  const rows = await first.json();
  assert.equal(rows.length, 1000);
  assert.deepEqual(rows[0], { id: 1, name: "Customer 1 Ltd" });
  const next = new URL(first.headers.get("link")?.match(/<([^>]+)>; rel="next"/)?.[1] ?? "x:");
  assert.equal(next.searchParams.get("page"), "2");
  assert.equal(next.searchParams.get("fields"), "id,name", "the link keeps the query");
  const second = await call(next.pathname.slice("/v4_6_release/apis/3.0".length) + next.search);
  assert.equal((await second.json()).length, 205);
  assert.equal(second.headers.get("link"), null);
});

Deno.test("simulator: forward-only paging by pageId (page ignored, orderBy refused); a next link on the last page and malformed links on request", async () => {
  const answer = async (sim: ReturnType<typeof createSimulator>, path: string) => {
    const res = await sim.handler(
      new Request(`${API}${path}`, {
        headers: { Authorization: AUTH, clientId: "test", "pagination-type": "forward-only" },
      }),
    );
    return { status: res.status, link: res.headers.get("link"), rows: await res.json() };
  };
  const plain = createSimulator({ seed: seedDemo(createState()) });
  const first = await answer(plain, "/company/companies?pageSize=2&page=3&fields=id");
  assert.deepEqual(first.rows, [{ id: 1 }, { id: 2 }], "page is ignored");
  assert.match(
    first.link ?? "",
    /^<http:\/\/sim\/v4_6_release\/apis\/3\.0\/company\/companies\?[^>]*pageId=2/,
  );
  const last = await answer(plain, "/company/companies?pageSize=2&pageId=4&fields=id");
  assert.deepEqual([last.rows, last.link], [[{ id: 5 }], null]);
  assert.equal((await answer(plain, "/company/companies?orderBy=id%20asc")).status, 400);

  const quirky = createSimulator({
    seed: seedDemo(createState()),
    nextLinkOnLastPage: true,
    malformedLinks: true,
  });
  const end = await answer(quirky, "/company/companies?pageSize=2&pageId=4&fields=id");
  assert.deepEqual(end.rows, [{ id: 5 }]);
  assert.equal(
    end.link,
    '<http://sim/v4_6_release/apis/3.0/company/companies&pageSize=2&pageId=5&fields=id>; rel="next"',
  );
});

Deno.test("simulator: JSON-Patch replaces a quantity; a leading slash or another op is a 400; an unknown path and the falseOk fault are a false 200; counters by template", async () => {
  const { sim, call } = simulator();
  const patch = async (body: unknown) => {
    const res = await call("/finance/agreements/101/additions/900", {
      method: "PATCH",
      body: JSON.stringify(body),
    });
    return { status: res.status, quantity: (await res.json()).quantity };
  };
  assert.deepEqual(await patch([{ op: "replace", path: "quantity", value: 20 }]), {
    status: 200,
    quantity: 20,
  });
  assert.equal((await patch([{ op: "replace", path: "/quantity", value: 21 }])).status, 400);
  assert.equal((await patch([{ op: "remove", path: "quantity" }])).status, 400);
  // ConnectWise's paths are case-sensitive; one it does not know answers 200 and changes nothing.
  assert.deepEqual(await patch([{ op: "replace", path: "Quantity", value: 22 }]), {
    status: 200,
    quantity: 20,
  });
  sim.faults.enqueue({ falseOk: true }, { method: "PATCH" });
  assert.deepEqual(await patch([{ op: "replace", path: "quantity", value: 23 }]), {
    status: 200,
    quantity: 20,
  });
  assert.equal(sim.state.additions[0].quantity, 20);
  assert.equal((await patch([{ op: "replace", path: "quantity", value: 24 }])).quantity, 24);
  const key = "PATCH /finance/agreements/{id}/additions/{id}";
  assert.equal(sim.counters.attempted(key), 6);
  assert.equal(sim.counters.effective(key), 4, "a false 200 counts as answered");
});

Deno.test("simulator: queued faults play in order, then calls pass again", async () => {
  const { sim, call } = simulator();
  sim.faults.enqueue({ status: 429, retryAfter: 3 }).enqueue({ status: 503 });
  const limited = await call("/system/info");
  assert.equal(limited.status, 429);
  assert.equal(limited.headers.get("retry-after"), "3");
  await limited.body?.cancel();
  const unavailable = await call("/system/info");
  assert.equal(unavailable.status, 503);
  await unavailable.body?.cancel();
  assert.equal((await call("/system/info")).status, 200);
  assert.equal(sim.faults.played, 2);
});
