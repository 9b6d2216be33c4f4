import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './cli';

/** Runs the command on in-memory files, capturing what it prints. */
async function run(argv: string[], files: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const readFile = async (path: string) => {
    if (!(path in files)) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
    return files[path];
  };
  const status = await runCli(argv, { out: (line) => out.push(line), err: (line) => err.push(line), readFile });
  return { status, out, err };
}

const good = { endpoint: '/t', consent: { revision: 1, policyUrl: '/privacy' }, pixels: { meta: { id: '1234567890' } } };
const snippet = (config: object) => `
  window.tagrelay = window.tagrelay || function () { (tagrelay.q = tagrelay.q || []).push(arguments) };
  tagrelay('init', ${JSON.stringify(config)});`;
const page = (...scripts: string[]) => `<!doctype html><html><head><title>Shop</title>\n${scripts.join('\n')}\n</head><body></body></html>`;

describe('tagrelay check-config', () => {
  describe('a .json file', () => {
    it('passes a lawful config: exit 0 and a summary', async () => {
      const { status, out, err } = await run(['check-config', 'tagrelay.json'], { 'tagrelay.json': JSON.stringify(good) });
      expect(status).toBe(0);
      expect(out).toEqual(['tagrelay.json: 0 errors, 0 warnings']);
      expect(err).toEqual([]);
    });

    it('prints each error and warning with its path, and exits 1 on an error', async () => {
      const config = { consent: { ...good.consent, days: 400, mode: 'opt-out' } };
      const { status, out } = await run(['check-config', 'c.json'], { 'c.json': JSON.stringify(config) });
      expect(status).toBe(1);
      expect(out).toEqual([
        expect.stringMatching(/^error consent\.days: 400 days is more than 13 months/),
        expect.stringMatching(/^warning endpoint: /),
        expect.stringMatching(/^warning consent\.mode: opt-out is only lawful/),
        'c.json: 1 error, 2 warnings',
      ]);
    });

    it('exits 0 with warnings only', async () => {
      const { status, out } = await run(['check-config', 'c.json'], { 'c.json': JSON.stringify({ ...good, endpoint: undefined }) });
      expect(status).toBe(0);
      expect(out.at(-1)).toBe('c.json: 0 errors, 1 warning');
    });

    it('prints a finding about the whole config without a path', async () => {
      const { status, out } = await run(['check-config', 'c.json'], { 'c.json': '[1, 2]' });
      expect(status).toBe(1);
      expect(out[0]).toBe('error: the config must be an object, not an array');
    });

    it('reports a file that is not JSON as an error (exit 1)', async () => {
      const { status, out } = await run(['check-config', 'c.json'], { 'c.json': '{ endpoint: "/t" }' });
      expect(status).toBe(1);
      expect(out).toEqual([expect.stringMatching(/^error: c\.json is not JSON: /), 'c.json: 1 error, 0 warnings']);
    });
  });

  describe('a .js or .mjs module', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tagrelay-cli-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const write = (name: string, code: string) => {
      const file = join(dir, name);
      writeFileSync(file, code);
      return file;
    };

    it('checks the default export', async () => {
      const file = write('default.mjs', `export default ${JSON.stringify({ ...good, consent: { ...good.consent, revision: 0 } })};`);
      const { status, out } = await run(['check-config', file]);
      expect(status).toBe(1);
      expect(out).toEqual([expect.stringMatching(/^error consent\.revision: must be a positive integer/), `${file}: 1 error, 0 warnings`]);
    });

    it('checks the export named config when there is no default', async () => {
      const file = write('named.mjs', `export const config = ${JSON.stringify(good)};\nexport const other = 1;`);
      expect(await run(['check-config', file])).toEqual({ status: 0, out: [`${file}: 0 errors, 0 warnings`], err: [] });
    });

    it('reports a module with neither, and one that throws, as errors', async () => {
      const none = write('none.mjs', 'export const settings = {};');
      expect(await run(['check-config', none])).toMatchObject({ status: 1, out: [expect.stringMatching(/no default export and no export named config/), expect.any(String)] });
      const throwing = write('throws.mjs', 'throw new Error("config server down");');
      expect(await run(['check-config', throwing])).toMatchObject({ status: 1, out: [expect.stringMatching(/^error: cannot load .*config server down/), expect.any(String)] });
    });
  });

  describe('an .html page', () => {
    it("checks the config of the snippet's init call", async () => {
      const html = page(`<script>${snippet({ ...good, consent: { ...good.consent, days: 500 } })}</script>`, '<script async src="/tagrelay/loader.js"></script>');
      const { status, out } = await run(['check-config', 'index.html'], { 'index.html': html });
      expect(status).toBe(1);
      expect(out).toEqual([expect.stringMatching(/^error consent\.days: /), 'index.html: 1 error, 0 warnings']);
    });

    it('skips scripts that throw with a note, and does not run src, JSON or module scripts', async () => {
      const html = page(
        '<script>document.querySelector("nav").hidden = true;</script>',
        `<script type="text/javascript">${snippet(good)}</script>`,
        '<script src="/shop.js">tagrelay("init", {})</script>',
        '<script data-src="x" type="application/ld+json">{"@type": "Store"}</script>',
        '<script type="module">tagrelay("init", {})</script>',
        '<!-- <script>tagrelay("init", {})</script> -->',
        '<script>tagrelay("track", "page_view")</script>',
      );
      const { status, out } = await run(['check-config', 'p.html'], { 'p.html': html });
      expect(out).toEqual(['note: inline script 1 skipped: ReferenceError: document is not defined', 'p.html: 0 errors, 0 warnings']);
      expect(status).toBe(0);
    });

    it('finds the init call of a snippet that replaces the stub with its own queue', async () => {
      const html = page(`<script>window.tagrelay = function () { (tagrelay.q = tagrelay.q || []).push(arguments) };
        tagrelay('init', { consent: { policyUrl: 'privacy.html' } });</script>`);
      const { status, out } = await run(['check-config', 'p.html'], { 'p.html': html });
      expect(status).toBe(1);
      expect(out).toEqual([expect.stringMatching(/^error consent\.policyUrl: /), expect.stringMatching(/^warning endpoint: /), 'p.html: 1 error, 1 warning']);
    });

    it('stops a script that never ends', async () => {
      const html = page('<script>while (true) {}</script>', `<script>${snippet(good)}</script>`);
      const { status, out } = await run(['check-config', 'p.html'], { 'p.html': html });
      expect(status).toBe(0);
      expect(out[0]).toMatch(/^note: inline script 1 skipped: .*timed out/);
    });

    it('checks each init call of a page', async () => {
      const html = page(`<script>${snippet(good)}</script>`, `<script>tagrelay('init', ${JSON.stringify({ ...good, consent: { revision: -1 } })})</script>`);
      const { status, out } = await run(['check-config', 'p.html'], { 'p.html': html });
      expect(status).toBe(1);
      expect(out).toEqual([
        'init call 1 of 2:',
        'init call 2 of 2:',
        expect.stringMatching(/^error consent\.revision: /),
        expect.stringMatching(/^error consent\.policyUrl: /),
        'p.html: 2 errors, 0 warnings',
      ]);
    });

    it('reports a page without an init call as an error', async () => {
      const { status, out } = await run(['check-config', 'p.html'], { 'p.html': page('<script>var x = 1;</script>') });
      expect(status).toBe(1);
      expect(out[0]).toMatch(/^error: p\.html: no tagrelay\('init', config\) call/);
    });
  });

  describe('usage', () => {
    it('--help prints the usage and exits 0', async () => {
      for (const argv of [['--help'], ['check-config', '--help'], ['-h']]) {
        const { status, out, err } = await run(argv);
        expect(status).toBe(0);
        expect(out.join('\n')).toMatch(/^Usage: tagrelay check-config <file>/);
        expect(err).toEqual([]);
      }
    });

    it.each([
      ['no command', [], /no command/],
      ['an unknown command', ['check'], /unknown command "check"/],
      ['no file', ['check-config'], /needs a file/],
      ['two files', ['check-config', 'a.json', 'b.json'], /one file at a time/],
      ['an unknown option', ['check-config', '--strict', 'a.json'], /unknown option --strict/],
      ['another file type', ['check-config', 'tagrelay.yaml'], /expected a \.json, \.js, \.mjs or \.html file/],
      ['a missing file', ['check-config', 'missing.json'], /cannot read missing\.json: ENOENT/],
    ])('exits 2 on %s, with the usage on stderr', async (_, argv, message) => {
      const { status, out, err } = await run(argv);
      expect(status).toBe(2);
      expect(out).toEqual([]);
      expect(err[0]).toMatch(message);
      expect(err[1]).toMatch(/^Usage: /);
    });
  });
});

describe('the demo shop', () => {
  it.each(['index.html', 'product.html', 'cart.html', 'checkout.html', 'thanks.html', 'privacy.html'])('%s passes check-config with no error or warning', async (file) => {
    const { readFileSync } = await import('node:fs');
    const path = join('examples/shop', file);
    const { status, out } = await run(['check-config', path], { [path]: readFileSync(path, 'utf8') });
    expect(out).toEqual([`${path}: 0 errors, 0 warnings`]);
    expect(status).toBe(0);
  });
});
