import assert from "node:assert/strict";
import { DomainError } from "../../domain/errors.ts";
import { parseSiteUrl } from "../../domain/site_url.ts";

const ALLOWLIST = ["localhost:8080", "127.0.0.1:9000"];

function refused(text: string, reason: RegExp, allowlist: readonly string[] = []): void {
  assert.throws(() => parseSiteUrl(text, allowlist), (error: unknown) => {
    assert.ok(error instanceof DomainError, text);
    assert.equal(error.code, "invalid-site-url", text);
    assert.match(error.message, reason, text);
    return true;
  });
}

Deno.test("site url: an https origin is accepted and reduced to its origin", () => {
  assert.deepEqual(parseSiteUrl(" https://NA.MyConnectWise.net/ "), {
    origin: "https://na.myconnectwise.net",
    hostname: "na.myconnectwise.net",
    hostPort: "na.myconnectwise.net:443",
  });
  assert.equal(
    parseSiteUrl("https://eu.myconnectwise.net:8443").hostPort,
    "eu.myconnectwise.net:8443",
  );
  assert.equal(parseSiteUrl("https://8.8.8.8").origin, "https://8.8.8.8");
});

Deno.test("site url: only https:// is allowed", () => {
  for (
    const text of [
      "http://na.myconnectwise.net",
      "ftp://na.myconnectwise.net",
      "javascript:alert(1)",
    ]
  ) {
    refused(text, /only https:\/\/ is allowed/);
  }
});

Deno.test("site url: text that is not a URL fails with invalid-site-url", () => {
  refused("na.myconnectwise.net", /not a URL/);
  refused("", /not a URL/);
});

Deno.test("site url: credentials (user info) in the URL are refused", () => {
  for (
    const text of [
      "https://user:pass@na.myconnectwise.net",
      "https://user@na.myconnectwise.net",
      "https://@na.myconnectwise.net",
    ]
  ) {
    refused(text, /credentials/);
  }
});

Deno.test("site url: a path, query or fragment is refused", () => {
  for (
    const text of [
      "https://na.myconnectwise.net/v4_6_release/apis/3.0",
      "https://na.myconnectwise.net?company=acme",
      "https://na.myconnectwise.net/?",
      "https://na.myconnectwise.net#top",
      "https://na.myconnectwise.net/#",
    ]
  ) {
    refused(text, /no path, query or fragment/);
  }
});

Deno.test("site url: loopback, private, link-local and metadata literals are refused", () => {
  for (
    const text of [
      "https://127.0.0.1",
      "https://127.1",
      "https://2130706433",
      "https://0x7f.0.0.1",
      "https://10.1.2.3",
      "https://172.16.0.1",
      "https://192.168.1.1",
      "https://169.254.169.254",
      "https://100.100.100.200",
      "https://[::1]",
      "https://[::ffff:127.0.0.1]",
      "https://[fe80::1]",
      "https://[fd00:ec2::254]",
      "https://0.0.0.0",
    ]
  ) {
    refused(text, /loopback, private, link-local or metadata address/);
  }
});

Deno.test("site url: local and metadata names are refused", () => {
  for (
    const text of [
      "https://localhost",
      "https://api.localhost",
      "https://metadata",
      "https://metadata.google.internal",
      "https://na.myconnectwise.net.",
    ]
  ) {
    refused(text, /local or metadata name/);
  }
});

Deno.test("site url: a single-label host is not a public domain name", () => {
  refused("https://intranet", /not a public domain name/);
});

Deno.test("site url: an allow-listed host:port may use http and skips the address rules", () => {
  assert.equal(parseSiteUrl("http://localhost:8080", ALLOWLIST).origin, "http://localhost:8080");
  assert.equal(parseSiteUrl("https://localhost:8080", ALLOWLIST).origin, "https://localhost:8080");
  assert.equal(parseSiteUrl("http://127.0.0.1:9000", ALLOWLIST).hostPort, "127.0.0.1:9000");
});

Deno.test("site url: the allow-list names host and port: another port of the same host is not allowed, and the refusal says so", () => {
  const listed =
    /localhost is on the allow-list \(CONNECTWISE_HOST_ALLOWLIST\) with port 8080, not 8081$/;
  refused(
    "http://localhost:8081",
    /^Site URL is not accepted: only https:\/\/ is allowed; /,
    ALLOWLIST,
  );
  refused("http://localhost:8081", listed, ALLOWLIST);
  refused(
    "https://localhost:8081",
    /local or metadata name; localhost is on the allow-list/,
    ALLOWLIST,
  );
  refused(
    "http://127.0.0.1:8787",
    /127\.0\.0\.1 is on the allow-list .* port 9000, not 8787$/,
    ALLOWLIST,
  );
  refused("http://na.myconnectwise.net", /only https:\/\/ is allowed$/, ALLOWLIST);
});

Deno.test("site url: an allow-listed host still has no path, query or credentials", () => {
  refused("http://localhost:8080/v4_6_release", /no path/, ALLOWLIST);
  refused("http://localhost:8080?x=1", /no path/, ALLOWLIST);
  refused("http://user:pw@localhost:8080", /credentials/, ALLOWLIST);
});

Deno.test("site url: the error names the site URL field", () => {
  assert.throws(() => parseSiteUrl("http://na.myconnectwise.net"), {
    code: "invalid-site-url",
    details: [{ path: "siteUrl", message: "only https:// is allowed" }],
  });
});
