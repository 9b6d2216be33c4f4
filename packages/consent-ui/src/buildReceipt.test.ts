import { describe, expect, it } from 'vitest';
import type { ConsentChange } from '../../core/src/consentConfig';
import type { Decision } from '../../core/src/types';
import { validateReceipt } from '../../collector/src/validateReceipt';
import { buildReceipt, EMPTY_TEXT_HASH } from './buildReceipt';

const HASH = 'a'.repeat(64);
const decision = (c: Partial<Decision['c']>, vd?: Decision['vd']): Decision => ({
  v: 1, id: 'k3J9x', ts: 1748779200000, rev: 3, c: { necessary: true, analytics: false, marketing: false, ...c }, ...(vd && { vd }),
});
const change = (d: Decision, more: Partial<ConsentChange> = {}): ConsentChange => ({
  decision: d, previous: undefined, layer: 'preferences', action: 'save', lang: 'pl', text_hash: HASH, ...more,
});
const PAGE = 'https://shop.example/cart/?email=a@b.example&t=1#step2';

describe('buildReceipt', () => {
  it('records the decision, the texts and the page without query or hash', () => {
    const d = decision({ analytics: true, marketing: true }, { meta: false });
    expect(buildReceipt(change(d), { gpc: true, page: PAGE })).toEqual({
      v: 1,
      consent_id: 'k3J9x',
      ts: 1748779200000,
      choices: { necessary: true, analytics: true, marketing: true },
      vendors: { meta: false },
      rev: 3,
      lang: 'pl',
      text_hash: HASH,
      layer: 'preferences',
      action: 'save',
      gpc: true,
      page: 'https://shop.example/cart/',
    });
  });

  it('builds what the endpoint accepts', () => {
    const id = 'AbCdEfGhIjKlMnOpQrStU';
    const d = { ...decision({ analytics: true, marketing: true }, { meta: false }), id, ts: Date.now() };
    const api = change(d, { previous: decision({ marketing: true }), layer: 'api', action: 'update', lang: undefined, text_hash: undefined });
    for (const c of [change(d), api]) {
      const r = buildReceipt(c, { gpc: false, page: PAGE, lang: 'pt-BR' });
      expect(validateReceipt(JSON.stringify(r))).toEqual({ receipt: r });
    }
  });

  it('has no vendors without vendor choices, and no page off http(s)', () => {
    const r = buildReceipt(change(decision({})), { gpc: false, page: 'file:///tmp/x.html' });
    expect('vendors' in r).toBe(false);
    expect('page' in r).toBe(false);
  });

  it('hashes the empty text for a consent() call and falls back to the document language, then und', () => {
    const api = change(decision({ analytics: true }), { layer: 'api', action: 'update', lang: undefined, text_hash: undefined });
    expect(buildReceipt(api, { gpc: false, page: PAGE, lang: 'en-GB' })).toMatchObject({ text_hash: EMPTY_TEXT_HASH, lang: 'en-GB', action: 'update' });
    expect(buildReceipt(api, { gpc: false, page: PAGE, lang: 'en_GB' }).lang).toBe('und');
    expect(buildReceipt(api, { gpc: false, page: PAGE }).lang).toBe('und');
  });

  const all = decision({ analytics: true, marketing: true }, { meta: true });
  it.each([
    ['a category switched off', all, decision({ analytics: false, marketing: true }, { meta: true }), 'save', 'withdraw'],
    ['a vendor switched off', all, decision({ analytics: true, marketing: true }, { meta: false }), 'save', 'withdraw'],
    ['an api update that removes marketing', all, decision({ analytics: true }, { meta: true }), 'update', 'withdraw'],
    ['only more allowed', decision({}), all, 'save', 'save'],
    ['nothing changed', all, all, 'update', 'update'],
    ['no previous decision', undefined, decision({}), 'save', 'save'],
    ['reject all keeps its action', all, decision({}), 'reject_all', 'reject_all'],
    ['a vendor allowed alone (an embed) switched off', decision({}, { youtube: true }), decision({}, { youtube: false }), 'save', 'withdraw'],
  ] as const)('action: %s', (_, previous, next, action, expected) => {
    expect(buildReceipt(change(next, { previous, action }), { gpc: false, page: PAGE }).action).toBe(expected);
  });
});
