import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'libsql';
import type { WireEvent } from '@tagrelay/core';

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

/** What the request carried besides the events. */
export type InsertMeta = {
  receivedAt: number;
  userAgent?: string;
  ip?: string;
  /** Events the browser reported as evicted from its outbox. */
  dropped?: number;
};

/** The collector's event store. Synchronous: libsql (better-sqlite3's API) blocks briefly per write. */
export type Store = {
  /** Stores events in one transaction; an id already stored is ignored and counted as a duplicate. */
  insertEvents(events: WireEvent[], meta: InsertMeta): { inserted: number; duplicates: number };
  /** Stored events, oldest first. */
  listEvents(filter?: EventFilter): StoredEvent[];
  countEvents(): number;
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
  user_agent TEXT,
  ip TEXT
);
CREATE INDEX IF NOT EXISTS events_received_at ON events (received_at);
CREATE INDEX IF NOT EXISTS events_name ON events (name);
CREATE TABLE IF NOT EXISTS client_drops (received_at INTEGER, dropped INTEGER);
`;

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
};

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

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
  return event;
}

/**
 * Opens (creating if needed) the SQLite event store. `':memory:'` gives a
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

  // Not INSERT OR IGNORE: that would also skip rows breaking NOT NULL and
  // count them as duplicates. Only a known id is ignored (idempotent resend).
  const insert = db.prepare(
    `INSERT INTO events
       (id, name, ts, received_at, anon_id, session_id, consent, page, params, user, click, user_agent, ip)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO NOTHING`,
  );
  const insertDrops = db.prepare('INSERT INTO client_drops (received_at, dropped) VALUES (?, ?)');
  const count = db.prepare('SELECT COUNT(*) AS n FROM events');

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
        (marketing && meta.userAgent) || null,
        (marketing && meta.ip) || null,
      ).changes;
    }
    if (meta.dropped) insertDrops.run(meta.receivedAt, meta.dropped);
    return { inserted, duplicates: events.length - inserted };
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
      const sql = `SELECT id, name, ts, received_at, anon_id, session_id, consent, page, params, user, click
        FROM events ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY received_at DESC, rowid DESC LIMIT ?`;
      const rows = db.prepare(sql).all(...args, limit) as Row[];
      return rows.reverse().map(toEvent);
    },
    countEvents: () => (count.get() as { n: number }).n,
    close: () => void db.close(),
  };
}
