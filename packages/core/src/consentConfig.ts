import type { PixelMode } from './pixelModes';
import type { Choices, Decision, Receipt } from './types';

/**
 * Every text the consent UI shows, by key. English and Polish are complete;
 * German, French and Spanish ship too. Any key can be overridden per language
 * in `consent.texts`; texts are always rendered as text, never as HTML.
 * `{vendor}` and `{category}` are placeholders filled in where noted.
 */
export type ConsentTexts = {
  /** Banner heading. */
  title: string;
  /** Banner body: what is asked and why. */
  description: string;
  accept_all: string;
  reject_all: string;
  customize: string;
  save: string;
  /** Closes the preferences without changing anything. */
  close: string;
  /** Link text of the site's privacy policy (`consent.policyUrl`). */
  policy: string;
  /** Heading of the preferences layer. */
  preferences_title: string;
  preferences_description: string;
  /** Shown instead of a switch for the always-on category. */
  always_on: string;
  necessary: string;
  necessary_description: string;
  analytics: string;
  analytics_description: string;
  marketing: string;
  marketing_description: string;
  /** Heading of the vendor list inside marketing. */
  vendors: string;
  /** Link text of a vendor's privacy policy. */
  vendor_policy: string;
  /** What a marketing vendor does, unless `pixels.<vendor>.purpose` says otherwise. */
  vendor_purpose: string;
  /** Told when `navigator.globalPrivacyControl` is on; must name Global Privacy Control. */
  gpc: string;
  /** Opt-out mode notice (US state laws). */
  opt_out_title: string;
  opt_out_description: string;
  /** The opt-out control; its text is fixed by CCPA/CPRA. */
  do_not_sell: string;
  /** Acknowledges the opt-out notice. */
  ok: string;
  /** Accessible name of the floating button that reopens the preferences. */
  settings: string;
  /** Placeholder of a blocked iframe: `{vendor}` (data-tr-vendor or the host) and `{category}`. */
  placeholder: string;
  placeholder_button: string;
};

/** A site-defined category beyond necessary/analytics/marketing. */
export type CategoryConfig = {
  /** Label per language (`{ en: 'Preferences', pl: 'Preferencje' }`) or one for all. */
  label: string | { [lang: string]: string };
  description?: string | { [lang: string]: string };
};

/** Google Consent Mode v2 options (COMPLIANCE.md 8). */
export type GoogleConsentModeOptions = {
  /** Defaults for some regions (ISO 3166-1/2 codes, e.g. `['US-CA']`): what is granted there before a decision. */
  regions?: { region: string[]; analytics?: boolean; marketing?: boolean }[];
  /** ms Google tags wait for an `update` before firing (default 500 while no decision). */
  waitForUpdate?: number;
  /**
   * `gtag('set', …)` parameters issued with the defaults, in Google's names:
   * `{ ads_data_redaction: true, url_passthrough: true }`.
   */
  set?: { ads_data_redaction?: boolean; url_passthrough?: boolean; [parameter: string]: unknown };
  /** Name of the data layer (default `dataLayer`). */
  dataLayer?: string;
};

/** The `consent` section of `init()`'s config. */
export type ConsentConfig = {
  /** Policy revision: a stored decision made under a lower revision is asked again. */
  revision?: number;
  /** Days a decision is kept (default 182, about 6 months; at most 395, 13 months). */
  days?: number;
  cookieName?: string;
  /** e.g. `.example.com` so one decision covers the site's subdomains. */
  cookieDomain?: string;
  /** `'auto'` (default): `<html lang>`, then `navigator.language`; or a language code. */
  lang?: string;
  /** The site's privacy policy, linked from the first layer. */
  policyUrl?: string;
  /**
   * `'opt-in'` (default, GDPR/ePrivacy): nothing before a choice. `'opt-out'`
   * (CCPA/CPRA and similar): tags run until the visitor opts out or GPC is on.
   */
  mode?: 'opt-in' | 'opt-out';
  /** Honour Global Privacy Control (default true). */
  gpc?: boolean;
  /** `false`: no built-in banner (the site shows its own and calls `consent('update')`). */
  ui?: boolean;
  /** A floating button on every page that reopens the preferences. */
  button?: boolean;
  /** Text overrides per language: `{ en: { title: 'Cookies?' } }`. */
  texts?: { [lang: string]: Partial<ConsentTexts> };
  /** Site-defined categories, shown after analytics and marketing. */
  categories?: { [key: string]: CategoryConfig };
  /** Google Consent Mode v2: on by default; `false` turns it off. */
  googleConsentMode?: boolean | GoogleConsentModeOptions;
};

/** Where and how a decision was made: what its receipt records. */
export type ChangeInfo = {
  layer: Receipt['layer'];
  action: Receipt['action'];
  /** Language of the texts shown. */
  lang?: string;
  /** SHA-256 hex of the texts shown. */
  text_hash?: string;
};

/** A decision was made (`on('change')`): the decision, the one before, and how. */
export type ConsentChange = ChangeInfo & {
  decision: Decision;
  previous: Decision | undefined;
  /** Made in another tab, which sent the receipt. */
  remote?: boolean;
  /** Choices per vendor as given to `update()`. */
  vendors?: VendorChoices;
};

/** Choices per vendor inside marketing, by vendor key (`meta`, `tiktok`, ...). */
export type VendorChoices = { [vendor: string]: boolean };

export type { Choices };

/**
 * One entry of `pixels`: the platform's own options (ids, events) come with
 * the pixel shims; what the consent UI shows is common to all. A site's own
 * vendor (a key tagrelay has no shim for) must bring `name` and `policyUrl`.
 */
export type PixelConfig = {
  /** Name shown in the vendor list (known platforms have one). */
  name?: string;
  /** The vendor's privacy policy (known platforms have one). */
  policyUrl?: string;
  /** What the vendor does, shown in the vendor list. */
  purpose?: string;
  /** The browser pixel, the server forwarder, or both (default both with an endpoint, else client). */
  mode?: PixelMode;
  /** URL of the vendor script to load instead of the vendor's own host: a self-hosted or proxied copy. */
  script?: string;
  [option: string]: unknown;
};
