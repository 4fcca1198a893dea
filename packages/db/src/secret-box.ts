import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM for secrets at rest. Several keys may be loaded: the first encrypts, any decrypts,
 * so a key can be rotated by prepending a new one and re-encrypting rows (see rotate()).
 * Ciphertext format: v1.<keyId>.<iv b64>.<tag b64>.<data b64>
 */
export class SecretBox {
  readonly #keys: Map<string, Buffer>;
  readonly #current: string;
  constructor(keys: Array<{ id: string; key: Buffer }>) {
    if (keys.length === 0) throw new Error('SecretBox needs at least one key');
    for (const k of keys)
      if (k.key.length !== 32) throw new Error(`secret key '${k.id}' must be 32 bytes (got ${k.key.length})`);
    this.#keys = new Map(keys.map((k) => [k.id, k.key]));
    this.#current = keys[0]!.id;
  }
  /** "id:base64,id2:base64" as in LEDGERFLOW_SECRET_KEYS. */
  static parse(spec: string): SecretBox {
    const keys = spec.split(',').map((part, i) => {
      const [id, b64] = part.includes(':') ? (part.split(':', 2) as [string, string]) : [`k${i}`, part];
      return { id: id.trim(), key: Buffer.from(b64.trim(), 'base64') };
    });
    return new SecretBox(keys);
  }
  get currentKeyId(): string {
    return this.#current;
  }
  encrypt(plain: unknown): { ciphertext: string; keyId: string } {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#keys.get(this.#current)!, iv);
    cipher.setAAD(Buffer.from(this.#current));
    const data = Buffer.concat([cipher.update(JSON.stringify(plain), 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return {
      ciphertext: ['v1', this.#current, iv.toString('base64'), tag.toString('base64'), data.toString('base64')].join(
        '.',
      ),
      keyId: this.#current,
    };
  }
  decrypt<T = unknown>(ciphertext: string): T {
    const [v, keyId, iv, tag, data] = ciphertext.split('.');
    if (v !== 'v1' || !keyId || !iv || !tag || data === undefined) throw new Error('malformed secret ciphertext');
    const key = this.#keys.get(keyId);
    if (!key) throw new Error(`secret was encrypted with key '${keyId}', which is not loaded`);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
    decipher.setAAD(Buffer.from(keyId));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return JSON.parse(
      Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8'),
    ) as T;
  }
  /** Re-encrypts with the current key; returns null when already current. */
  rotate(ciphertext: string): { ciphertext: string; keyId: string } | null {
    if (ciphertext.split('.')[1] === this.#current) return null;
    return this.encrypt(this.decrypt(ciphertext));
  }
}
