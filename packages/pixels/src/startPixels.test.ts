// @vitest-environment happy-dom
// @vitest-environment-options {"settings":{"handleDisabledFileLoadingAsSuccess":true}}
import { afterEach, describe, expect, it } from 'vitest';
import type { Config, Tracker } from '../../core/src/createTracker';
import type { Decision, Problem, WireEvent } from '../../core/src/types';
import { startPixels, type PlatformChunks } from './startPixels';
import type { Platform } from './types';

type Calls = unknown[][];
const win = window as unknown as { [global: string]: unknown };

/** A platform whose global records its calls; `init` and `identify` show the user they were given. */
const fake = (global: string, extra: Partial<Platform> = {}): Platform => ({
  global,
  stub: (w) => {
    const calls: Calls = [];
    const g = (...args: unknown[]) => void calls.push(args);
    (w as unknown as { [k: string]: unknown })[global] = Object.assign(g, { calls });
  },
  script: () => `https://${global}.example/pixel.js`,
  consent: (granted) => [['consent', granted]],
  init: (o, user) => [['init', o.id, ...(user ? [user] : [])]],
  identify: (o, user) => [['identify', o.id, user]],
  map: (e) => [['track', e.name, e.id]],
  ...extra,
});
const callsOf = (global: string) => (win[global] as { calls: Calls } | undefined)?.calls;

const decision = (marketing: boolean, vd?: Decision['vd']): Decision => ({
  v: 1, id: 'c1', ts: 1, rev: 1, c: { necessary: true, analytics: true, marketing }, ...(vd ? { vd } : {}),
});

/** The tracker surface the router uses, with a decision the test changes. */
function fakeTracker(initial?: Decision) {
  let d = initial;
  const listeners: ((d: Decision) => void)[] = [];
  const problems: Problem[] = [];
  const tracker = {
    consent: { get: () => d },
    on: (_name: string, l: (d: Decision) => void) => (listeners.push(l), () => {}),
    _report: (p: Problem) => problems.push(p),
  } as unknown as Tracker;
  return { tracker, problems, decide: (next: Decision) => ((d = next), listeners.forEach((l) => l(next))) };
}

const event = (name: string, id: string, marketing = true, extra: Partial<WireEvent> = {}): WireEvent => ({
  id, name, ts: 1, params: {}, page: { url: 'https://shop.example/', referrer: '', title: '' },
  consent: { necessary: true, analytics: true, marketing }, ...extra,
});
const settle = () => new Promise((r) => setTimeout(r, 0));

const chunks: PlatformChunks = { alpha: async () => fake('alphaq'), beta: async () => fake('betaq') };
const config = (extra: Config = {}): Config => ({ endpoint: '/t', pixels: { alpha: { id: 'A1' }, beta: { id: 'B1' } }, ...extra });

afterEach(() => {
  for (const g of ['alphaq', 'betaq', 'gammaq', 'epsilonq']) delete win[g];
  document.head.innerHTML = '';
  for (const c of document.cookie.split('; ').filter(Boolean)) document.cookie = `${c.split('=')[0]}=; max-age=0; path=/`;
});

describe('startPixels', () => {
  it('starts each allowed vendor: stub, consent switch, its script with the nonce, then init and events in order', async () => {
    const { tracker } = fakeTracker(decision(true));
    const hook = startPixels(tracker, config(), 'n0nce', chunks);
    hook(event('page_view', 'e1'));
    hook(event('purchase', 'e2'));
    await settle();
    expect(callsOf('alphaq')).toEqual([['consent', true], ['init', 'A1'], ['track', 'page_view', 'e1'], ['track', 'purchase', 'e2']]);
    expect(callsOf('betaq')).toEqual([['consent', true], ['init', 'B1'], ['track', 'page_view', 'e1'], ['track', 'purchase', 'e2']]);
    const scripts = Array.from(document.querySelectorAll('script')).map((s) => [s.src, s.nonce]);
    expect(scripts).toEqual([['https://alphaq.example/pixel.js', 'n0nce'], ['https://betaq.example/pixel.js', 'n0nce']]);
  });

  it('loads nothing before a decision or without marketing, and starts on a later grant', async () => {
    const loaded: string[] = [];
    const counting: PlatformChunks = { alpha: async () => (loaded.push('alpha'), fake('alphaq')) };
    const { tracker, decide } = fakeTracker(undefined);
    const hook = startPixels(tracker, config({ pixels: { alpha: { id: 'A1' } } }), undefined, counting);
    decide(decision(false));
    hook(event('page_view', 'e1', false));
    await settle();
    expect(loaded).toEqual([]);
    expect(document.querySelectorAll('script')).toHaveLength(0);
    decide(decision(true));
    hook(event('add_to_cart', 'e2'));
    await settle();
    expect(loaded).toEqual(['alpha']);
    expect(callsOf('alphaq')).toEqual([['consent', true], ['init', 'A1'], ['track', 'add_to_cart', 'e2']]);
  });

  it('respects per-vendor choices: a vendor switched off gets nothing, not even its script', async () => {
    const { tracker } = fakeTracker(decision(true, { beta: false }));
    const hook = startPixels(tracker, config(), undefined, chunks);
    hook(event('purchase', 'e1'));
    await settle();
    expect(callsOf('alphaq')).toContainEqual(['track', 'purchase', 'e1']);
    expect(callsOf('betaq')).toBeUndefined();
    expect(Array.from(document.querySelectorAll('script')).map((s) => s.src)).toEqual(['https://alphaq.example/pixel.js']);
  });

  it('stops sending to a vendor withdrawn mid-funnel and resumes on a new grant', async () => {
    const { tracker, decide } = fakeTracker(decision(true));
    const hook = startPixels(tracker, config(), undefined, chunks);
    hook(event('view_item', 'e1'));
    await settle();
    decide(decision(true, { alpha: false }));
    hook(event('add_to_cart', 'e2'));
    await settle();
    decide(decision(true));
    hook(event('purchase', 'e3'));
    await settle();
    expect(callsOf('alphaq')!.filter((c) => c[0] == 'track')).toEqual([['track', 'view_item', 'e1'], ['track', 'purchase', 'e3']]);
    expect(callsOf('betaq')!.filter((c) => c[0] == 'track')).toHaveLength(3);
  });

  it('a vendor withdrawn before its chunk arrived gets nothing: no stub, no consent call, no script, no event', async () => {
    let release!: () => void;
    const slow: PlatformChunks = { alpha: () => new Promise((r) => (release = () => r(fake('alphaq')))) };
    const { tracker, decide } = fakeTracker(decision(true));
    const hook = startPixels(tracker, config({ pixels: { alpha: { id: 'A1' } } }), undefined, slow);
    hook(event('page_view', 'e1'));
    decide(decision(false));
    release();
    await settle();
    expect(callsOf('alphaq')).toBeUndefined();
    expect(document.querySelectorAll('script')).toHaveLength(0);
  });

  it('tells the pixel the hashed user at init, and a later one through identify, once per change', async () => {
    const { tracker } = fakeTracker(decision(true));
    const hook = startPixels(tracker, config({ pixels: { alpha: { id: 'A1' } } }), undefined, chunks);
    const u1 = { em: 'a'.repeat(64) };
    const u2 = { em: 'b'.repeat(64) };
    hook(event('page_view', 'e1'));
    hook(event('view_item', 'e2', true, { user: u1 }));
    hook(event('add_to_cart', 'e3', true, { user: u1 }));
    hook(event('purchase', 'e4', true, { user: u2 }));
    await settle();
    expect(callsOf('alphaq')!.slice(1)).toEqual([
      ['init', 'A1'], ['track', 'page_view', 'e1'],
      ['identify', 'A1', u1], ['track', 'view_item', 'e2'],
      ['track', 'add_to_cart', 'e3'],
      ['identify', 'A1', u2], ['track', 'purchase', 'e4'],
    ]);
  });

  it('writes the vendors allowed with their mode, and the click ids, on marketing events only', async () => {
    history.replaceState(null, '', '/?gclid=G1&ttclid=T1');
    const { tracker } = fakeTracker(decision(true, { tiktok: false }));
    const pixels = { google: { id: 'G-1' }, tiktok: { id: 'T' }, meta: { id: '1', mode: 'server' as const }, alpha: { id: 'A1', mode: 'client' as const } };
    const hook = startPixels(tracker, { endpoint: '/t', pixels }, undefined, { alpha: chunks.alpha! });
    const e = event('purchase', 'e1');
    hook(e);
    expect(e.vendors).toEqual({ google: 'both', meta: 'server', alpha: 'client' });
    expect(e.click).toMatchObject({ gclid: 'G1', fbp: expect.stringMatching(/^fb\.0\.\d+\.\d+$/) });
    expect(e.click!.ttclid).toBeUndefined();
    const analyticsOnly = event('page_view', 'e2', false);
    hook(analyticsOnly);
    expect(analyticsOnly.vendors).toBeUndefined();
    expect(analyticsOnly.click).toBeUndefined();
    history.replaceState(null, '', '/');
  });

  it("takes click ids from the event's own page (an SPA may have dropped them from the URL since)", async () => {
    const { tracker } = fakeTracker(decision(true));
    const hook = startPixels(tracker, { endpoint: '/t', pixels: { google: { id: 'G-1', mode: 'server' } } }, undefined, {});
    const e = event('page_view', 'e1', true, { page: { url: 'https://shop.example/landing?gclid=FROM_PAGE', referrer: '', title: '' } });
    hook(e);
    expect(e.click).toEqual({ gclid: 'FROM_PAGE' });
    // Kept for the next events, whose pages have no click id.
    const later = event('purchase', 'e2');
    hook(later);
    expect(later.click).toEqual({ gclid: 'FROM_PAGE' });
  });

  it("'server' mode loads no script and sends no browser call, yet the event names the vendor", async () => {
    const { tracker } = fakeTracker(decision(true));
    const hook = startPixels(tracker, { endpoint: '/t', pixels: { alpha: { id: 'A1', mode: 'server' } } }, undefined, chunks);
    const e = event('purchase', 'e1');
    hook(e);
    await settle();
    expect(callsOf('alphaq')).toBeUndefined();
    expect(document.querySelectorAll('script')).toHaveLength(0);
    expect(e.vendors).toEqual({ alpha: 'server' });
  });

  it("sends events to the pixel's own instance where the platform has them, start-up calls to the global", async () => {
    const seen: unknown[][] = [];
    const withInstances = fake('zetaq', {
      methods: true,
      instance: true,
      stub: (w) => {
        const on = (where: string): unknown =>
          new Proxy({}, {
            get: (_t, method) =>
              method == 'instance' && where == 'global' ? (id: string) => on(`instance ${id}`) : (...args: unknown[]) => void seen.push([where, method, ...args]),
          });
        (w as unknown as { zetaq: unknown }).zetaq = on('global');
      },
      consent: () => [['grantConsent']],
      init: (o) => [['load', o.id]],
      map: (e) => [['track', e.name, {}, { event_id: e.id }]],
    });
    const { tracker } = fakeTracker(decision(true));
    const hook = startPixels(tracker, { endpoint: '/t', pixels: { zeta: { id: 'Z1' } } }, undefined, { zeta: async () => withInstances });
    hook(event('purchase', 'e1'));
    await settle();
    expect(seen).toEqual([
      ['global', 'grantConsent'],
      ['global', 'load', 'Z1'],
      ['instance Z1', 'track', 'purchase', {}, { event_id: 'e1' }],
    ]);
    delete win.zetaq;
  });

  it('uses the script URL the site gives (a self-hosted copy)', async () => {
    const { tracker } = fakeTracker(decision(true));
    startPixels(tracker, config({ pixels: { alpha: { id: 'A1', script: '/vendor/alpha.js' } } }), undefined, chunks);
    await settle();
    expect(document.querySelector('script')!.getAttribute('src')).toBe('/vendor/alpha.js');
  });

  it('reports a vendor without an id and loads nothing for it', async () => {
    const { tracker, problems } = fakeTracker(decision(true));
    startPixels(tracker, config({ pixels: { alpha: {} } }), undefined, chunks);
    await settle();
    expect(problems).toEqual([expect.objectContaining({ code: 'pixel_id_missing', vendor: 'alpha' })]);
    expect(callsOf('alphaq')).toBeUndefined();
  });

  it('isolates a failing vendor: a throwing global, a broken chunk and a blocked script are each reported once; the others go on', async () => {
    const brokenMap = fake('epsilonq', {
      map: () => {
        throw new Error('bad mapping');
      },
    });
    const throwing = fake('gammaq', {
      stub: (w) => void ((w as unknown as { gammaq: unknown }).gammaq = () => {
        throw new Error('boom');
      }),
    });
    let broken = true;
    const mixed: PlatformChunks = {
      alpha: chunks.alpha!,
      gamma: async () => throwing,
      epsilon: async () => brokenMap,
      beta: async () => {
        if (broken) throw new Error('chunk 404');
        return fake('betaq');
      },
    };
    const { tracker, problems, decide } = fakeTracker(decision(true));
    const hook = startPixels(tracker, config({ pixels: { alpha: { id: 'A1' }, gamma: { id: 'C1' }, beta: { id: 'B1' }, epsilon: { id: 'E1' } } }), undefined, mixed);
    hook(event('page_view', 'e1'));
    hook(event('purchase', 'e2'));
    await settle();
    expect(callsOf('alphaq')!.filter((c) => c[0] == 'track')).toHaveLength(2);
    expect(problems.map((p) => [p.code, p.vendor]).sort()).toEqual([['pixel_failed', 'beta'], ['pixel_failed', 'epsilon'], ['pixel_failed', 'gamma']]);
    // The broken chunk is asked for again on the next decision.
    broken = false;
    decide(decision(true));
    hook(event('sign_up', 'e3'));
    await settle();
    expect(callsOf('betaq')).toEqual([['consent', true], ['init', 'B1'], ['track', 'sign_up', 'e3']]);

    const settings = (window as unknown as { happyDOM: { settings: { handleDisabledFileLoadingAsSuccess: boolean } } }).happyDOM.settings;
    settings.handleDisabledFileLoadingAsSuccess = false;
    try {
      const blocked = fakeTracker(decision(true));
      const hook2 = startPixels(blocked.tracker, { endpoint: '/t', pixels: { delta: { id: 'D1' } } }, undefined, { delta: async () => fake('deltaq') });
      await settle();
      await settle();
      hook2(event('purchase', 'e4'));
      hook2(event('purchase', 'e5'));
      await settle();
      expect(blocked.problems).toEqual([expect.objectContaining({ code: 'pixel_failed', vendor: 'delta' })]);
      expect(callsOf('deltaq')).toEqual([['consent', true]]);
    } finally {
      settings.handleDisabledFileLoadingAsSuccess = true;
      delete win.deltaq;
    }
  });
});
