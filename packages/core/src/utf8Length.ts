/** UTF-8 byte length without allocating an encoded copy. */
export function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0x7ff) n += c >= 0xd800 && c <= 0xdbff ? (i++, 2) : 2;
    else if (c > 0x7f) n++;
  }
  return n;
}
