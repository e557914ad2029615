// jsdom lacks layout: give the window the few scrolling calls the UI makes.
import { afterEach } from 'vitest';
import { clearMocks } from '@tauri-apps/api/mocks';

window.scrollTo = () => {};
Element.prototype.scrollIntoView = function scrollIntoView() {};

afterEach(() => {
  clearMocks();
});
