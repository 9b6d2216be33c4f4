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
};

/** Body of `POST {endpoint}/e`. `dropped` counts events the browser had to evict. */
export type EventBatch = { v: 1; events: WireEvent[]; dropped?: number };

/** One rejected event in a 2xx answer. */
export type Rejection = { index: number; code: string; message: string };

/** 2xx answer of `POST {endpoint}/e`. */
export type BatchResult = { accepted: number; duplicates?: number; rejected: Rejection[] };

/** A problem reported through `on('error')` and, in debug mode, the console. */
export type Problem = { code: string; message: string; [detail: string]: unknown };
