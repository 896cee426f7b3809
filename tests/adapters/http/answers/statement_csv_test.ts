import assert from "node:assert/strict";
import { csvCell } from "../../../../adapters/http/answers/csv.ts";
import { STATEMENT_CSV_HEADER } from "../../../../adapters/http/answers/statement_csv.ts";
import { reportUsage } from "../../../../application/usage/report_usage.ts";
import { connectAndMapProducts, mappedOrganization } from "../../../support/setup.ts";
import { httpWorld, TOKEN } from "../http_world.ts";

const MSP = "msp-a";

/** A strict RFC 4180 reader: CRLF line ends, quoted fields with doubled quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let cell = "";
    if (text[i] === '"') {
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        assert.ok(q >= 0, "unterminated quoted field");
        cell += text.slice(i, q);
        i = q + 1;
        if (text[i] === '"') {
          cell += '"';
          i++;
        } else break;
      }
    } else {
      const end = text.slice(i).search(/,|\r\n/);
      assert.ok(end >= 0, "every line ends with CRLF");
      cell = text.slice(i, i + end);
      assert.ok(!/["\r\n]/.test(cell), `unquoted field with a special character: ${cell}`);
      i += end;
    }
    row.push(cell);
    if (text[i] === ",") i++;
    else if (text.startsWith("\r\n", i)) {
      rows.push(row);
      row = [];
      i += 2;
    } else assert.fail(`unexpected character after a field at ${i}`);
  }
  return rows;
}

async function statementWorld() {
  const w = await httpWorld({ now: "2026-11-20T12:00:00Z" });
  await connectAndMapProducts(w);
  const names = {
    o1: 'Smith, Jones & "Partners"',
    o2: "Line one\nLine two",
    o3: '=HYPERLINK("http://evil","x")',
    o4: "@SUM(A1)",
  };
  const plans = { o1: "core", o2: "lite", o3: "lite", o4: "premium" } as const;
  let extra = 0;
  for (const [id, name] of Object.entries(names)) {
    await mappedOrganization(w, { id, planId: plans[id as keyof typeof plans] });
    const organization = {
      name,
      planId: plans[id as keyof typeof plans],
      licenseType: id === "o4" ? "trial" : "standard",
    } as const;
    // The API refuses a line break in a name now; one stored before still has to be quoted.
    if (name.includes("\n")) await w.deps.store.organizations.save(MSP, { id, ...organization });
    else await w.call("PUT", `/v1/msps/${MSP}/organizations/${id}`, organization);
    await reportUsage(w.deps, {
      mspId: MSP,
      organizationId: id,
      eventId: `ev-${id}`,
      occurredAt: new Date("2026-11-02T10:00:00Z"),
      licenses: 10 + extra++,
      servers: 2,
    });
  }
  return { w, names };
}

async function csvOf(w: Awaited<ReturnType<typeof httpWorld>>, accept = "text/csv") {
  const res = await w.app.request(`/v1/msps/${MSP}/periods/2026-11`, {
    headers: { Authorization: `Bearer ${TOKEN}`, Accept: accept },
  });
  assert.equal(res.status, 200);
  return { type: res.headers.get("Content-Type") ?? "", text: await res.text() };
}

Deno.test("statement CSV: stable header, one row per organization, quoting survives a round trip", async () => {
  const { w, names } = await statementWorld();
  const { type, text } = await csvOf(w);
  assert.match(type, /^text\/csv/);
  const [header, ...rows] = parseCsv(text);
  assert.deepEqual(header, [...STATEMENT_CSV_HEADER]);
  assert.deepEqual(
    header.join(","),
    [
      "organization_id,organization,license_type,company_id,agreement_id,plan",
      "license_product,licenses,server_product,servers,final,company,agreement",
    ].join(","),
  );
  const byId = new Map(rows.map((r) => [r[0], r]));
  assert.equal(rows.length, 4);
  assert.deepEqual(byId.get("o1"), [
    "o1",
    names.o1,
    "standard",
    "100",
    "1000",
    "core",
    "VPN-CORE",
    "10",
    "VPN-CORE-SRV",
    "2",
    "false",
    "Alpha Corp",
    "Alpha MSA",
  ]);
  assert.equal(byId.get("o2")?.[1], names.o2, "a line break inside a quoted field");
  assert.deepEqual(
    byId.get("o2")?.slice(6),
    ["VPN-LITE", "11", "", "", "false", "Alpha Corp", "Alpha MSA"],
    "Lite: no server",
  );
  assert.deepEqual(
    byId.get("o4")?.slice(6, 10),
    ["VPN-PREM", "0", "VPN-PREM-SRV", "0"],
    "trial: 0",
  );
});

Deno.test("statement CSV: cells starting with =, +, - or @ are neutralized", async () => {
  const { w, names } = await statementWorld();
  const rows = parseCsv((await csvOf(w)).text);
  const byId = new Map(rows.map((r) => [r[0], r]));
  assert.equal(byId.get("o3")?.[1], `'${names.o3}`);
  assert.equal(byId.get("o4")?.[1], `'${names.o4}`);
  for (const cell of rows.flat()) assert.ok(!/^[=+\-@]/.test(cell), `formula cell: ${cell}`);
  for (const [input, output] of [["+1", "'+1"], ["-2", "'-2"], ["=A1", "'=A1"], ["@x", "'@x"]]) {
    assert.equal(csvCell(input), output);
  }
  assert.equal(csvCell("=1,2"), `"'=1,2"`, "neutralized and quoted");
  assert.equal(csvCell(-2), "-2", "numbers are numbers");
});

Deno.test("statement: JSON stays the default; Accept text/csv among others picks CSV", async () => {
  const { w } = await statementWorld();
  const json = await csvOf(w, "application/json");
  assert.match(json.type, /^application\/json/);
  const items = JSON.parse(json.text).items as Record<string, unknown>[];
  assert.equal(items.length, 4);
  assert.deepEqual(
    Object.fromEntries(
      ["organizationName", "agreementName", "companyName"].map((k) => [k, items[0][k]]),
    ),
    {
      organizationName: 'Smith, Jones & "Partners"',
      agreementName: "Alpha MSA",
      companyName: "Alpha Corp",
    },
    "the names a person reads, from what the service knows",
  );
  assert.match((await csvOf(w, "application/json;q=0.5, text/csv")).type, /^text\/csv/);
});
