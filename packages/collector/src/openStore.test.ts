import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'libsql';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Receipt, WireEvent } from '@tagrelay/core';
import { openStore } from './openStore';

const event = (id: string, overrides: Partial<WireEvent> = {}): WireEvent => ({
  id,
  name: 'page_view',
  ts: 1_700_000_000_000,
  params: { items: [{ item_id: 'a', price: 1.5 }] },
  consent: { necessary: true, analytics: true, marketing: true },
  page: { url: 'https://shop.example/', referrer: '', title: 'Shop' },
  ...overrides,
});

const receipt = (overrides: Partial<Receipt> = {}): Receipt => ({
  v: 1,
  consent_id: 'c1',
  ts: 1_700_000_000_000,
  choices: { necessary: true, analytics: true, marketing: false },
  vendors: { meta: false },
  rev: 2,
  lang: 'en',
  text_hash: 'd'.repeat(64),
  layer: 'banner',
  action: 'save',
  gpc: false,
  page: 'https://shop.example/',
  ...overrides,
});

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tagrelay-store-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('openStore', () => {
  it('round-trips events: JSON columns parsed, empty columns omitted', () => {
    const store = openStore({ path: ':memory:' });
    const full = event('a', { anon_id: 'anon', session_id: 'sess', user: { em: 'f'.repeat(64) }, click: { gclid: 'g1' } });
    store.insertEvents([full, event('b')], { receivedAt: 5 });
    expect(store.listEvents()).toEqual([
      { ...full, received_at: 5 },
      { ...event('b'), received_at: 5 },
    ]);
    expect(Object.keys(store.listEvents({ id: 'b' })[0])).not.toContain('user');
    store.close();
  });

  it('stores the allowed vendors and reads them back', () => {
    const store = openStore();
    const vendors = { meta: 'both', tiktok: 'client', 'acme-crm': 'server' } as const;
    store.insertEvents([event('a', { vendors }), event('b')], { receivedAt: 3 });
    expect(store.listEvents().map((e) => e.vendors)).toEqual([vendors, undefined]);
    expect(store.listEvents({ id: 'b' })[0]).not.toHaveProperty('vendors');
    store.close();
  });

  it('adds the vendors column to a database file created before it existed, keeping its rows', () => {
    const path = join(dir, 'old.db');
    const old = new Database(path);
    old.exec(`CREATE TABLE events (
      id TEXT PRIMARY KEY, name TEXT NOT NULL, ts INTEGER NOT NULL, received_at INTEGER NOT NULL,
      anon_id TEXT, session_id TEXT, consent TEXT NOT NULL, page TEXT NOT NULL, params TEXT NOT NULL,
      user TEXT, click TEXT, user_agent TEXT, ip TEXT)`);
    const e = event('old', { click: { gclid: 'g1' } });
    old.prepare('INSERT INTO events (id, name, ts, received_at, consent, page, params, click) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(e.id, e.name, e.ts, 1, JSON.stringify(e.consent), JSON.stringify(e.page), JSON.stringify(e.params), JSON.stringify(e.click));
    old.close();

    const store = openStore({ path });
    store.insertEvents([event('new', { vendors: { meta: 'server' } })], { receivedAt: 2 });
    expect(store.listEvents()).toEqual([
      { ...e, received_at: 1 },
      { ...event('new', { vendors: { meta: 'server' } }), received_at: 2 },
    ]);
    store.close();
    // opening again does not try to add it twice
    const again = openStore({ path });
    expect(again.countEvents()).toBe(2);
    again.close();

    const db = new Database(path);
    const columns = (db.prepare('PRAGMA table_info(events)').all() as { name: string }[]).map((c) => c.name);
    expect(columns.filter((c) => c == 'vendors')).toEqual(['vendors']);
    db.close();
  });

  it('is idempotent by id, within one call and across calls', () => {
    const store = openStore();
    expect(store.insertEvents([event('a'), event('a'), event('b')], { receivedAt: 1 })).toEqual({ inserted: 2, duplicates: 1 });
    expect(store.insertEvents([event('a', { name: 'changed' })], { receivedAt: 2 })).toEqual({ inserted: 0, duplicates: 1 });
    expect(store.countEvents()).toBe(2);
    expect(store.listEvents({ id: 'a' })).toMatchObject([{ name: 'page_view', received_at: 1 }]);
  });

  it('writes a batch in one transaction: a failing row stores none of it', () => {
    const store = openStore();
    const broken = { ...event('c'), name: null } as unknown as WireEvent;
    expect(() => store.insertEvents([event('a'), event('b'), broken], { receivedAt: 1, dropped: 2 })).toThrow();
    expect(store.countEvents()).toBe(0);
  });

  it('filters by name, id and since; returns the newest `limit`, oldest first', () => {
    const store = openStore();
    store.insertEvents([event('a'), event('b', { name: 'purchase' })], { receivedAt: 100 });
    store.insertEvents([event('c'), event('d', { name: 'purchase' })], { receivedAt: 200 });
    const ids = (filter: Parameters<typeof store.listEvents>[0]) => store.listEvents(filter).map((e) => e.id);
    expect(ids({})).toEqual(['a', 'b', 'c', 'd']);
    expect(ids({ name: 'purchase' })).toEqual(['b', 'd']);
    expect(ids({ id: 'c' })).toEqual(['c']);
    expect(ids({ since: 200 })).toEqual(['c', 'd']);
    expect(ids({ since: 201 })).toEqual([]);
    expect(ids({ limit: 3 })).toEqual(['b', 'c', 'd']);
    expect(ids({ name: 'purchase', since: 100, limit: 1 })).toEqual(['d']);
  });

  it('keeps rows in a file across close and reopen, creating the folder', () => {
    const path = join(dir, 'nested', 'deeper', 'events.db');
    const first = openStore({ path });
    first.insertEvents([event('a')], { receivedAt: 1 });
    first.close();
    const second = openStore({ path });
    expect(second.listEvents()).toEqual([{ ...event('a'), received_at: 1 }]);
    expect(second.insertEvents([event('a')], { receivedAt: 2 })).toEqual({ inserted: 0, duplicates: 1 });
    second.close();
  });

  it('uses WAL with synchronous=FULL, so a 2xx means the write is on disk', () => {
    const path = join(dir, 'events.db');
    openStore({ path }).close();
    const db = new Database(path);
    expect(db.pragma('journal_mode')).toEqual([{ journal_mode: 'wal' }]);
    db.close();
  });

  it('keeps user agent and IP only for events with marketing consent, and logs client drops', () => {
    const path = join(dir, 'events.db');
    const store = openStore({ path });
    const analyticsOnly = event('a', { consent: { necessary: true, analytics: true, marketing: false } });
    store.insertEvents([analyticsOnly, event('m')], { receivedAt: 7, userAgent: 'UA/1', ip: '203.0.113.9', dropped: 4 });
    store.insertEvents([event('n')], { receivedAt: 8, dropped: 0 });
    store.close();

    const db = new Database(path);
    expect(db.prepare('SELECT id, user_agent, ip FROM events ORDER BY id').all()).toEqual([
      { id: 'a', user_agent: null, ip: null },
      { id: 'm', user_agent: 'UA/1', ip: '203.0.113.9' },
      { id: 'n', user_agent: null, ip: null },
    ]);
    expect(db.prepare('SELECT received_at, dropped FROM client_drops').all()).toEqual([{ received_at: 7, dropped: 4 }]);
    db.close();
  });

  describe('consent receipts', () => {
    it('appends receipts with increasing seq and lists one consent id, oldest decision first', () => {
      const store = openStore();
      const later = receipt({ ts: 1_700_000_005_000, action: 'withdraw', choices: { necessary: true, analytics: false, marketing: false } });
      expect(store.insertReceipt(later, 20)).toEqual({ stored: true, seq: 1 });
      expect(store.insertReceipt(receipt({ consent_id: 'other' }), 21)).toEqual({ stored: true, seq: 2 });
      // a retry of the earlier decision arrives last
      expect(store.insertReceipt(receipt(), 22)).toEqual({ stored: true, seq: 3 });
      expect(store.listReceipts({ consentId: 'c1' })).toEqual([
        { ...receipt(), seq: 3, received_at: 22 },
        { ...later, seq: 1, received_at: 20 },
      ]);
      expect(store.listReceipts({ consentId: 'nobody' })).toEqual([]);
    });

    it('stores the same consent_id + ts + action once, returning the first seq', () => {
      const store = openStore();
      expect(store.insertReceipt(receipt(), 1)).toEqual({ stored: true, seq: 1 });
      expect(store.insertReceipt(receipt(), 2)).toEqual({ stored: false, seq: 1 });
      expect(store.insertReceipt(receipt({ action: 'update' }), 3)).toEqual({ stored: true, seq: 2 });
      expect(store.insertReceipt(receipt({ ts: 1_700_000_000_001 }), 4)).toEqual({ stored: true, seq: 3 });
      expect(store.listReceipts({ consentId: 'c1' }).map((r) => [r.seq, r.received_at, r.choices.analytics])).toEqual([
        [1, 1, true],
        [2, 3, true],
        [3, 4, true],
      ]);
    });

    it('reports a different receipt under a stored key as a conflict and keeps the first', () => {
      const store = openStore();
      store.insertReceipt(receipt({ vendors: { meta: true, tiktok: false } }), 1);
      const refused = { necessary: true, analytics: false, marketing: false } as const;
      expect(store.insertReceipt(receipt({ vendors: { meta: true, tiktok: false }, choices: refused }), 2)).toEqual({ stored: false, seq: 1, conflict: true });
      expect(store.insertReceipt(receipt({ vendors: { meta: true, tiktok: false }, page: 'https://shop.example/other' }), 3)).toEqual({ stored: false, seq: 1, conflict: true });
      expect(store.insertReceipt(receipt({ vendors: { meta: true } }), 4)).toEqual({ stored: false, seq: 1, conflict: true });
      // The same content with its keys in another order is the same receipt: a duplicate.
      expect(store.insertReceipt(receipt({ vendors: { tiktok: false, meta: true } }), 5)).toEqual({ stored: false, seq: 1 });
      expect(store.listReceipts({ consentId: 'c1' })).toEqual([{ ...receipt({ vendors: { meta: true, tiktok: false } }), seq: 1, received_at: 1 }]);
    });

    it('keeps receipts in a file across close and reopen', () => {
      const path = join(dir, 'receipts.db');
      const first = openStore({ path });
      first.insertReceipt(receipt(), 1);
      first.close();
      const second = openStore({ path });
      expect(second.insertReceipt(receipt(), 2)).toEqual({ stored: false, seq: 1 });
      expect(second.insertReceipt(receipt({ consent_id: 'c2' }), 2)).toEqual({ stored: true, seq: 2 });
      expect(second.listReceipts({ consentId: 'c1' })).toEqual([{ ...receipt(), seq: 1, received_at: 1 }]);
      second.close();
    });

    it('has no update or delete in its API', () => {
      const store = openStore();
      expect(Object.keys(store).filter((key) => /receipt/i.test(key)).sort()).toEqual(['insertReceipt', 'listReceipts']);
    });

    it('is append-only even for direct SQL: UPDATE, DELETE and REPLACE abort', () => {
      const path = join(dir, 'receipts.db');
      const store = openStore({ path });
      store.insertReceipt(receipt(), 1);
      store.insertReceipt(receipt({ consent_id: 'c2' }), 2);
      store.close();

      const db = new Database(path);
      const rows = () => db.prepare('SELECT seq, consent_id, ts, received_at, action, body FROM consent_receipts ORDER BY seq').all();
      const before = rows();
      for (const sql of [
        `UPDATE consent_receipts SET body = '{"forged":true}' WHERE seq = 1`,
        "UPDATE consent_receipts SET action = 'accept_all'",
        'DELETE FROM consent_receipts WHERE seq = 1',
        'DELETE FROM consent_receipts',
        // REPLACE deletes the old row without firing DELETE triggers
        `INSERT OR REPLACE INTO consent_receipts (consent_id, ts, received_at, action, body) VALUES ('c1', 1700000000000, 9, 'save', '{}')`,
        `REPLACE INTO consent_receipts (seq, consent_id, ts, received_at, action, body) VALUES (1, 'x', 1, 9, 'save', '{}')`,
        `INSERT INTO consent_receipts (consent_id, ts, received_at, action, body) VALUES ('c1', 1700000000000, 9, 'save', '{}')
           ON CONFLICT DO UPDATE SET body = excluded.body`,
        "UPDATE OR REPLACE consent_receipts SET consent_id = 'c1' WHERE seq = 2",
      ]) {
        expect(() => db.exec(sql), sql).toThrow(/append-only/);
      }
      expect(rows()).toEqual(before);
      // appending stays possible
      db.exec(`INSERT INTO consent_receipts (consent_id, ts, received_at, action, body) VALUES ('c3', 1, 9, 'save', '{}')`);
      expect(rows()).toHaveLength(3);
      db.close();
    });

    it('has no column for an IP or a user agent', () => {
      const path = join(dir, 'receipts.db');
      openStore({ path }).close();
      const db = new Database(path);
      const columns = (db.prepare('PRAGMA table_info(consent_receipts)').all() as { name: string }[]).map((c) => c.name);
      expect(columns).toEqual(['seq', 'consent_id', 'ts', 'received_at', 'action', 'body']);
      db.close();
    });
  });
});
