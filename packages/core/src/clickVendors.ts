/**
 * The vendor each key of an event's `click` belongs to: the landing page's
 * click ids (lower-cased: Snap's `ScCid` travels as `sccid`), Meta's `fbc` and
 * `fbp`, and the ids vendor scripts set. The browser carries a vendor's ids
 * only while it is allowed; the endpoint drops those of a vendor refused since.
 */
export const CLICK_VENDOR: { [key: string]: string } = {
  fbc: 'meta',
  fbp: 'meta',
  ttclid: 'tiktok',
  ttp: 'tiktok',
  li_fat_id: 'linkedin',
  gclid: 'google',
  gbraid: 'google',
  wbraid: 'google',
  sccid: 'snap',
  scid: 'snap',
  twclid: 'x',
  rdt_cid: 'reddit',
  rdt_uuid: 'reddit',
};
