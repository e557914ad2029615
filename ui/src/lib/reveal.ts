// Bringing one part of a page to the person after they chose it in the search: scroll it
// into view, give it the keyboard focus and mark it with `.targeted`, whose background
// fades calmly (app.css; without motion when the system asks for less).

import { prefersReducedMotion } from './links';

/** The class of what a search opened; only one element has it at a time. */
export const TARGETED = 'targeted';

/** Scrolls `element` into view, focuses `focus` (itself by default) and marks it. */
export function reveal(
  element: HTMLElement,
  { block = 'center', focus = element }: { block?: ScrollLogicalPosition; focus?: HTMLElement } = {},
): void {
  element.scrollIntoView?.({ block, behavior: prefersReducedMotion() ? 'auto' : 'smooth' });
  if (!focus.hasAttribute('tabindex') && !focus.matches('a[href], button, input, select, textarea, summary')) {
    focus.setAttribute('tabindex', '-1');
  }
  focus.focus({ preventScroll: true });
  highlight(element);
}

/** Marks `element` as the target, afresh so that its fade plays again. */
export function highlight(element: HTMLElement): void {
  for (const old of document.querySelectorAll(`.${TARGETED}`)) old.classList.remove(TARGETED);
  // Read the layout between removing and adding the class, so the animation restarts.
  void element.offsetWidth;
  element.classList.add(TARGETED);
}
