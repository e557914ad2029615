// What a click on a link inside the window does. The webview itself never navigates:
// `#anchor` scrolls within the page, http(s) and mailto go to the system's browser,
// anything else (relative paths, `javascript:`, `file:`) does nothing.

export type LinkAction =
  | { kind: 'anchor'; id: string }
  | { kind: 'external'; url: string }
  | { kind: 'ignore' };

const EXTERNAL_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

/** Decides what to do with a link's `href` attribute, as written. */
export function linkAction(href: string | null): LinkAction {
  const raw = (href ?? '').trim();
  if (raw.startsWith('#')) {
    const id = safeDecode(raw.slice(1));
    return id === '' ? { kind: 'ignore' } : { kind: 'anchor', id };
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { kind: 'ignore' }; // relative or malformed
  }
  return EXTERNAL_SCHEMES.has(url.protocol) ? { kind: 'external', url: url.href } : { kind: 'ignore' };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Scrolls to the element with `id` and moves the focus there, as a browser would. */
export function scrollToAnchor(id: string): void {
  const target = document.getElementById(id) ?? document.getElementsByName(id)[0] ?? null;
  if (target === null) return;
  target.scrollIntoView?.({ block: 'start', behavior: prefersReducedMotion() ? 'auto' : 'smooth' });
  if (!target.hasAttribute('tabindex') && !isFocusable(target)) target.setAttribute('tabindex', '-1');
  target.focus({ preventScroll: true });
}

function isFocusable(element: Element): boolean {
  return element.matches('a[href], button, input, select, textarea, summary, [tabindex]');
}

export function prefersReducedMotion(): boolean {
  return window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
}
