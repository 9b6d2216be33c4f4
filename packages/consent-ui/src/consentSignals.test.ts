import { describe, expect, it } from 'vitest';
import type { GoogleConsentModeOptions } from '../../core/src/consentConfig';
import type { Choices, Decision } from '../../core/src/types';
import { consentModeDefaults, consentSignals, gtagPush } from './consentSignals';

const choices = (c: Partial<Choices>): Choices => ({ necessary: true, analytics: false, marketing: false, ...c });
const signals = (ads: string, analytics: string) => ({
  ad_storage: ads,
  ad_user_data: ads,
  ad_personalization: ads,
  personalization_storage: ads,
  analytics_storage: analytics,
  functionality_storage: 'granted',
  security_storage: 'granted',
});
const decision = (c: Partial<Choices>, extra: Partial<Decision> = {}): Decision => ({ v: 1, id: 'c1', ts: 1, rev: 1, c: choices(c), ...extra });

describe('consentSignals', () => {
  it.each([
    ['no decision', undefined, undefined, signals('denied', 'denied')],
    ['reject all', choices({}), undefined, signals('denied', 'denied')],
    ['analytics only', choices({ analytics: true }), undefined, signals('denied', 'granted')],
    ['marketing only', choices({ marketing: true }), undefined, signals('granted', 'denied')],
    ['accept all', choices({ analytics: true, marketing: true }), {}, signals('granted', 'granted')],
    ['marketing, Google turned off', choices({ marketing: true }), { google: false, meta: true }, signals('denied', 'denied')],
    ['marketing, another vendor off', choices({ marketing: true }), { meta: false }, signals('granted', 'denied')],
  ] as const)('%s', (_, c, vd, expected) => {
    expect(consentSignals(c, vd)).toEqual(expected);
  });
});

describe('consentModeDefaults', () => {
  const eu = { region: ['PL', 'DE'] };
  const us = { region: ['US-CA'], analytics: true, marketing: true };
  const run = (options: GoogleConsentModeOptions, d: Decision | undefined) => {
    const calls: unknown[][] = [];
    consentModeDefaults((...args) => calls.push(args), options, d);
    return calls;
  };

  it.each([
    ['no decision, no options: everything denied, tags wait 500 ms', {}, undefined, [['consent', 'default', { ...signals('denied', 'denied'), wait_for_update: 500 }]]],
    [
      'regions first, then the general default with the own wait',
      { regions: [eu, us], waitForUpdate: 1200 },
      undefined,
      [
        ['consent', 'default', { ...signals('denied', 'denied'), region: ['PL', 'DE'] }],
        ['consent', 'default', { ...signals('granted', 'granted'), region: ['US-CA'] }],
        ['consent', 'default', { ...signals('denied', 'denied'), wait_for_update: 1200 }],
      ],
    ],
    [
      'an implied decision (opt-out mode, id "") is the general default, regions still apply',
      { regions: [eu] },
      decision({ analytics: true, marketing: true }, { id: '' }),
      [
        ['consent', 'default', { ...signals('denied', 'denied'), region: ['PL', 'DE'] }],
        ['consent', 'default', { ...signals('granted', 'granted'), wait_for_update: 500 }],
      ],
    ],
    ['a stored decision wins everywhere: no regions, no wait', { regions: [eu, us] }, decision({ analytics: true }), [['consent', 'default', signals('denied', 'granted')]]],
    ['a stored decision with Google turned off', {}, decision({ marketing: true }, { vd: { google: false } }), [['consent', 'default', signals('denied', 'denied')]]],
    [
      'redaction and passthrough after the defaults',
      { set: { ads_data_redaction: true, url_passthrough: true } },
      undefined,
      [
        ['consent', 'default', { ...signals('denied', 'denied'), wait_for_update: 500 }],
        ['set', 'ads_data_redaction', true],
        ['set', 'url_passthrough', true],
      ],
    ],
    ['only the options asked for', { set: { url_passthrough: true } }, decision({}), [['consent', 'default', signals('denied', 'denied')], ['set', 'url_passthrough', true]]],
  ] as const)('%s', (_, options, d, expected) => {
    expect(run(options as GoogleConsentModeOptions, d)).toEqual(expected);
  });
});

describe('consentModeDefaults with Global Privacy Control', () => {
  it('no regional default grants the ad signals; analytics granted by a region stays', () => {
    const calls: unknown[][] = [];
    consentModeDefaults((...args) => calls.push(args), { regions: [{ region: ['US-CA'], analytics: true, marketing: true }] }, undefined, true);
    expect(calls[0]).toEqual(['consent', 'default', { ...signals('denied', 'granted'), region: ['US-CA'] }]);
  });
});

describe('gtagPush', () => {
  it('pushes Arguments objects onto a data layer it creates, defining no gtag', () => {
    const win = {} as Window & { dataLayer?: unknown[]; gtag?: unknown };
    const gtag = gtagPush(win);
    gtag('consent', 'update', { ad_storage: 'granted' });
    gtag('set', 'url_passthrough', true);
    expect(win.dataLayer).toHaveLength(2);
    const first = win.dataLayer![0];
    expect(Array.isArray(first)).toBe(false);
    expect(Object.prototype.toString.call(first)).toBe('[object Arguments]');
    expect(Array.from(first as ArrayLike<unknown>)).toEqual(['consent', 'update', { ad_storage: 'granted' }]);
    expect(win.gtag).toBeUndefined();
  });

  it('uses an existing, custom-named data layer', () => {
    const layer: unknown[] = [{ event: 'gtm.js' }];
    const win = { tagLayer: layer } as unknown as Window;
    gtagPush(win, 'tagLayer')('consent', 'update', {});
    expect(layer).toHaveLength(2);
    expect(Array.from(layer[1] as ArrayLike<unknown>)).toEqual(['consent', 'update', {}]);
  });
});
