import { describe, expect, it, vi } from 'vitest';
import type { Decision } from '../../core/src/types';
import { vendorSwitches } from './vendorSwitches';

const decision = (marketing: boolean, vd?: Decision['vd']): Decision => ({
  v: 1, id: 'k3J9x', ts: 1, rev: 1, c: { necessary: true, analytics: false, marketing }, ...(vd && { vd }),
});
const page = () => {
  const ttq = Object.assign([] as unknown[], { grantConsent: vi.fn(), revokeConsent: vi.fn() });
  return { fbq: vi.fn(), ttq };
};

describe('vendorSwitches', () => {
  it.each([
    ['marketing granted', decision(true), ['grant'], 'grantConsent'],
    ['marketing denied', decision(false), ['revoke'], 'revokeConsent'],
    ['marketing granted, Meta turned off', decision(true, { meta: false }), ['revoke'], 'grantConsent'],
    ['marketing granted, TikTok turned off', decision(true, { tiktok: false, meta: true }), ['grant'], 'revokeConsent'],
    ['marketing denied, a vendor still listed as on', decision(false, { meta: true, tiktok: true }), ['revoke'], 'revokeConsent'],
  ] as const)('%s', (_, d, meta, tiktokCall) => {
    const win = page();
    vendorSwitches(win as unknown as Window, d);
    expect(win.fbq.mock.calls).toEqual([['consent', ...meta]]);
    const other = tiktokCall == 'grantConsent' ? 'revokeConsent' : 'grantConsent';
    expect(win.ttq[tiktokCall]).toHaveBeenCalledOnce();
    expect(win.ttq[tiktokCall].mock.contexts[0]).toBe(win.ttq);
    expect(win.ttq[other]).not.toHaveBeenCalled();
  });

  it('does nothing for vendors not on the page', () => {
    expect(() => vendorSwitches({ fbq: 'not a function', ttq: {} } as unknown as Window, decision(true))).not.toThrow();
  });

  it('a throwing vendor does not stop the others, and is reported', () => {
    const win = page();
    win.fbq.mockImplementation(() => {
      throw new Error('fbevents broke');
    });
    const report = vi.fn();
    vendorSwitches(win as unknown as Window, decision(false), report);
    expect(win.ttq.revokeConsent).toHaveBeenCalledOnce();
    expect(report).toHaveBeenCalledWith(expect.objectContaining({ code: 'vendor_switch_failed', vendor: 'meta', message: expect.stringContaining('fbevents broke') }));
  });
});
