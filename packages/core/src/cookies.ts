/** Reads one cookie from a `document.cookie` string. */
export function readCookie(name: string, cookies: string): string | undefined {
  return cookies.split('; ').find((part) => part.startsWith(name + '='))?.slice(name.length + 1);
}

export type CookieOptions = {
  /** Seconds; 0 deletes the cookie. */
  maxAge: number;
  /** e.g. '.example.com' so one value covers the site's subdomains. */
  domain?: string | undefined;
};

/** Writes (or, with maxAge 0, deletes) a first-party cookie: Lax, and Secure on https. */
export function writeCookie(name: string, value: string, { maxAge, domain }: CookieOptions, doc: Document = document): void {
  doc.cookie =
    `${name}=${value}; path=/; max-age=${maxAge}; SameSite=Lax` +
    (domain ? `; domain=${domain}` : '') +
    (doc.location?.protocol == 'https:' ? '; Secure' : '');
}
