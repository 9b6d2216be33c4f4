import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCliArgs, USAGE } from './parseCliArgs';

const CWD = '/srv/repo';
const parse = (argv: string[], env: Record<string, string> = {}) => parseCliArgs(argv, env, CWD);

describe('parseCliArgs', () => {
  it('has plain defaults', () => {
    expect(parse([])).toEqual({
      help: false,
      demo: false,
      options: { port: 8080, dbPath: resolve(CWD, '.data/tagrelay.db'), origins: [], exposeEvents: false, trustProxy: false },
    });
  });

  it('reads every flag, --origin repeated', () => {
    const request = parse([
      '--port', '9000', '--host', '127.0.0.1', '--db', 'x/events.db', '--base', '/collect',
      '--origin', 'https://a.example', '--origin', 'https://b.example',
      '--cdn', 'cdn', '--site', '/abs/site', '--expose-events', '--trust-proxy',
    ]);
    expect(request).toEqual({
      help: false,
      demo: false,
      options: {
        port: 9000,
        hostname: '127.0.0.1',
        dbPath: resolve(CWD, 'x/events.db'),
        basePath: '/collect',
        origins: ['https://a.example', 'https://b.example'],
        cdnDir: resolve(CWD, 'cdn'),
        siteDir: '/abs/site',
        exposeEvents: true,
        trustProxy: true,
      },
    });
  });

  it('--demo: PORT or 8080, .data/demo.db, the built bundle, the shop, events exposed', () => {
    expect(parse(['--demo'])).toEqual({
      help: false,
      demo: true,
      options: {
        port: 8080,
        dbPath: resolve(CWD, '.data/demo.db'),
        cdnDir: resolve(CWD, 'packages/tagrelay/dist/cdn'),
        siteDir: resolve(CWD, 'examples/shop'),
        origins: [],
        exposeEvents: true,
        trustProxy: false,
        hostname: '127.0.0.1',
      },
    });
    expect(parse(['--demo'], { PORT: '3000' })).toMatchObject({ options: { port: 3000 } });
    expect(parse(['--demo', '--host', '0.0.0.0'])).toMatchObject({ options: { hostname: '0.0.0.0' } });
  });

  it('flags win over PORT and TAGRELAY_DB, which win over defaults', () => {
    expect(parse([], { PORT: '3000', TAGRELAY_DB: '/var/lib/t.db' })).toMatchObject({ options: { port: 3000, dbPath: '/var/lib/t.db' } });
    expect(parse(['--port', '4000', '--db', ':memory:'], { PORT: '3000', TAGRELAY_DB: '/var/lib/t.db' })).toMatchObject({
      options: { port: 4000, dbPath: ':memory:' },
    });
  });

  it('--admin-token or TAGRELAY_ADMIN_TOKEN, the flag winning; unset by default and when empty in env', () => {
    expect(parse(['--admin-token', 'flag-token'], { TAGRELAY_ADMIN_TOKEN: 'env-token' })).toMatchObject({ options: { adminToken: 'flag-token' } });
    expect(parse([], { TAGRELAY_ADMIN_TOKEN: 'env-token' })).toMatchObject({ options: { adminToken: 'env-token' } });
    expect(parse(['--demo'], { TAGRELAY_ADMIN_TOKEN: 'env-token' })).toMatchObject({ options: { adminToken: 'env-token', exposeEvents: true } });
    for (const env of [{}, { TAGRELAY_ADMIN_TOKEN: '' }] as Record<string, string>[]) {
      const request = parse([], env);
      expect(request.help == false && 'adminToken' in request.options, JSON.stringify(env)).toBe(false);
    }
  });

  it('passes an empty --admin-token on, so start-up refuses it instead of running unguarded', () => {
    expect(parse(['--admin-token', ''])).toMatchObject({ options: { adminToken: '' } });
    expect(() => parse(['--admin-token'])).toThrow(/admin-token/);
  });

  it('documents --admin-token and its variable in USAGE', () => {
    expect(USAGE).toMatch(/--admin-token T .*\n.*Authorization: Bearer T \(env TAGRELAY_ADMIN_TOKEN/);
  });

  it('--help and -h', () => {
    expect(parse(['--help'])).toEqual({ help: true });
    expect(parse(['-h'])).toEqual({ help: true });
    expect(parse(['--demo', '--help'])).toEqual({ help: true });
  });

  it.each([
    [['--port', 'abc'], /--port: "abc" is not a port/],
    [['--port', '70000'], /--port/],
    [['--nope'], /nope/],
    [['extra'], /extra/],
    [['--port'], /port/],
  ])('refuses %j with a clear message', (argv, message) => {
    expect(() => parse(argv)).toThrow(message);
  });

  it('refuses a bad PORT', () => {
    expect(() => parse([], { PORT: 'eighty' })).toThrow(/PORT: "eighty"/);
  });
});
