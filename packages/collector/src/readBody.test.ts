import { describe, expect, it } from 'vitest';
import { readBody } from './readBody';

/** A request whose body arrives in chunks, with no Content-Length (like chunked encoding). */
function chunked(chunks: Uint8Array[], headers: Record<string, string> = {}) {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled < chunks.length) controller.enqueue(chunks[pulled++]);
      else controller.close();
    },
  }, { highWaterMark: 0 }); // pull only when read, so the test sees what was read
  const request = new Request('http://x/', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);
  return { request, pulled: () => pulled };
}

describe('readBody', () => {
  it('reads UTF-8 text', async () => {
    const request = new Request('http://x/', { method: 'POST', body: '{"a":"zażółć"}' });
    expect(await readBody(request, 100)).toEqual({ text: '{"a":"zażółć"}' });
  });

  it('reads an empty body', async () => {
    expect(await readBody(new Request('http://x/', { method: 'POST' }), 10)).toEqual({ text: '' });
  });

  it('refuses on Content-Length alone, before reading', async () => {
    const { request, pulled } = chunked([new Uint8Array(5)], { 'content-length': '11' });
    expect(await readBody(request, 10)).toEqual({ error: 'too_large' });
    expect(pulled()).toBe(0);
  });

  it('counts the bytes of a body without Content-Length and stops reading when over', async () => {
    const { request, pulled } = chunked([new Uint8Array(6), new Uint8Array(6), new Uint8Array(6)]);
    expect(await readBody(request, 10)).toEqual({ error: 'too_large' });
    expect(pulled()).toBeLessThan(3);
  });

  it('counts the bytes when Content-Length lies', async () => {
    const { request } = chunked([new Uint8Array(8), new Uint8Array(8)], { 'content-length': '2' });
    expect(await readBody(request, 10)).toEqual({ error: 'too_large' });
  });

  it('accepts exactly the limit', async () => {
    const { request } = chunked([new TextEncoder().encode('12345'), new TextEncoder().encode('67890')]);
    expect(await readBody(request, 10)).toEqual({ text: '1234567890' });
  });

  it('refuses bytes that are not UTF-8', async () => {
    const { request } = chunked([new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])]);
    expect(await readBody(request, 10)).toEqual({ error: 'invalid_utf8' });
  });
});
