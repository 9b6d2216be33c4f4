import { describe, expect, it, vi } from 'vitest';
import type { ConsentChange } from '../../core/src/consentConfig';
import type { Decision, Receipt } from '../../core/src/types';
import { validateReceipt } from '../../collector/src/validateReceipt';
import { buildReceipt, createReceiptSender, EMPTY_TEXT_HASH } from './createReceiptSender';

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
  ] as const)('action: %s', (_, previous, next, action, expected) => {
    expect(buildReceipt(change(next, { previous, action }), { gpc: false, page: PAGE }).action).toBe(expected);
  });
});

const receipt = (id: string): Receipt => buildReceipt(change({ ...decision({}), id }), { gpc: false, page: PAGE });
const memoryStorage = () => {
  const data = new Map<string, string>();
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
    kept: () => JSON.parse(data.get('tagrelay:receipts') || '[]').map((r: Receipt) => r.consent_id),
  } as unknown as Storage & { kept(): string[] };
};
const answer = (status: number) => Promise.resolve({ ok: status >= 200 && status < 300, status });
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('createReceiptSender', () => {
  it('POSTs the receipt as text/plain JSON with keepalive and stores nothing when delivered', async () => {
    const fetchFn = vi.fn(() => answer(201));
    const storage = memoryStorage();
    const sender = createReceiptSender({ url: '/t/c', report: vi.fn() }, fetchFn, () => storage);
    await sender.send(receipt('a1'));
    expect(fetchFn).toHaveBeenCalledWith('/t/c', {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
      body: JSON.stringify(receipt('a1')),
      keepalive: true,
      credentials: 'same-origin',
    });
    expect(storage.getItem('tagrelay:receipts')).toBeNull();
  });

  it.each([['network error'], [500], [503], [429], [408]])('keeps the receipt after %s', async (failure) => {
    const fetchFn = vi.fn(() => (typeof failure == 'number' ? answer(failure) : Promise.reject(new TypeError('Failed to fetch'))));
    const storage = memoryStorage();
    const report = vi.fn();
    await createReceiptSender({ url: '/t/c', report }, fetchFn, () => storage).send(receipt('a1'));
    expect(storage.kept()).toEqual(['a1']);
    expect(report).not.toHaveBeenCalled();
  });

  it.each([[400], [404], [413]])('drops and reports a receipt refused with %s', async (status) => {
    const storage = memoryStorage();
    const report = vi.fn();
    await createReceiptSender({ url: '/t/c', report }, () => answer(status), () => storage).send(receipt('a1'));
    expect(storage.kept()).toEqual([]);
    expect(report).toHaveBeenCalledWith(expect.objectContaining({ code: 'receipt_refused', status }));
  });

  it('keeps at most 20, dropping the oldest', async () => {
    const storage = memoryStorage();
    const sender = createReceiptSender({ url: '/t/c', report: vi.fn() }, () => answer(503), () => storage);
    for (let i = 0; i < 22; i++) await sender.send(receipt(`r${i}`));
    expect(storage.kept()).toEqual(Array.from({ length: 20 }, (_, i) => `r${i + 2}`));
  });

  it('retry() resends kept receipts in order and forgets the delivered and refused ones', async () => {
    const storage = memoryStorage();
    const statuses = [503, 503, 503, 200, 400, 200];
    const fetchFn = vi.fn(() => answer(statuses.shift()!));
    const report = vi.fn();
    const sender = createReceiptSender({ url: '/t/c', report }, fetchFn, () => storage);
    for (const id of ['a', 'b', 'c']) await sender.send(receipt(id));
    expect(storage.kept()).toEqual(['a', 'b', 'c']);
    sender.retry();
    sender.retry(); // already retrying: no second round
    await settle();
    expect(fetchFn.mock.calls.slice(3).map((call) => JSON.parse((call as unknown as [string, RequestInit])[1].body as string).consent_id)).toEqual(['a', 'b', 'c']);
    expect(storage.kept()).toEqual([]);
    expect(report).toHaveBeenCalledOnce();
  });

  it('retry() stops at the first failure and keeps the rest', async () => {
    const storage = memoryStorage();
    const statuses = [503, 503, 200, 503];
    const fetchFn = vi.fn(() => answer(statuses.shift()!));
    const sender = createReceiptSender({ url: '/t/c', report: vi.fn() }, fetchFn, () => storage);
    await sender.send(receipt('a'));
    await sender.send(receipt('b'));
    sender.retry();
    await settle();
    expect(fetchFn).toHaveBeenCalledTimes(4);
    expect(storage.kept()).toEqual(['b']);
  });

  it('survives blocked or corrupt storage', async () => {
    const blocked = () => {
      throw new DOMException('denied', 'SecurityError');
    };
    const sender = createReceiptSender({ url: '/t/c', report: vi.fn() }, () => answer(503), blocked);
    await expect(sender.send(receipt('a'))).resolves.toBeUndefined();
    expect(() => sender.retry()).not.toThrow();
    const storage = memoryStorage();
    storage.setItem('tagrelay:receipts', '{not json');
    const fetchFn = vi.fn(() => answer(200));
    createReceiptSender({ url: '/t/c', report: vi.fn() }, fetchFn, () => storage).retry();
    await settle();
    expect(fetchFn).not.toHaveBeenCalled();
  });
});
