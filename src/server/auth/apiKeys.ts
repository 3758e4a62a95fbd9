import { createHash, timingSafeEqual } from 'node:crypto';

interface KnownKey {
  digest: Buffer;
  /** A short, non-secret name for the key: the first hex digits of its SHA-256. */
  keyId: string;
}

/**
 * The agent services' secret keys. A presented key is hashed and compared with every known
 * digest in constant time, so neither the key's length nor its first differing character
 * shows in the response time.
 */
export class ApiKeyRing {
  private readonly keys: KnownKey[];

  constructor(secrets: readonly string[]) {
    this.keys = secrets.map((secret) => {
      const digest = createHash('sha256').update(secret).digest();
      return { digest, keyId: digest.subarray(0, 6).toString('hex') };
    });
  }

  get size(): number {
    return this.keys.length;
  }

  /** The matching key's id, or null when the secret is not one of ours. */
  identify(secret: string): string | null {
    const presented = createHash('sha256').update(secret).digest();
    let match: string | null = null;
    for (const key of this.keys) {
      if (timingSafeEqual(presented, key.digest)) match = key.keyId;
    }
    return match;
  }
}
