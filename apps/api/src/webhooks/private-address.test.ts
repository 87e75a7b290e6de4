import { describe, expect, it } from 'vitest';
import { isPrivateAddress, privateAddressOf } from './private-address.js';

describe('private addresses', () => {
  it('recognises loopback, private, link-local and mapped addresses, not public ones', () => {
    for (const address of ['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1']) {
      expect(isPrivateAddress(address), address).toBe(true);
    }
    for (const address of ['93.184.216.34', '8.8.8.8', '2606:4700::1111', '172.32.0.1']) {
      expect(isPrivateAddress(address), address).toBe(false);
    }
  });

  it('checks every address a host name resolves to, and IP literals as they are', async () => {
    const resolve = async (hostname: string) => (hostname === 'inside.example' ? ['93.184.216.34', '10.0.0.5'] : ['93.184.216.34']);
    expect(await privateAddressOf('https://inside.example/hook', resolve)).toBe('10.0.0.5');
    expect(await privateAddressOf('https://outside.example/hook', resolve)).toBeUndefined();
    expect(await privateAddressOf('http://127.0.0.1:8080/hook', resolve)).toBe('127.0.0.1');
    expect(await privateAddressOf('http://[::1]:8080/hook', resolve)).toBe('::1');
  });
});
