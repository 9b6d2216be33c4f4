// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { adoptStyles } from './adoptStyles';

const shadowRoot = () => document.body.appendChild(document.createElement('div')).attachShadow({ mode: 'open' });

describe('adoptStyles', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.replaceChildren();
  });

  it('adopts a constructable stylesheet where supported: no <style> element', () => {
    const root = shadowRoot();
    adoptStyles(root, '.a{color:red}', 'n0nce');
    expect(root.adoptedStyleSheets).toHaveLength(1);
    expect(Array.from(root.adoptedStyleSheets[0].cssRules, (r) => r.cssText).join('')).toContain('.a');
    expect(root.querySelector('style')).toBeNull();
  });

  it('falls back to a <style> element carrying the CSP nonce', () => {
    vi.stubGlobal('CSSStyleSheet', undefined);
    const root = shadowRoot();
    adoptStyles(root, '.a{color:red}', 'n0nce');
    const style = root.querySelector('style')!;
    expect(style.textContent).toBe('.a{color:red}');
    expect(style.nonce).toBe('n0nce');
  });
});
