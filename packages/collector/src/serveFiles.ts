import { realpathSync, statSync, type Stats } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import type { Context, Handler } from 'hono';
import { getMimeType } from 'hono/utils/mime';

export type ServeFilesOptions = {
  /** Folder to serve; must exist. */
  root: string;
  /** URL path the folder is mounted at, ending with `/` (e.g. `/tagrelay/`). */
  prefix: string;
  /** File served for a path ending in `/`; none means 404. */
  index?: string;
  /** Serve `x.br` / `x.gz` beside `x` when the client accepts them. */
  precompressed?: boolean;
  /** Cache-Control value for a file (its path relative to root). */
  cacheControl: (file: string) => string;
  /** Extra headers on every file answer. */
  headers?: Record<string, string>;
  /** Only files with these extensions (e.g. `['.html', '.css']`) are served; default any. */
  extensions?: string[];
};

/** Preferred first: brotli is smaller than gzip for JavaScript. */
const ENCODINGS = [
  ['br', '.br'],
  ['gzip', '.gz'],
] as const;

/** Codings the client accepts, honouring `;q=0` refusals and `*`. */
function acceptedEncodings(header: string | undefined): Set<string> {
  const q = new Map<string, number>();
  for (const part of (header ?? '').split(',')) {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (!coding) continue;
    const weight = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    q.set(coding, weight ? Number(weight.slice(2)) : 1);
  }
  const accepted = new Set<string>();
  for (const [coding] of ENCODINGS) {
    const weight = q.get(coding) ?? q.get('*') ?? 0;
    if (weight > 0) accepted.add(coding);
  }
  return accepted;
}

/**
 * URL path below the prefix → path segments, or undefined when the path could
 * leave the folder or reach hidden files. `..` is normally resolved by the URL
 * parser, but `..%2F`, `%5C` and the like only appear after decoding.
 */
function safeSegments(rest: string): string[] | undefined {
  const segments: string[] = [];
  for (const raw of rest.split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
    if (!segment || segment.startsWith('.') || /[/\\\0]/.test(segment)) return undefined;
    segments.push(segment);
  }
  return segments;
}

/** True when `If-None-Match` lists this ETag (weak comparison, RFC 9110 13.1.2). */
function notModified(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() == '*') return true;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => bare(tag) == bare(etag));
}

/**
 * Serves the files of one folder with ETag/304, precompressed siblings and a
 * Cache-Control per file. A missing or refused path answers 404, never a
 * file from outside `root` (symlinks included).
 *
 * @example app.get('/tagrelay/*', serveFiles({ root: 'dist/cdn', prefix: '/tagrelay/', cacheControl: () => 'no-cache' }))
 */
export function serveFiles(options: ServeFilesOptions): Handler {
  const { prefix, index, precompressed = false, cacheControl, headers = {}, extensions } = options;
  if (!statSync(options.root, { throwIfNoEntry: false })?.isDirectory()) {
    throw new Error(`serveFiles: ${options.root} is not a folder`);
  }
  const root = realpathSync(options.root);
  const inside = root.endsWith(sep) ? root : root + sep;

  /** A regular file whose real path (symlinks resolved) is inside root. */
  async function fileAt(path: string): Promise<Stats | undefined> {
    try {
      const stats = await stat(path);
      return stats.isFile() && (await realpath(path)).startsWith(inside) ? stats : undefined;
    } catch {
      return undefined;
    }
  }

  return async (c: Context) => {
    const pathname = new URL(c.req.url).pathname;
    if (!pathname.startsWith(prefix)) return c.notFound();
    let rest = pathname.slice(prefix.length);
    if (rest == '' || rest.endsWith('/')) {
      if (!index) return c.notFound();
      rest += index;
    }
    const segments = safeSegments(rest);
    if (!segments) return c.notFound();
    const file = segments.join('/');
    if (extensions && !extensions.some((ext) => file.endsWith(ext))) return c.notFound();
    let path = join(root, ...segments);
    let stats = await fileAt(path);
    if (!stats) return c.notFound();

    const type = getMimeType(file) ?? 'application/octet-stream';
    let encoding: string | undefined;
    if (precompressed) {
      const accepted = acceptedEncodings(c.req.header('accept-encoding'));
      for (const [coding, suffix] of ENCODINGS) {
        const sibling = accepted.has(coding) ? await fileAt(path + suffix) : undefined;
        if (sibling) {
          encoding = coding;
          path += suffix;
          stats = sibling;
          break;
        }
      }
    }

    // A stat-based ETag (as nginx does): cheap, and distinct per encoding,
    // since each encoding is a different representation.
    const etag = `"${stats.size.toString(36)}-${Math.floor(stats.mtimeMs).toString(36)}${encoding ? `-${encoding}` : ''}"`;
    c.header('ETag', etag);
    c.header('Cache-Control', cacheControl(file));
    if (precompressed) c.header('Vary', 'Accept-Encoding', { append: true });
    for (const [name, value] of Object.entries(headers)) c.header(name, value);
    if (notModified(c.req.header('if-none-match'), etag)) return c.body(null, 304);

    c.header('Content-Type', type);
    if (encoding) c.header('Content-Encoding', encoding);
    return c.body(await readFile(path), 200);
  };
}
