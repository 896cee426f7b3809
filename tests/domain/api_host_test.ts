import assert from "node:assert/strict";
import { apiOriginOf, apiSiteOf } from "../../domain/api_host.ts";
import { parseSiteUrl } from "../../domain/site_url.ts";

/** The site an MSP types -> the origin its API is called at. */
const TABLE: [string, string][] = [
  ["https://na.myconnectwise.net", "https://api-na.myconnectwise.net"],
  ["https://eu.myconnectwise.net", "https://api-eu.myconnectwise.net"],
  ["https://au.myconnectwise.net", "https://api-au.myconnectwise.net"],
  ["https://aus.myconnectwise.net", "https://api-aus.myconnectwise.net"],
  ["https://za.myconnectwise.net", "https://api-za.myconnectwise.net"],
  ["https://staging.connectwisedev.com", "https://api-staging.connectwisedev.com"],
  // Any case, as parseSiteUrl lower-cases it; a port is kept.
  ["https://NA.MyConnectWise.net", "https://api-na.myconnectwise.net"],
  ["https://eu.myconnectwise.net:8443", "https://api-eu.myconnectwise.net:8443"],
  // Given at the api- host already: as given.
  ["https://api-na.myconnectwise.net", "https://api-na.myconnectwise.net"],
  ["https://api-staging.connectwisedev.com", "https://api-staging.connectwisedev.com"],
  // On-premises sites, and names that only look like a cloud site: as given.
  ["https://connectwise.example.com", "https://connectwise.example.com"],
  ["https://cw.msp.example:8443", "https://cw.msp.example:8443"],
  ["https://myconnectwise.net", "https://myconnectwise.net"],
  ["https://us.myconnectwise.net", "https://us.myconnectwise.net"],
  ["https://na.myconnectwise.net.evil.example", "https://na.myconnectwise.net.evil.example"],
  ["https://evil-na.myconnectwise.net", "https://evil-na.myconnectwise.net"],
  ["https://52.5.10.20", "https://52.5.10.20"],
  ["https://[2600:1f18::10]", "https://[2600:1f18::10]"],
];

Deno.test("api host: each site is called at the origin of the table", () => {
  for (const [typed, api] of TABLE) {
    const site = parseSiteUrl(typed);
    assert.equal(apiSiteOf(site).origin, api, typed);
    assert.equal(apiOriginOf(site.origin), api, typed);
  }
});

Deno.test("api host: the API site names its host and effective port, as the allow-list does", () => {
  assert.deepEqual(apiSiteOf(parseSiteUrl("https://na.myconnectwise.net")), {
    origin: "https://api-na.myconnectwise.net",
    hostname: "api-na.myconnectwise.net",
    hostPort: "api-na.myconnectwise.net:443",
  });
  const allowed = parseSiteUrl("http://za.myconnectwise.net:8080", ["za.myconnectwise.net:8080"]);
  assert.deepEqual(apiSiteOf(allowed), {
    origin: "http://api-za.myconnectwise.net:8080",
    hostname: "api-za.myconnectwise.net",
    hostPort: "api-za.myconnectwise.net:8080",
  });
  const onPremises = parseSiteUrl("https://cw.msp.example");
  assert.equal(apiSiteOf(onPremises), onPremises);
});
