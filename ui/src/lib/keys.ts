// The window's keyboard shortcuts, as a pure function of the key event.

export type Shortcut = 'previous' | 'next' | 'home';

/** Whether the key goes to a text field rather than to the window. */
export function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.matches('input, textarea, select');
}

/** `[` / Alt+Left: previous level; `]` / Alt+Right: next level; Escape: home. */
export function shortcut(event: KeyboardEvent): Shortcut | null {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.isComposing) return null;
  if (event.key === 'Escape') return event.altKey || event.shiftKey ? null : 'home';
  if (typing(event.target)) return null;
  if (event.altKey) {
    if (event.key === 'ArrowLeft') return 'previous';
    if (event.key === 'ArrowRight') return 'next';
    return null;
  }
  if (event.key === '[') return 'previous';
  if (event.key === ']') return 'next';
  return null;
}

/**
 * Ctrl+K or Cmd+K anywhere, or `/` outside a text field: go to the search box. Shift is
 * allowed with `/`, which some keyboard layouts need to type it.
 */
export function isSearchKey(event: KeyboardEvent): boolean {
  if (event.defaultPrevented || event.isComposing || event.altKey) return false;
  if (event.ctrlKey || event.metaKey) {
    return !event.shiftKey && !(event.ctrlKey && event.metaKey) && event.key.toLowerCase() === 'k';
  }
  return event.key === '/' && !typing(event.target);
}
