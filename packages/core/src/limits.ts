/**
 * Limits shared by the browser and the endpoint, so both judge an event the
 * same way: what the SDK accepts, the endpoint stores.
 */
export const limits = {
  paramKeyMaxLength: 40,
  stringMaxLength: 1000,
  arrayMaxLength: 200,
  /** Object nesting below `params` (items[] of objects is depth 2). */
  paramDepth: 3,
  /** Serialised size of one event. */
  eventMaxBytes: 16 * 1024,
  /** Events per batch sent by the browser. */
  batchMaxEvents: 50,
  urlMaxLength: 2048,
  titleMaxLength: 512,
} as const;

/** Longest click id kept (Meta ignores an fbclid over 500 characters), in the browser and at the endpoint. */
export const CLICK_ID_MAX_LENGTH = 500;

export const EVENT_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
export const EVENT_ID = /^[A-Za-z0-9_-]{1,64}$/;
export const SHA256_HEX = /^[a-f0-9]{64}$/;
/** A consent category's name (`analytics`, a site's own `preferences`). */
export const CATEGORY_KEY = /^[A-Za-z][\w-]{0,39}$/;
/** A vendor's key in `pixels`, receipts and decisions (`meta`, `tiktok`, a site's own `acme-crm`). */
export const VENDOR_KEY = /^[a-z][a-z0-9_-]{0,31}$/;
/** Keys that could pollute prototypes when objects are merged downstream. */
export const FORBIDDEN_KEYS = ['__proto__', 'constructor', 'prototype'];
