import { describe, expect, it } from 'vitest';
import type { Decision } from '../../core/src/types';
import { consentModeUpdate } from './consentModeUpdate';

const decision = (c: Partial<Decision['c']>, vd?: Decision['vd']): Decision => ({
  v: 1, id: 'k3J9x', ts: 1, rev: 1, c: { necessary: true, analytics: false, marketing: false, ...c }, ...(vd && { vd }),
});

describe('consentModeUpdate', () => {
  it("pushes gtag('consent', 'update') and then the GTM event", () => {
    const win = {} as Window & { dataLayer: unknown[] };
    consentModeUpdate(decision({ analytics: true, marketing: true }, { meta: false }), win);
    const [update, reset, event] = win.dataLayer;
    expect(Object.prototype.toString.call(update)).toBe('[object Arguments]');
    expect(Array.from(update as ArrayLike<unknown>)).toEqual([
      'consent',
      'update',
      expect.objectContaining({ ad_storage: 'granted', ad_user_data: 'granted', analytics_storage: 'granted' }),
    ]);
    expect(reset).toEqual({ tagrelay_consent: null });
    expect(event).toEqual({
      event: 'tagrelay_consent',
      tagrelay_consent: { necessary: true, analytics: true, marketing: true, vendors: { meta: false } },
    });
  });

  it('denies on a withdrawal, with empty vendors when there are none, on a named data layer', () => {
    const layer: unknown[] = [];
    const win = { tagLayer: layer } as unknown as Window;
    consentModeUpdate(decision({}), win, 'tagLayer');
    expect(Array.from(layer[0] as ArrayLike<unknown>)[2]).toMatchObject({ ad_storage: 'denied', analytics_storage: 'denied' });
    expect(layer[2]).toEqual({ event: 'tagrelay_consent', tagrelay_consent: { necessary: true, analytics: false, marketing: false, vendors: {} } });
  });
});
