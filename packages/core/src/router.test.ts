import { describe, expect, it } from 'vitest';
import { minimize, route } from './router';
import type { Choices, Decision, WireEvent } from './types';

const decision = (c: Partial<Choices>): Decision => ({
  v: 1,
  id: 'c1',
  ts: 0,
  rev: 1,
  c: { necessary: true, analytics: false, marketing: false, ...c },
});

describe('route (ARCHITECTURE.md routing table)', () => {
  it.each([
    ['no decision yet', undefined, 'hold'],
    ['analytics only', decision({ analytics: true }), 'send'],
    ['marketing only', decision({ marketing: true }), 'send'],
    ['both', decision({ analytics: true, marketing: true }), 'send'],
    ['rejected all', decision({}), 'drop'],
    ['a site category alone', decision({ functional: true }), 'drop'],
  ] as const)('%s → %s', (_, d, expected) => {
    expect(route(d)).toBe(expected);
  });
});

describe('minimize', () => {
  const event: WireEvent = {
    id: 'e1',
    name: 'purchase',
    ts: 1,
    params: {},
    page: { url: 'https://shop.test/', referrer: '', title: '' },
    consent: decision({ analytics: true, marketing: true }).c,
    anon_id: 'a',
    session_id: 's',
    user: { em: 'f'.repeat(64) },
    click: { gclid: 'g' },
  };
  it('analytics only: no user data or click ids, ids kept', () => {
    const c = decision({ analytics: true }).c;
    const out = minimize(event, c);
    expect(out).toMatchObject({ anon_id: 'a', session_id: 's', consent: c });
    expect(out.user).toBeUndefined();
    expect(out.click).toBeUndefined();
  });
  it('marketing only: user data and click ids, no analytics ids', () => {
    const out = minimize(event, decision({ marketing: true }).c);
    expect(out.user).toEqual(event.user);
    expect(out.click).toEqual(event.click);
    expect(out.anon_id).toBeUndefined();
    expect(out.session_id).toBeUndefined();
  });
  it('does not change the event it was given', () => {
    minimize(event, decision({}).c);
    expect(event.user).toBeDefined();
  });
});
