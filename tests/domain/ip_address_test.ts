import assert from "node:assert/strict";
import { isForbiddenAddress, isIpLiteral } from "../../domain/ip_address.ts";

const FORBIDDEN: Readonly<Record<string, readonly string[]>> = {
  "0.0.0.0/8 (this network)": ["0.0.0.0", "0.255.255.255"],
  "10.0.0.0/8 (private)": ["10.0.0.0", "10.255.255.255"],
  "100.64.0.0/10 (carrier-grade NAT)": ["100.64.0.0", "100.127.255.255", "100.100.100.200"],
  "127.0.0.0/8 (loopback)": ["127.0.0.1", "127.255.255.254"],
  "169.254.0.0/16 (link-local, metadata)": ["169.254.0.1", "169.254.169.254"],
  "172.16.0.0/12 (private)": ["172.16.0.0", "172.31.255.255"],
  "192.0.0.0/24 (IETF protocol assignments)": ["192.0.0.0", "192.0.0.255"],
  "192.168.0.0/16 (private)": ["192.168.0.0", "192.168.255.255"],
  "198.18.0.0/15 (benchmarking)": ["198.18.0.0", "198.19.255.255"],
  "224.0.0.0/4 (multicast)": ["224.0.0.1", "239.255.255.255"],
  "240.0.0.0/4 (reserved, broadcast)": ["240.0.0.1", "255.255.255.255"],
  ":: (unspecified)": ["::", "0:0:0:0:0:0:0:0"],
  "::1 (loopback)": ["::1", "[::1]", "0:0:0:0:0:0:0:1"],
  "::ffff:0:0/96 (IPv4-mapped private)": [
    "::ffff:127.0.0.1",
    "::ffff:7f00:1",
    "::ffff:10.0.0.1",
    "::ffff:169.254.169.254",
  ],
  "64:ff9b::/96 (NAT64 of a private address)": ["64:ff9b::10.0.0.1", "64:ff9b::a9fe:a9fe"],
  "fc00::/7 (unique local, AWS metadata)": ["fc00::1", "fd00:ec2::254", "fdff:ffff::1"],
  "fe80::/10 (link-local)": ["fe80::1", "fe80::1%eth0", "febf::1"],
  "ff00::/8 (multicast)": ["ff02::1", "ff05::1:3"],
};

for (const [range, addresses] of Object.entries(FORBIDDEN)) {
  Deno.test(`ip address: ${range} is forbidden`, () => {
    for (const address of addresses) assert.equal(isForbiddenAddress(address), true, address);
  });
}

Deno.test("ip address: the neighbours just outside the private ranges are allowed", () => {
  for (
    const address of [
      "9.255.255.255",
      "11.0.0.0",
      "100.63.255.255",
      "100.128.0.0",
      "126.255.255.255",
      "128.0.0.0",
      "169.253.255.255",
      "169.255.0.0",
      "172.15.255.255",
      "172.32.0.0",
      "192.0.1.0",
      "192.167.255.255",
      "192.169.0.0",
      "198.17.255.255",
      "198.20.0.0",
      "223.255.255.255",
    ]
  ) {
    assert.equal(isForbiddenAddress(address), false, address);
  }
});

Deno.test("ip address: public addresses are allowed", () => {
  for (
    const address of [
      "8.8.8.8",
      "1.1.1.1",
      "2606:4700:4700::1111",
      "::ffff:8.8.8.8",
      "64:ff9b::808:808",
      "2001:4860::1",
    ]
  ) {
    assert.equal(isForbiddenAddress(address), false, address);
  }
});

Deno.test("ip address: text that is not an address counts as forbidden (when in doubt, refuse)", () => {
  for (
    const text of ["", "localhost", "256.0.0.1", "1.2.3", "1.2.3.4.5", "::1::2", "12345::", "g::1"]
  ) {
    assert.equal(isForbiddenAddress(text), true, text);
  }
});

Deno.test("ip address: IPv4 dotted quads and IPv6 texts are address literals, names are not", () => {
  for (
    const text of ["8.8.8.8", "::1", "[::1]", "2001:db8::1", "::ffff:1.2.3.4", "1:2:3:4:5:6:7:8"]
  ) {
    assert.equal(isIpLiteral(text), true, text);
  }
  for (const text of ["example.com", "256.1.1.1", "1.2.3", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9"]) {
    assert.equal(isIpLiteral(text), false, text);
  }
});
