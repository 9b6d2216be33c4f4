// @vitest-environment happy-dom
// @vitest-environment-options {"settings":{"handleDisabledFileLoadingAsSuccess":true}}
import { afterEach, describe, expect, it } from 'vitest';
import { loadScript } from './loadScript';

afterEach(() => {
  document.head.innerHTML = '';
});

describe('loadScript', () => {
  it('adds the script once, async, with the nonce, and resolves true when it loads', async () => {
    await expect(loadScript('https://cdn.example/a.js', { nonce: 'n0nce' })).resolves.toBe(true);
    await expect(loadScript('https://cdn.example/a.js', { nonce: 'n0nce' })).resolves.toBe(true);
    const scripts = Array.from(document.querySelectorAll('script'));
    expect(scripts).toHaveLength(1);
    expect(scripts[0]!.async).toBe(true);
    expect(scripts[0]!.nonce).toBe('n0nce');
  });

  it('resolves false, never rejects, when the script is blocked', async () => {
    // Script loading fails here from now on, as behind an ad blocker.
    const settings = (window as unknown as { happyDOM: { settings: { handleDisabledFileLoadingAsSuccess: boolean } } }).happyDOM.settings;
    settings.handleDisabledFileLoadingAsSuccess = false;
    try {
      await expect(loadScript('https://blocked.example/p.js')).resolves.toBe(false);
    } finally {
      settings.handleDisabledFileLoadingAsSuccess = true;
    }
  });

  it('resolves false when the document cannot take a script', async () => {
    const broken = { get scripts(): never { throw new Error('no DOM'); } } as unknown as Document;
    await expect(loadScript('https://cdn.example/b.js', {}, broken)).resolves.toBe(false);
  });
});
