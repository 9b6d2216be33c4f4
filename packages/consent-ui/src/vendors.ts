/** What the consent UI, withdrawal and the config check need to know about a vendor. */
export type VendorInfo = {
  /** Name shown to visitors. */
  name: string;
  /** The vendor's privacy policy (COMPLIANCE.md 10: reachable from the first layer). */
  policyUrl: string;
  /**
   * First-party cookies the vendor's script sets on the site, removed on
   * withdrawal (COMPLIANCE.md 6). A trailing `*` matches a prefix.
   */
  cookies: string[];
  /** Cookies that belong to analytics rather than marketing (Google Analytics). */
  analyticsCookies?: string[];
};

/**
 * The platforms tagrelay has shims for (PLATFORMS.md), keyed as in `pixels`.
 * A site's own vendor in `pixels` brings `name` and `policyUrl` itself.
 */
export const vendors: { [key: string]: VendorInfo } = {
  meta: { name: 'Meta (Facebook, Instagram)', policyUrl: 'https://www.facebook.com/privacy/policy/', cookies: ['_fbp', '_fbc'] },
  tiktok: { name: 'TikTok', policyUrl: 'https://www.tiktok.com/legal/privacy-policy', cookies: ['_ttp', '_tt_enable_cookie', 'ttcsid*'] },
  linkedin: { name: 'LinkedIn', policyUrl: 'https://www.linkedin.com/legal/privacy-policy', cookies: ['li_fat_id', '_li_ss'] },
  google: {
    name: 'Google (Ads, Analytics)',
    policyUrl: 'https://policies.google.com/privacy',
    cookies: ['_gcl_*'],
    analyticsCookies: ['_ga', '_ga_*', '_gid', '_gat*'],
  },
  pinterest: { name: 'Pinterest', policyUrl: 'https://policy.pinterest.com/privacy-policy', cookies: ['_pin_unauth', '_pinterest_ct_ua', '_epik'] },
  snap: { name: 'Snapchat', policyUrl: 'https://values.snap.com/privacy/privacy-policy', cookies: ['_scid', '_scid_r', '_sctr'] },
  x: { name: 'X (Twitter)', policyUrl: 'https://x.com/privacy', cookies: ['_twclid'] },
  reddit: { name: 'Reddit', policyUrl: 'https://www.reddit.com/policies/privacy-policy', cookies: ['_rdt_uuid', '_rdt_cid', '_rdt_em'] },
};
