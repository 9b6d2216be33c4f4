/**
 * Limits shared by the browser and the endpoint, so both judge an event the
 * same way: what the SDK accepts, the endpoint stores.
 */
export const limits = {
  /** Event names: a letter, then letters, digits or `_` (GA4 style, longer). */
  nameMaxLength: 64,
  paramKeyMaxLength: 40,
  stringMaxLength: 1000,
  arrayMaxLength: 200,
  /** Object nesting below `params` (items[] of objects is depth 2). */
  paramDepth: 3,
  /** Serialised size of one event. */
  eventMaxBytes: 16 * 1024,
  /** Events and body size per batch sent by the browser. */
  batchMaxEvents: 50,
  batchMaxBytes: 60 * 1000,
  /** Chrome, Safari and Firefox share one 64 KiB budget for all in-flight keepalive bodies. */
  keepaliveBudgetBytes: 64 * 1024,
  urlMaxLength: 2048,
  titleMaxLength: 512,
  idMaxLength: 64,
  clickIdMaxLength: 500,
} as const;

export const EVENT_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
export const EVENT_ID = /^[A-Za-z0-9_-]{1,64}$/;
export const SHA256_HEX = /^[a-f0-9]{64}$/;
/** A consent category's name (`analytics`, a site's own `preferences`). */
export const CATEGORY_KEY = /^[A-Za-z][\w-]{0,39}$/;
/** A vendor's key in `pixels`, receipts and decisions (`meta`, `tiktok`, a site's own `acme-crm`). */
export const VENDOR_KEY = /^[a-z][a-z0-9_-]{0,31}$/;
/** Keys that could pollute prototypes when objects are merged downstream. */
export const FORBIDDEN_KEYS = ['__proto__', 'constructor', 'prototype'];
