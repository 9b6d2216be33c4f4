import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { budgets, measureGroups, measureSizes, sizeTable } from '../../../scripts/measureSizes.mjs';

// Runs on the production build (`pnpm build` comes first in `pnpm test`).
const measured = measureSizes();

describe('size budgets (min+gzip)', () => {
  it('every shipped file has a budget', () => {
    expect(measured.map((m) => m.name).sort()).toEqual(Object.keys(budgets).sort());
  });
  it.each(measured.map((m) => [m.name, m] as const))('%s is within its budget', (name, m) => {
    expect(m.gzip).toBeLessThanOrEqual(budgets[name]!.gzip);
  });
  it.each(measureGroups(measured).map((g) => [g.name, g] as const))('%s is within its budget', (_, g) => {
    expect(g.files.length).toBeGreaterThan(1);
    expect(g.gzip).toBeLessThanOrEqual(g.budget);
  });
  it.each(['meta', 'tiktok', 'linkedin', 'google', 'pinterest', 'snap', 'x', 'reddit'])(
    "the %s chunk imports only from chunks loaded before it (runtime, consent manager, router), so its budget is all it adds",
    (platform) => {
      const file = measured.find((m) => m.name == `${platform}.js`)!.file;
      const imports = [...readFileSync(`packages/tagrelay/dist/cdn/${file}`, 'utf8').matchAll(/from\s*"\.\/([^"]+)"/g)].map((m) => m[1]!.replace(/-[A-Za-z0-9_-]{8}\.js$/, '.js'));
      expect(imports).toContain('startPixels.js');
      for (const chunk of imports) expect(['runtime.js', 'attachConsent.js', 'startPixels.js']).toContain(chunk);
    },
  );
  it('the README shows the figures of this very build', () => {
    const readme = readFileSync('README.md', 'utf8');
    const table = readme.split('<!-- sizes:start -->')[1]?.split('<!-- sizes:end -->')[0]?.trim();
    expect(table, 'run `pnpm sizes` to update the README').toBe(sizeTable(measured));
  });
});

describe('production bundle', () => {
  const code = measured.map((m) => readFileSync(`packages/tagrelay/dist/cdn/${m.file}`, 'utf8')).join('\n');
  it('has no development-only code', () => {
    expect(code).not.toContain('[tagrelay:dev]');
    expect(code).not.toMatch(/__DEV__|__VERSION__/);
  });
  it('has no eval or new Function (strict CSP)', () => {
    expect(code).not.toMatch(/\beval\(|new Function\b|Function\(/);
  });
  it('the loader is a classic script: no import or export statement, one dynamic import()', () => {
    const loader = readFileSync('packages/tagrelay/dist/cdn/loader.js', 'utf8');
    expect(loader).not.toMatch(/(^|[;}])\s*(import|export)\s*[{*\w]/);
    expect(loader.match(/\bimport\(/g)).toHaveLength(1);
  });
  it('never listens to unload or beforeunload (they break the back/forward cache)', () => {
    expect(code).not.toMatch(/["'](before)?unload["']/);
  });
});
