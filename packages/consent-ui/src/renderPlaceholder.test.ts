// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { renderPlaceholder } from './renderPlaceholder';

describe('renderPlaceholder', () => {
  it('puts a text and a button before the iframe, with no inline style, and removes itself', () => {
    document.body.innerHTML = '<main><iframe data-src="https://video.example/1"></iframe></main>';
    const iframe = document.querySelector('iframe')!;
    const onAllow = vi.fn();
    const remove = renderPlaceholder(iframe, { text: 'Video from <b>YouTube</b> needs Marketing.', button: 'Allow', onAllow });
    const box = iframe.previousElementSibling as HTMLElement;
    expect(box.className).toBe('tr-placeholder');
    expect(box.querySelector('p')!.textContent).toBe('Video from <b>YouTube</b> needs Marketing.');
    expect(box.querySelector('b')).toBeNull();
    const button = box.querySelector('button')!;
    expect(button.type).toBe('button');
    expect(button.textContent).toBe('Allow');
    expect(document.querySelectorAll('[style]')).toHaveLength(0);
    button.click();
    expect(onAllow).toHaveBeenCalledOnce();
    remove();
    expect(document.querySelector('.tr-placeholder')).toBeNull();
    expect(document.querySelector('main')!.firstElementChild).toBe(iframe);
  });
});
