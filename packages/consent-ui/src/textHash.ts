import { sha256 } from '../../core/src/sha256';

/**
 * SHA-256 hex of the JSON of what the UI shows (texts, categories, vendors), so a
 * receipt proves the wording (COMPLIANCE.md 5); `undefined` when it cannot be
 * hashed (no SubtleCrypto outside secure contexts): the receipt then omits it.
 */
export async function textHash(texts: object, subtle: SubtleCrypto | null | undefined = globalThis.crypto?.subtle): Promise<string | undefined> {
  try {
    return await sha256(JSON.stringify(texts), subtle);
  } catch {
    return undefined;
  }
}
