import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'libsql';
import type { Receipt, WireEvent } from '@tagrelay/core';

/** An event as stored, with the server's receive time (ms since epoch). */
export type StoredEvent = WireEvent & { received_at: number };

/** Filters of `listEvents`: all optional, combined with AND. */
export type EventFilter = {
  name?: string;
  id?: string;
  /** Only events received at or after this time (ms since epoch). */
  since?: number;
  /** The newest `limit` matching events are returned. Default 1000. */
  limit?: number;
};

/** A consent receipt as stored: `seq` is its place in the append-only log, `received_at` the server's receive time (ms). */
export type StoredReceipt = Receipt & { seq: number; received_at: number };

/** What the request carried besides the events. */
export type InsertMeta = {
  receivedAt: number;
  userAgent?: string;
  ip?: string;
  /** Events the browser reported as evicted from its outbox. */
  dropped?: number;
};

/** The collector's store of events and consent receipts. Synchronous: libsql (better-sqlite3's API) blocks briefly per write. */
export type Store = {
  /** Stores events in one transaction; an id already stored is ignored and counted as a duplicate. */
  insertEvents(events: WireEvent[], meta: InsertMeta): { inserted: number; duplicates: number };
  /** Stored events, oldest first. */
  listEvents(filter?: EventFilter): StoredEvent[];
  countEvents(): number;
  /**
   * Appends a consent receipt. The same receipt again (same consent_id, ts
   * and action: a browser retry) is not stored twice; its first `seq` is returned.
   * A different receipt under a stored key is not stored either, and comes back
   * with `conflict: true`. There is no update or delete: receipts are the proof
   * of consent (GDPR art. 7(1)).
   */
  insertReceipt(receipt: Receipt, receivedAt: number): { stored: boolean; seq: number; conflict?: true };
  /** The receipts of one consent id, oldest decision first. */
  listReceipts(filter: { consentId: string }): StoredReceipt[];
  close(): void;
};

const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  ts INTEGER NOT NULL,
  received_at INTEGER NOT NULL,
  anon_id TEXT,
  session_id TEXT,
  consent TEXT NOT NULL,
  page TEXT NOT NULL,
  params TEXT NOT NULL,
  user TEXT,
  click TEXT,
  vendors TEXT,
  user_agent TEXT,
  ip TEXT
);
CREATE INDEX IF NOT EXISTS events_received_at ON events (received_at);
CREATE INDEX IF NOT EXISTS events_name ON events (name);
CREATE TABLE IF NOT EXISTS client_drops (received_at INTEGER, dropped INTEGER);

-- Proof of consent (COMPLIANCE.md rule 5): the receipt as validated, and when
-- it arrived. No IP and no user agent: nothing identifying beyond the receipt.
CREATE TABLE IF NOT EXISTS consent_receipts (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  consent_id TEXT NOT NULL,
  ts INTEGER NOT NULL,
  received_at INTEGER NOT NULL,
  action TEXT NOT NULL,
  body TEXT NOT NULL,
  UNIQUE (consent_id, ts, action)
);
CREATE INDEX IF NOT EXISTS consent_receipts_consent_id ON consent_receipts (consent_id);
-- Append-only even for direct SQL. The INSERT guard is needed too: REPLACE
-- (and INSERT OR REPLACE) deletes the row it replaces without firing DELETE
-- triggers unless recursive_triggers is on, which a raw connection may not set.
CREATE TRIGGER IF NOT EXISTS consent_receipts_no_update BEFORE UPDATE ON consent_receipts
BEGIN SELECT RAISE(ABORT, 'consent_receipts is append-only'); END;
CREATE TRIGGER IF NOT EXISTS consent_receipts_no_delete BEFORE DELETE ON consent_receipts
BEGIN SELECT RAISE(ABORT, 'consent_receipts is append-only'); END;
CREATE TRIGGER IF NOT EXISTS consent_receipts_no_replace BEFORE INSERT ON consent_receipts
WHEN EXISTS (SELECT 1 FROM consent_receipts WHERE seq = NEW.seq
  OR (consent_id = NEW.consent_id AND ts = NEW.ts AND action = NEW.action))
BEGIN SELECT RAISE(ABORT, 'consent_receipts is append-only'); END;
`;

/**
 * Columns added after the first release, with their types. `CREATE TABLE IF NOT EXISTS`
 * leaves an existing file's table as it was, so these are added to it on open.
 */
const ADDED_EVENT_COLUMNS: [name: string, type: string][] = [['vendors', 'TEXT']];

type Row = {
  id: string;
  name: string;
  ts: number;
  received_at: number;
  anon_id: string | null;
  session_id: string | null;
  consent: string;
  page: string;
  params: string;
  user: string | null;
  click: string | null;
  vendors: string | null;
};

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

/** JSON with object keys sorted: two receipts with the same content compare equal whatever their key order. */
const canonical = (value: unknown) =>
  JSON.stringify(value, (_, v: unknown) =>
    typeof v == 'object' && v != null && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );

function toEvent(row: Row): StoredEvent {
  const event: StoredEvent = {
    id: row.id,
    name: row.name,
    ts: row.ts,
    params: JSON.parse(row.params),
    consent: JSON.parse(row.consent),
    page: JSON.parse(row.page),
    received_at: row.received_at,
  };
  if (row.anon_id != null) event.anon_id = row.anon_id;
  if (row.session_id != null) event.session_id = row.session_id;
  if (row.user != null) event.user = JSON.parse(row.user);
  if (row.click != null) event.click = JSON.parse(row.click);
  if (row.vendors != null) event.vendors = JSON.parse(row.vendors);
  return event;
}

/**
 * Opens (creating if needed) the SQLite store of events and consent receipts. `':memory:'` gives a
 * throw-away store for tests.
 *
 * @example const store = openStore({ path: '.data/events.db' })
 */
export function openStore({ path = ':memory:' }: { path?: string } = {}): Store {
  if (path != ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  // WAL lets /events reads run beside writes; synchronous=FULL because the
  // endpoint answers 2xx only once events are durable (CONTRACT.md section 4):
  // the browser deletes them from its outbox on that answer.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  // IMMEDIATE: two processes opening one old file cannot both see a column missing and both add it.
  db.transaction(() => {
    const columns = (db.prepare('PRAGMA table_info(events)').all() as { name: string }[]).map((c) => c.name);
    for (const [name, type] of ADDED_EVENT_COLUMNS) {
      if (!columns.includes(name)) db.exec(`ALTER TABLE events ADD COLUMN ${name} ${type}`);
    }
  }).immediate();

  // Not INSERT OR IGNORE: that would also skip rows breaking NOT NULL and
  // count them as duplicates. Only a known id is ignored (idempotent resend).
  const insert = db.prepare(
    `INSERT INTO events
       (id, name, ts, received_at, anon_id, session_id, consent, page, params, user, click, vendors, user_agent, ip)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO NOTHING`,
  );
  const insertDrops = db.prepare('INSERT INTO client_drops (received_at, dropped) VALUES (?, ?)');
  const count = db.prepare('SELECT COUNT(*) AS n FROM events');
  // Looked up before inserting (not ON CONFLICT DO NOTHING): the INSERT guard
  // above aborts any insert of a key already stored.
  const findReceipt = db.prepare('SELECT seq, body FROM consent_receipts WHERE consent_id = ? AND ts = ? AND action = ?');
  const insertReceiptRow = db.prepare(
    'INSERT INTO consent_receipts (consent_id, ts, received_at, action, body) VALUES (?, ?, ?, ?, ?)',
  );
  // By the decision's time: a retried receipt can arrive after a later one, and
  // one consent id is one browser, one clock. seq breaks ties in arrival order.
  const selectReceipts = db.prepare(
    'SELECT seq, received_at, body FROM consent_receipts WHERE consent_id = ? ORDER BY ts, seq',
  );

  const insertAll = db.transaction((events: WireEvent[], meta: InsertMeta) => {
    let inserted = 0;
    for (const e of events) {
      // User agent and IP are only needed by the server-side forwarders,
      // which only run with marketing consent: otherwise not kept (GDPR art. 5(1)(c)).
      const marketing = e.consent.marketing;
      inserted += insert.run(
        e.id,
        e.name,
        e.ts,
        meta.receivedAt,
        e.anon_id ?? null,
        e.session_id ?? null,
        JSON.stringify(e.consent),
        JSON.stringify(e.page),
        JSON.stringify(e.params),
        json(e.user),
        json(e.click),
        json(e.vendors),
        (marketing && meta.userAgent) || null,
        (marketing && meta.ip) || null,
      ).changes;
    }
    if (meta.dropped) insertDrops.run(meta.receivedAt, meta.dropped);
    return { inserted, duplicates: events.length - inserted };
  });

  const appendReceipt = db.transaction((receipt: Receipt, receivedAt: number) => {
    const existing = findReceipt.get(receipt.consent_id, receipt.ts, receipt.action) as { seq: number; body: string } | undefined;
    if (existing) {
      // A retry carries the same content; anything else under the key would
      // silently lose a decision, so the caller is told rather than answered as a duplicate.
      return canonical(JSON.parse(existing.body)) == canonical(receipt)
        ? { stored: false, seq: existing.seq }
        : { stored: false, seq: existing.seq, conflict: true as const };
    }
    const { lastInsertRowid } = insertReceiptRow.run(receipt.consent_id, receipt.ts, receivedAt, receipt.action, JSON.stringify(receipt));
    return { stored: true, seq: Number(lastInsertRowid) };
  });

  return {
    insertEvents: (events, meta) => insertAll(events, meta),
    listEvents({ name, id, since, limit = 1000 } = {}) {
      const conditions: [string, unknown][] = [];
      if (name !== undefined) conditions.push(['name = ?', name]);
      if (id !== undefined) conditions.push(['id = ?', id]);
      if (since !== undefined) conditions.push(['received_at >= ?', since]);
      const where = conditions.map(([sql]) => sql);
      const args = conditions.map(([, arg]) => arg);
      const sql = `SELECT id, name, ts, received_at, anon_id, session_id, consent, page, params, user, click, vendors
        FROM events ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY received_at DESC, rowid DESC LIMIT ?`;
      const rows = db.prepare(sql).all(...args, limit) as Row[];
      return rows.reverse().map(toEvent);
    },
    countEvents: () => (count.get() as { n: number }).n,
    // IMMEDIATE takes the write lock before the lookup: two processes on one
    // file cannot both miss the same receipt and race to insert it.
    insertReceipt: (receipt, receivedAt) => appendReceipt.immediate(receipt, receivedAt),
    listReceipts: ({ consentId }) =>
      (selectReceipts.all(consentId) as { seq: number; received_at: number; body: string }[]).map(({ seq, received_at, body }) => ({
        ...(JSON.parse(body) as Receipt),
        seq,
        received_at,
      })),
    close: () => void db.close(),
  };
}
