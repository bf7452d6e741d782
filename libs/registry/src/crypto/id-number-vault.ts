import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { AppConfig } from '@zhulian/core';

export interface SealedIdNumber {
  keyId: string;
  /** 12-byte nonce, 16-byte GCM tag, then the ciphertext. */
  sealed: Buffer;
}

const NONCE = 12;
const TAG = 16;

/**
 * Keeps resident ID numbers encrypted at rest (AES-256-GCM) and findable by exact value through a
 * keyed blind index (HMAC-SHA256), so that neither a database dump nor a log line reveals one.
 * Each ciphertext is bound to its record (additional authenticated data): one person's sealed number
 * cannot be copied onto another's row. Keys rotate by key id; the index key does not (rotating it
 * means re-indexing every row).
 */
export class IdNumberVault {
  private readonly keys: Map<string, Buffer>;
  private readonly currentKeyId: string;

  constructor(private readonly config: Pick<AppConfig, 'idNumberKeys' | 'idNumberIndexKey'>) {
    this.keys = new Map(config.idNumberKeys.map(({ id, key }) => [id, key]));
    this.currentKeyId = config.idNumberKeys[0].id;
  }

  seal(idNumber: string, recordId: string): SealedIdNumber {
    const nonce = randomBytes(NONCE);
    const cipher = createCipheriv('aes-256-gcm', this.key(this.currentKeyId), nonce);
    cipher.setAAD(Buffer.from(recordId, 'utf8'));
    const data = Buffer.concat([cipher.update(idNumber, 'utf8'), cipher.final()]);
    return { keyId: this.currentKeyId, sealed: Buffer.concat([nonce, cipher.getAuthTag(), data]) };
  }

  open({ keyId, sealed }: SealedIdNumber, recordId: string): string {
    const decipher = createDecipheriv('aes-256-gcm', this.key(keyId), sealed.subarray(0, NONCE));
    decipher.setAAD(Buffer.from(recordId, 'utf8'));
    decipher.setAuthTag(sealed.subarray(NONCE, NONCE + TAG));
    return Buffer.concat([decipher.update(sealed.subarray(NONCE + TAG)), decipher.final()]).toString('utf8');
  }

  /** The same normalised number always gives the same index; without the key, nothing can be learnt. */
  blindIndex(normalisedIdNumber: string): Buffer {
    return createHmac('sha256', this.config.idNumberIndexKey).update(`resident-id:${normalisedIdNumber}`, 'utf8').digest();
  }

  /** Whether a sealed value should be re-sealed with the current key (key rotation). */
  isStale(sealed: SealedIdNumber): boolean {
    return sealed.keyId !== this.currentKeyId;
  }

  private key(id: string): Buffer {
    const key = this.keys.get(id);
    if (!key) throw new Error(`ID number key "${id}" is not configured (ID_NUMBER_KEYS): it is needed to read records sealed with it`);
    return key;
  }
}
