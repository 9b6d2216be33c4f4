import { describe, expect, it } from 'vitest';
import { sha256 } from '../../core/src/sha256';
import { textHash } from './textHash';

describe('textHash', () => {
  it('is the SHA-256 hex of the JSON of what is shown', async () => {
    const shown = { texts: { title: 'Cookies' }, vendors: [['meta', 'Meta']] };
    const hash = await textHash(shown);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).toBe(await sha256(JSON.stringify(shown)));
    expect(await textHash({ texts: { title: 'Cookies!' } })).not.toBe(hash);
  });

  it('resolves undefined without SubtleCrypto, so the receipt omits it', async () => {
    await expect(textHash({ title: 'Cookies' }, null)).resolves.toBeUndefined();
  });
});
