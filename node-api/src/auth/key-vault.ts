import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
/** 96-bit nonces: GCM's native size; random per sealing, which is safe far beyond this node's key count. */
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A sealed value that does not open: wrong key encryption key, or edited or truncated ciphertext. */
export class KeyVaultError extends Error {
  readonly code = 'KEY_VAULT_OPEN_FAILED';

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = KeyVaultError.name;
  }
}

/**
 * Encrypts users' private keys at rest with the node's key encryption key (AES-256-GCM), so a copy of
 * the database alone yields no Fabric identity. The authentication tag makes any edit detectable.
 */
export class KeyVault {
  private readonly key: Buffer;

  /** `key` is the 32-byte key encryption key (SCF_KEY_ENCRYPTION_KEY, decoded from base64). */
  constructor(key: Uint8Array) {
    if (key.length !== KEY_BYTES) throw new RangeError(`the key encryption key must be ${KEY_BYTES} bytes`);
    this.key = Buffer.from(key);
  }

  static fromBase64(key: string): KeyVault {
    return new KeyVault(Buffer.from(key, 'base64'));
  }

  /** base64(iv | tag | ciphertext) of `plaintext`. */
  seal(plaintext: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.key, iv, { authTagLength: TAG_BYTES });
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64');
  }

  /** The plaintext of a `seal` result; throws KeyVaultError unless key and bytes are exactly right. */
  open(sealed: string): string {
    const bytes = Buffer.from(sealed, 'base64');
    if (bytes.length <= IV_BYTES + TAG_BYTES) throw new KeyVaultError('the sealed value is too short');
    const iv = bytes.subarray(0, IV_BYTES);
    const tag = bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv(ALGORITHM, this.key, iv, { authTagLength: TAG_BYTES });
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([
        decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
    } catch (error) {
      throw new KeyVaultError('the sealed value does not open: wrong key encryption key or altered data', {
        cause: error,
      });
    }
  }
}
