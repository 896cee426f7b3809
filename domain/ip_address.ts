/** IPv4 ranges a ConnectWise site may never resolve to: [network, prefix length]. */
const FORBIDDEN_V4: readonly [string, number][] = [
  ["0.0.0.0", 8], // "this network", unspecified
  ["10.0.0.0", 8], // private
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8], // loopback
  ["169.254.0.0", 16], // link-local, cloud metadata
  ["172.16.0.0", 12], // private
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.168.0.0", 16], // private
  ["198.18.0.0", 15], // benchmarking
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
];

function v4ToNumber(ip: string): number | null {
  const parts = ip.split(".");
  if (parts.length !== 4) return null;
  let n = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return null;
    n = n * 256 + Number(part);
  }
  return n;
}

function v4Forbidden(n: number): boolean {
  return FORBIDDEN_V4.some(([net, bits]) => {
    const size = 2 ** (32 - bits);
    const base = v4ToNumber(net)!;
    return n >= base && n < base + size;
  });
}

/** Expands an IPv6 text into 8 groups, or null when it is not IPv6. */
function v6Groups(ip: string): number[] | null {
  let text = ip.replace(/^\[|\]$/g, "").split("%")[0].toLowerCase();
  const v4Tail = text.match(/(\d+\.\d+\.\d+\.\d+)$/);
  if (v4Tail) {
    const n = v4ToNumber(v4Tail[1]);
    if (n === null) return null;
    text = text.slice(0, -v4Tail[1].length) +
      `${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const parse = (s: string) => (s === "" ? [] : s.split(":"));
  const head = parse(halves[0]);
  const tail = halves.length === 2 ? parse(halves[1]) : [];
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || missing < 0) return null;
  const groups = [...head, ...Array(halves.length === 2 ? missing : 0).fill("0"), ...tail];
  if (groups.some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return null;
  return groups.map((g) => parseInt(g, 16));
}

function v6Forbidden(g: number[]): boolean {
  const allZeroUpTo = (k: number) => g.slice(0, k).every((x) => x === 0);
  if (allZeroUpTo(8)) return true; // :: unspecified
  if (allZeroUpTo(7) && g[7] === 1) return true; // ::1 loopback
  const v4 = g[6] * 65536 + g[7];
  if (allZeroUpTo(6)) return true; // ::/96, IPv4-compatible (deprecated), e.g. ::127.0.0.1
  if (allZeroUpTo(5) && g[5] === 0xffff) return v4Forbidden(v4); // ::ffff:0:0/96 v4-mapped
  if (allZeroUpTo(4) && g[4] === 0xffff && g[5] === 0) return v4Forbidden(v4); // v4-translated
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) {
    return v4Forbidden(v4); // NAT64 of a v4 address
  }
  if (g[0] === 0x64 && g[1] === 0xff9b && g[2] === 1) return true; // 64:ff9b:1::/48 local NAT64
  if (g[0] === 0x2002) return v4Forbidden(g[1] * 65536 + g[2]); // 6to4 wraps a v4 address
  if ((g[0] & 0xffc0) === 0xfec0) return true; // fec0::/10 site-local (deprecated)
  if ((g[0] & 0xfe00) === 0xfc00) return true; // fc00::/7 unique local (incl. fd00:ec2::254)
  if ((g[0] & 0xffc0) === 0xfe80) return true; // fe80::/10 link-local
  if ((g[0] & 0xff00) === 0xff00) return true; // ff00::/8 multicast
  return false;
}

/** Whether the text is an IP address literal (IPv4 dotted quad or IPv6). */
export function isIpLiteral(text: string): boolean {
  return v4ToNumber(text) !== null || v6Groups(text) !== null;
}

/**
 * Whether an address is loopback, private, link-local, CGNAT, unspecified, multicast, reserved or a
 * cloud metadata address. Unparseable text counts as forbidden: when in doubt, refuse.
 */
export function isForbiddenAddress(ip: string): boolean {
  const v4 = v4ToNumber(ip);
  if (v4 !== null) return v4Forbidden(v4);
  const v6 = v6Groups(ip);
  if (v6 !== null) return v6Forbidden(v6);
  return true;
}
