export type PlaceholderOptions = {
  /** The paragraph, `{vendor}` and `{category}` already filled in. */
  text: string;
  /** The button's text. */
  button: string;
  onAllow(): void;
};

/**
 * Shows a `<div class="tr-placeholder">` with a text and a button before a
 * blocked iframe; returns what removes it (activateElements calls it when the
 * iframe is activated). Unstyled, so it passes a strict CSP: the site styles
 * `.tr-placeholder`.
 *
 * @example const remove = renderPlaceholder(iframe, { text: 'YouTube needs your consent.', button: 'Allow', onAllow })
 */
export function renderPlaceholder(iframe: HTMLIFrameElement, o: PlaceholderOptions, doc: Document = iframe.ownerDocument): () => void {
  const box = doc.createElement('div');
  box.className = 'tr-placeholder';
  const text = doc.createElement('p');
  text.textContent = o.text;
  const button = doc.createElement('button');
  button.type = 'button';
  button.textContent = o.button;
  button.addEventListener('click', () => o.onAllow());
  box.append(text, button);
  iframe.before(box);
  return () => box.remove();
}
