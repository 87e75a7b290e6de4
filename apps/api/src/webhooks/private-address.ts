import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/** Loopback, private, link-local (cloud metadata), carrier-grade NAT, unspecified and multicast ranges. */
const PRIVATE_RANGES = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['224.0.0.0', 3],
] as const) {
  PRIVATE_RANGES.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  PRIVATE_RANGES.addSubnet(network, prefix, 'ipv6');
}

export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped !== undefined) return PRIVATE_RANGES.check(mapped, 'ipv4');
  const family = isIP(address);
  if (family === 0) return false;
  return PRIVATE_RANGES.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

export type ResolveHost = (hostname: string) => Promise<readonly string[]>;

export const resolveHost: ResolveHost = async (hostname) => (await lookup(hostname, { all: true })).map((entry) => entry.address);

/**
 * The first private address a webhook URL's host is or resolves to, if any: an organization must
 * not make the server POST into the network it runs in (other services, a cloud's metadata
 * endpoint). The address is checked when a delivery starts; a name that resolves differently a
 * moment later (DNS rebinding) is not caught by this check alone.
 */
export async function privateAddressOf(url: string, resolve: ResolveHost = resolveHost): Promise<string | undefined> {
  const hostname = new URL(url).hostname.replace(/^\[(.*)\]$/, '$1');
  const addresses = isIP(hostname) === 0 ? await resolve(hostname) : [hostname];
  return addresses.find(isPrivateAddress);
}
