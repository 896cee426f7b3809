import assert from "node:assert/strict";
import { createConnectWiseClient } from "../../../adapters/connectwise/connectwise_client.ts";
import { DomainError } from "../../../domain/errors.ts";

/** What the injected resolver answers; anything else does not resolve. */
const DNS: Record<string, string[]> = {
  "na.myconnectwise.net": ["52.5.10.20", "2600:1f18::10"],
  "api-na.myconnectwise.net": ["52.5.10.21"],
  "connectwise.example.com": ["52.5.10.30"],
  // A cloud site whose sign-in host is public but whose API host is not.
  "eu.myconnectwise.net": ["52.5.10.40"],
  "api-eu.myconnectwise.net": ["10.0.0.9"],
  "loopback.example.com": ["127.0.0.1"],
  "127.0.0.1.nip.io": ["127.0.0.1"],
  "rebind.example.com": ["52.5.10.20", "10.0.0.7"],
  "metadata.example.com": ["169.254.169.254"],
  "private6.example.com": ["fd12:3456::1"],
  "mapped.example.com": ["::ffff:192.168.1.10"],
  "cgnat.example.com": ["100.64.1.1"],
};

function client(calls: string[], lookups: string[] = [], pins: string[] = []) {
  const fetch = (input: string | URL | Request) => {
    calls.push(String(input));
    return Promise.resolve(new Response("{}", { status: 401 }));
  };
  return createConnectWiseClient({
    clientId: "test",
    requestsPerMinute: 600,
    deadlineMs: 1,
    resolveHost: (host) => {
      lookups.push(host);
      return Promise.resolve(DNS[host] ?? []);
    },
    fetch,
    // A resolved name is reached through the pinned fetch (dns_pinning_test.ts checks the address).
    pinnedFetch: (address) => (pins.push(address), fetch),
  });
}

const credentials = (siteUrl: string) => ({
  siteUrl,
  companyId: "acme",
  publicKey: "pub",
  privateKey: "priv",
});

/** Each refused before any request, with code `invalid-site-url`. */
const REFUSED: [string, string][] = [
  ["http://na.myconnectwise.net", "plain http"],
  ["https://127.0.0.1", "loopback"],
  ["https://127.1", "short loopback form"],
  ["https://localhost", "localhost"],
  ["https://app.localhost", "a .localhost name"],
  ["https://[::1]", "IPv6 loopback"],
  ["https://[::]", "IPv6 unspecified"],
  ["https://10.1.2.3", "10/8"],
  ["https://172.16.0.1", "172.16/12 (low end)"],
  ["https://172.31.255.254", "172.16/12 (high end)"],
  ["https://192.168.1.1", "192.168/16"],
  ["https://169.254.169.254", "cloud metadata"],
  ["https://100.64.0.1", "carrier-grade NAT 100.64/10"],
  ["https://0.0.0.0", "unspecified"],
  ["https://user:pass@na.myconnectwise.net", "userinfo"],
  ["https://na.myconnectwise.net@127.0.0.1", "userinfo hiding the real host"],
  ["https://2130706433", "decimal IP"],
  ["https://0x7f000001", "hex IP"],
  ["https://0177.0.0.1", "octal IP"],
  ["https://loopback.example.com", "a name resolving to loopback"],
  ["https://127.0.0.1.nip.io", "a wildcard-DNS name of loopback"],
  ["https://rebind.example.com", "a name with one private address among public ones"],
  ["https://metadata.example.com", "a name resolving to the metadata address"],
  ["https://private6.example.com", "a name resolving to fc00::/7"],
  ["https://mapped.example.com", "a name resolving to a v4-mapped private address"],
  ["https://cgnat.example.com", "a name resolving to 100.64/10"],
  ["https://does-not-resolve.example.com", "a name that does not resolve"],
  ["https://na.myconnectwise.net/v4_6_release", "a path"],
  ["https://na.myconnectwise.net?company=acme", "a query"],
  ["https://na.myconnectwise.net#top", "a fragment"],
  ["https://[fc00::1]", "unique local fc00::/7"],
  ["https://[fd00:ec2::254]", "AWS IPv6 metadata"],
  ["https://[fe80::1]", "IPv6 link-local"],
  ["https://[::ffff:127.0.0.1]", "v4-mapped loopback"],
  ["https://[::ffff:a9fe:a9fe]", "v4-mapped metadata, hex form"],
  ["https://[64:ff9b::a9fe:a9fe]", "NAT64 of the metadata address"],
  ["https://metadata.google.internal", "GCP metadata name"],
  ["https://metadata", "bare metadata name"],
  ["https://intranet", "a single-label name"],
  ["https://na.myconnectwise.net.", "a trailing dot"],
  ["ftp://na.myconnectwise.net", "another scheme"],
  ["not a url", "not a URL"],
];

Deno.test(`site URL guard: ${REFUSED.length} unsafe site URLs are refused with invalid-site-url before any request`, async () => {
  for (const [url, why] of REFUSED) {
    const calls: string[] = [];
    await assert.rejects(client(calls).probe(credentials(url)), (e) => {
      assert.ok(e instanceof DomainError, `${url} (${why}): ${e}`);
      assert.equal(e.code, "invalid-site-url", `${url} (${why})`);
      return true;
    });
    assert.deepEqual(calls, [], `${url} (${why}) reached the network`);
  }
});

Deno.test("site URL guard: a cloud site is guarded, resolved and pinned at its api- host, every call sent there", async () => {
  const [calls, lookups, pins] = [[], [], []] as string[][];
  await assert.rejects(
    client(calls, lookups, pins).probe(credentials("https://na.myconnectwise.net")),
    { code: "connectwise-authentication-failed" },
  );
  assert.deepEqual(calls, [
    "https://api-na.myconnectwise.net/login/companyinfo/acme",
    "https://api-na.myconnectwise.net/v4_6_release/apis/3.0/system/info",
  ]);
  assert.deepEqual(lookups, ["api-na.myconnectwise.net"], "only the host called is resolved");
  assert.deepEqual(pins, ["52.5.10.21"], "pinned to the API host's address, not the site's");
});

Deno.test("site URL guard: an on-premises site is called as given", async () => {
  const [calls, lookups, pins] = [[], [], []] as string[][];
  await assert.rejects(
    client(calls, lookups, pins).probe(credentials("https://connectwise.example.com")),
    { code: "connectwise-authentication-failed" },
  );
  assert.deepEqual(calls, [
    "https://connectwise.example.com/login/companyinfo/acme",
    "https://connectwise.example.com/v4_6_release/apis/3.0/system/info",
  ]);
  assert.deepEqual([lookups, pins], [["connectwise.example.com"], ["52.5.10.30"]]);
});

Deno.test("site URL guard: a cloud site whose api- host resolves to a private address is refused, naming that host", async () => {
  const calls: string[] = [];
  await assert.rejects(client(calls).probe(credentials("https://eu.myconnectwise.net")), {
    code: "invalid-site-url",
    message:
      /host "api-eu\.myconnectwise\.net" \(the API host of eu\.myconnectwise\.net\) resolves to a non-public address \(10\.0\.0\.9\)/,
  });
  assert.deepEqual(calls, []);
});

Deno.test("site URL guard: sessions are guarded too", async () => {
  const calls: string[] = [];
  const session = client(calls).session({
    ...credentials("https://loopback.example.com"),
    mspId: "m",
    codebase: "v4_6_release/",
    apiVersion: null,
    permissions: [],
    connectedAt: new Date(0),
    attention: null,
  });
  await assert.rejects(session.companies.types(), { code: "invalid-site-url" });
  assert.deepEqual(calls, []);
});

Deno.test("site URL guard: IPv4-compatible, IPv4-translated, 6to4 and local NAT64 forms of private addresses are refused", async () => {
  for (
    const url of [
      "https://[::127.0.0.1]",
      "https://[::ffff:0:7f00:1]",
      "https://[2002:a00:1::1]",
      "https://[64:ff9b:1::a00:1]",
      "https://[fec0::1]",
    ]
  ) {
    await assert.rejects(client([]).probe(credentials(url)), { code: "invalid-site-url" }, url);
  }
});
