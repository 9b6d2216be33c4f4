import { readCookie, writeCookie } from './cookies';
import { createId } from './createId';

export type VisitorIds = {
  /** Visitor and session ids, created on first use; only call with analytics consent. */
  get(): { anon_id: string; session_id: string };
  /** Deletes both cookies (consent withdrawn). */
  clear(): void;
};

const SESSION_MS = 30 * 60_000;
/** 13 months: the ceiling for audience-measurement cookies (COMPLIANCE.md 7). */
const VISITOR_DAYS = 390;

/**
 * The analytics identifiers, in first-party cookies the endpoint can read too.
 * The cookies are read once; the session's rolling expiry is written at most
 * once a minute, never on every event.
 */
export function createVisitorIds(
  { domain, anonCookie = 'tr_aid', sessionCookie = 'tr_sid' }: { domain?: string | undefined; anonCookie?: string; sessionCookie?: string } = {},
  doc: Document = document,
  now = Date.now,
): VisitorIds {
  let anon: string | undefined;
  let session: string | undefined;
  let seen = 0;
  let written = 0;
  let loaded = false;
  return {
    get() {
      const t = now();
      if (!loaded) {
        loaded = true;
        anon = readCookie(anonCookie, doc.cookie);
        const [id, last] = (readCookie(sessionCookie, doc.cookie) || '').split('.');
        if (id && last) [session, seen] = [id, parseInt(last, 36)];
      }
      if (!anon) {
        anon = createId();
        writeCookie(anonCookie, anon, { maxAge: VISITOR_DAYS * 86400, domain }, doc);
      }
      if (!session || t - seen > SESSION_MS) [session, written] = [createId(), 0];
      seen = t;
      if (t - written > 60_000) {
        written = t;
        writeCookie(sessionCookie, `${session}.${t.toString(36)}`, { maxAge: SESSION_MS / 1000, domain }, doc);
      }
      return { anon_id: anon, session_id: session };
    },
    clear() {
      anon = session = undefined;
      loaded = true;
      // Only cookies that exist are deleted: a refusal writes nothing at all.
      for (const name of [anonCookie, sessionCookie]) {
        if (readCookie(name, doc.cookie) != null) writeCookie(name, '', { maxAge: 0, domain }, doc);
      }
    },
  };
}
