import { describe, expect, it } from 'vitest';
import { css } from './styles';

const props = ['bg', 'fg', 'muted', 'accent', 'accent-fg', 'border', 'radius', 'font', 'z', 'focus', 'shadow'];

/** WCAG 2.1 contrast ratio of two #rgb / #rrggbb colours. */
const contrast = (a: string, b: string) => {
  const lum = (hex: string) => {
    if (hex.length == 4) hex = '#' + Array.from(hex.slice(1), (d) => d + d).join('');
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
};
/** The default of each colour property in a `:host{...}` block. */
const defaults = (block: string) =>
  Object.fromEntries(Array.from(block.matchAll(/var\(--tr-([a-z-]+),(#[0-9a-f]{6}|#[0-9a-f]{3})\)/g), ([, name, hex]) => [name, hex]));
const light = defaults(css.split('@media (prefers-color-scheme:dark)')[0]);
const dark = defaults(css.split('@media (prefers-color-scheme:dark)')[1].split('}}')[0]);

describe('styles', () => {
  it('themes through every documented custom property, each with a fallback', () => {
    for (const p of props) expect(css).toMatch(new RegExp(`var\\(--tr-${p},[^)]`));
  });

  it.each([
    ['light', light],
    ['dark', dark],
  ])('has AA contrast in the %s scheme', (_, c) => {
    expect(Object.keys(c).sort()).toEqual(['accent', 'accent-fg', 'bg', 'border', 'fg', 'focus', 'muted']);
    expect(contrast(c.fg, c.bg)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(c.muted, c.bg)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(c['accent-fg'], c.accent)).toBeGreaterThanOrEqual(4.5);
    // Links are accent-coloured text; borders, switches and the focus ring are UI parts (3:1).
    expect(contrast(c.accent, c.bg)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(c.border, c.bg)).toBeGreaterThanOrEqual(3);
    expect(contrast(c.focus, c.bg)).toBeGreaterThanOrEqual(3);
  });

  it('shows focus, respects reduced motion, and is a bottom sheet until 40em', () => {
    expect(css).toContain(':focus-visible{outline:3px solid');
    expect(css).toMatch(/@media \(prefers-reduced-motion:reduce\)\{[^}]*transition:none/);
    expect(css).toMatch(/\.layer\{position:fixed;[^}]*left:0;right:0;bottom:0;max-height:85vh;overflow:auto/);
    expect(css).toMatch(/@media \(min-width:40em\)\{\.layer\{[^}]*max-width:34rem/);
  });

  it('gives Accept all and Reject all one rule, and Customize a lighter one', () => {
    expect(css.match(/\.choice\b/g)).toHaveLength(1);
    expect(css).toMatch(/\.choice\{background:var\(--a\);color:var\(--af\)\}/);
    expect(css).toMatch(/\.alt,\.close\{background:none/);
  });
});
