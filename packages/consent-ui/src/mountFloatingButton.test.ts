// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mountFloatingButton } from './mountFloatingButton';

const button = () => document.getElementById('tagrelay-settings')!.shadowRoot!.querySelector('button')!;

describe('mountFloatingButton', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('adds a labelled button with an icon in an open shadow root that calls onClick', () => {
    const onClick = vi.fn();
    const remove = mountFloatingButton({ label: 'Privacy settings', onClick });
    const host = document.getElementById('tagrelay-settings')!;
    expect(host.parentElement).toBe(document.body);
    expect(button().type).toBe('button');
    expect(button().getAttribute('aria-label')).toBe('Privacy settings');
    const svg = button().querySelector('svg')!;
    expect(svg.namespaceURI).toBe('http://www.w3.org/2000/svg');
    expect(svg.getAttribute('aria-hidden')).toBe('true');
    expect(host.hasAttribute('style')).toBe(false);
    button().click();
    expect(onClick).toHaveBeenCalledOnce();
    remove();
    expect(document.getElementById('tagrelay-settings')).toBeNull();
  });

  it('is styled fixed at the bottom left, themed by --tr-* properties, with a visible focus ring', () => {
    mountFloatingButton({ label: 'Privacy settings', onClick: () => {} });
    const root = document.getElementById('tagrelay-settings')!.shadowRoot!;
    const css = [...root.adoptedStyleSheets.flatMap((s) => Array.from(s.cssRules, (r) => r.cssText)), ...Array.from(root.querySelectorAll('style'), (s) => s.textContent)].join('\n');
    expect(css).toMatch(/position:\s*fixed/);
    expect(css).toMatch(/left:\s*16px/);
    expect(css).toMatch(/bottom:\s*16px/);
    for (const property of ['--tr-bg', '--tr-fg', '--tr-accent', '--tr-focus', '--tr-z']) expect(css).toContain(property);
    expect(css).toMatch(/:focus-visible\s*\{[^}]*outline[^}]*--tr-focus/);
  });

  it('falls back to a <style> with the nonce without constructable stylesheets', () => {
    const original = window.CSSStyleSheet;
    (window as { CSSStyleSheet: unknown }).CSSStyleSheet = undefined;
    try {
      mountFloatingButton({ label: 'Privacy settings', onClick: () => {}, nonce: 'n0nce' });
    } finally {
      window.CSSStyleSheet = original;
    }
    const style = document.getElementById('tagrelay-settings')!.shadowRoot!.querySelector('style')!;
    expect(style.nonce).toBe('n0nce');
    expect(style.textContent).toContain('position:fixed');
  });

  it('mounts once', () => {
    const first = vi.fn();
    mountFloatingButton({ label: 'One', onClick: first });
    const remove = mountFloatingButton({ label: 'Two', onClick: () => {} });
    expect(document.querySelectorAll('#tagrelay-settings')).toHaveLength(1);
    expect(button().getAttribute('aria-label')).toBe('One');
    remove();
    expect(document.getElementById('tagrelay-settings')).toBeNull();
  });
});
