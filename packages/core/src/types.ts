import type { PixelMode } from './pixelModes';

/** A parameter value an event may carry: JSON data, at most a few levels deep. */
export type ParamValue =
  | string
  | number
  | boolean
  | null
  | ParamValue[]
  | { [key: string]: ParamValue };

export type Params = { [key: string]: ParamValue };

/**
 * The visitor's choices per purpose. `necessary` is always on; sites may add
 * their own categories beside `analytics` and `marketing`.
 */
export type Choices = {
  necessary: true;
  analytics: boolean;
  marketing: boolean;
  [category: string]: boolean;
};

/** A stored consent decision, as kept in the first-party `tr_consent` cookie. */
export type Decision = {
  /** Format version of the stored decision. */
  v: 1;
  /** Consent id: identifies this decision in receipts, nothing else. */
  id: string;
  /** When the decision was made, ms since epoch. */
  ts: number;
  /** Policy revision the decision was made under. */
  rev: number;
  /** Choices per category. */
  c: Choices;
  /** Choices per vendor inside marketing (`{ meta: true, tiktok: false }`); a vendor not listed follows `c.marketing`. */
  vd?: { [vendor: string]: boolean };
  /** Set when the decision was made while the browser signalled Global Privacy Control: marketing granted then is an explicit override. */
  g?: 1;
};

/** Page context captured when an event is tracked. */
export type PageContext = { url: string; referrer: string; title: string };

/** Hashed user data: every value is a lowercase SHA-256 hex digest. */
export type HashedUser = {
  em?: string;
  /** Phone, digits only with country code and no `+` (Meta, Snap). */
  ph?: string;
  /** Phone in E.164 with the `+` (Google, TikTok). */
  ph_e164?: string;
  fn?: string;
  ln?: string;
  ge?: string;
  db?: string;
  ct?: string;
  st?: string;
  zp?: string;
  country?: string;
  external_id?: string;
};

/** Raw user data handed to `identify()`. Never stored or sent as is. */
export type UserInput = {
  email?: string;
  phone?: string;
  first_name?: string;
  last_name?: string;
  gender?: string;
  birthdate?: string;
  city?: string;
  state?: string;
  zip?: string;
  country?: string;
  external_id?: string;
};

/** Click identifiers read from landing URLs (marketing consent only). */
export type ClickIds = { [key: string]: string };

/** The event as it travels on the wire to `POST {endpoint}/e`. */
export type WireEvent = {
  id: string;
  name: string;
  ts: number;
  params: Params;
  consent: Choices;
  page: PageContext;
  anon_id?: string;
  session_id?: string;
  user?: HashedUser;
  click?: ClickIds;
  /**
   * The marketing vendors of `pixels` this visitor allowed, each with its path (`client`: the browser
   * pixel only; `server` or `both`: the endpoint forwards it). Absent vendors were refused. Marketing only.
   */
  vendors?: { [vendor: string]: PixelMode };
};

/** Body of `POST {endpoint}/e`. `dropped` counts events the browser had to evict. */
export type EventBatch = { v: 1; events: WireEvent[]; dropped?: number };

/** One rejected event in a 2xx answer. */
export type Rejection = { index: number; code: string; message: string };

/** 2xx answer of `POST {endpoint}/e`. */
export type BatchResult = { accepted: number; duplicates?: number; rejected: Rejection[] };

/**
 * A consent receipt, the body of `POST {endpoint}/c`: sent on every decision,
 * change and withdrawal, and stored append-only as the proof of consent
 * (GDPR art. 7(1); COMPLIANCE.md rule 5). Nothing identifying beyond the
 * consent id: no IP, no user agent, no anon or session id.
 *
 * @example { v: 1, consent_id: 'k3J9x', ts: 1748779200000, choices: { necessary: true, analytics: true, marketing: false }, rev: 3, lang: 'pl', text_hash: 'e3b0…b855', layer: 'banner', action: 'save', gpc: false }
 */
export type Receipt = {
  /** Format version of the receipt. */
  v: 1;
  /** The decision's consent id (`Decision.id`, EVENT_ID pattern): links the receipts of one browser's decisions. */
  consent_id: string;
  /** When the visitor decided, ms since epoch (client clock; same bounds as an event's `ts`). */
  ts: number;
  /** Choices per category after this decision; `necessary` is true when present. */
  choices: Choices;
  /** Choices per vendor inside marketing, by vendor key (`/^[a-z][a-z0-9_-]{0,31}$/`, e.g. `meta`). */
  vendors?: { [vendor: string]: boolean };
  /** Policy revision the decision was made under (a positive integer, `Decision.rev`). */
  rev: number;
  /** Language of the texts shown, BCP 47 style (`en`, `pl`, `pt-BR`). */
  lang: string;
  /** Lowercase SHA-256 hex digest of the texts shown, so the exact wording can be proven later. */
  text_hash: string;
  /** Where the decision was made: a banner layer, an iframe placeholder, a `consent()` call, or the GPC default. */
  layer: 'banner' | 'preferences' | 'placeholder' | 'api' | 'gpc';
  /** What the visitor did, or `gpc_default` when Global Privacy Control decided. */
  action: 'accept_all' | 'reject_all' | 'save' | 'withdraw' | 'update' | 'gpc_default' | 'opt_out';
  /** Whether the browser signalled Global Privacy Control (`navigator.globalPrivacyControl`). */
  gpc: boolean;
  /** The http(s) page the decision was made on, without its query string (it can carry personal data). */
  page?: string;
};

/** A problem reported through `on('error')` and, in debug mode, the console. */
export type Problem = { code: string; message: string; [detail: string]: unknown };
