import { createHash, randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const scrypt = (password: string, salt: Buffer, length: number, options: ScryptOptions): Promise<Buffer> =>
  new Promise((resolve, reject) =>
    scryptCallback(password, salt, length, options, (error, key) => (error ? reject(error) : resolve(key))),
  );

export type ApiKeyHashAlgorithm = 'sha256' | 'scrypt';

const SCRYPT_DEFAULTS = { N: 16_384, r: 8, p: 1, keyLength: 32 } as const;

/** A fresh random API key: 32 bytes, URL-safe base64, prefixed so it is recognisable in a leak scan. */
export function generateApiKey(): string {
  return `ohf_${randomBytes(32).toString('base64url')}`;
}

/**
 * The form of a key kept in configuration. sha256 suits long random keys (what `generateApiKey`
 * makes); scrypt also protects short, human-chosen keys against guessing from a leaked config.
 */
export async function hashApiKey(key: string, algorithm: ApiKeyHashAlgorithm = 'sha256'): Promise<string> {
  if (algorithm === 'sha256') return `sha256:${sha256Hex(key)}`;
  const salt = randomBytes(16);
  const { N, r, p, keyLength } = SCRYPT_DEFAULTS;
  const derived = await scrypt(key, salt, keyLength, { N, r, p, maxmem: 256 * N * r });
  return `scrypt:${N}:${r}:${p}:${salt.toString('base64')}:${derived.toString('base64')}`;
}

/** True when `key` matches the configured hash; compared in constant time. */
export async function verifyApiKey(key: string, hash: string): Promise<boolean> {
  if (hash.startsWith('sha256:')) {
    return constantTimeEqual(Buffer.from(sha256Hex(key), 'hex'), Buffer.from(hash.slice('sha256:'.length), 'hex'));
  }
  if (hash.startsWith('scrypt:')) {
    const [, n, r, p, salt, expected] = hash.split(':');
    if (!n || !r || !p || !salt || !expected) return false;
    const expectedBytes = Buffer.from(expected, 'base64');
    const N = Number(n);
    const derived = await scrypt(key, Buffer.from(salt, 'base64'), expectedBytes.length, {
      N,
      r: Number(r),
      p: Number(p),
      maxmem: 256 * N * Number(r),
    });
    return constantTimeEqual(derived, expectedBytes);
  }
  return false;
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

function constantTimeEqual(left: Buffer, right: Buffer): boolean {
  return left.length === right.length && timingSafeEqual(left, right);
}
