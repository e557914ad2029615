// The window with the Rust side replaced by `mockIPC`: every command answered from the
// fixtures unless a test overrides it, and each call recorded.

import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import App from '../src/App.svelte';
import type { AppError } from '../src/bindings/AppError';
import type { LevelView } from '../src/bindings/LevelView';
import type { LoadStatus } from '../src/bindings/LoadStatus';
import { cleanFramework, e2, neighbour, results } from './fixtures';

export type Call = { cmd: string; args: Record<string, unknown> };
export type Handler = (args: Record<string, unknown>) => unknown;

export const levels: Record<string, LevelView> = {
  'eng/e1': neighbour('e1'),
  'eng/e2': e2,
  'eng/e3': neighbour('e3'),
};

/**
 * The pages the window asked the shell to remember (`remember_view`), in order. They
 * follow every navigation, so they are kept out of the calls a test reads.
 */
export const remembered: unknown[] = [];

/**
 * What `load_status` answers: search ready unless a test sets another stage. Like
 * `remember_view`, its calls (the window asks while a framework opens) are kept out of
 * the calls a test reads.
 */
export const loadStatus: { now: LoadStatus } = { now: { stage: 'ready' } };

/** Mocks every command; returns the list of calls the UI made, in order. */
export function backend(
  overrides: Record<string, Handler> = {},
  options: { shouldMockEvents?: boolean } = {},
): Call[] {
  const calls: Call[] = [];
  remembered.length = 0;
  loadStatus.now = { stage: 'ready' };
  const handlers: Record<string, Handler> = {
    open_startup: () => cleanFramework,
    open_framework: () => cleanFramework,
    choose_folder: () => null,
    level_view: ({ track, level }) => {
      const view = levels[`${track}/${level}`];
      if (!view) throw { kind: 'not-found', message: `No level ${level}.` } satisfies AppError;
      return view;
    },
    search: () => results([]),
    open_external: () => null,
    remember_view: () => null,
    load_status: () => loadStatus.now,
    last_view: () => null,
    // No file was handed to Rung to open.
    pending_open: () => null,
    case_drafts: () => [],
    case_draft_save: () => null,
    case_draft_discard: () => null,
    ...overrides,
  };
  mockIPC((cmd, args) => {
    const payload = (args ?? {}) as Record<string, unknown>;
    if (cmd === 'remember_view') remembered.push(payload.view);
    else if (cmd === 'load_status') {
      // Asked every few tenths of a second while a framework opens: not a call to read.
    }
    else calls.push({ cmd, args: payload });
    const handler = handlers[cmd];
    if (!handler) throw new Error(`unexpected command ${cmd}`);
    return handler(payload);
    // Events (the shell's live reload) are always mocked, so `listen` works in every test.
  }, { shouldMockEvents: true, ...options });
  return calls;
}

export async function startApp(
  overrides: Record<string, Handler> = {},
  options: { shouldMockEvents?: boolean } = {},
) {
  const calls = backend(overrides, options);
  const result = render(App);
  await screen.findByText('Tracks and levels');
  // The start ends by asking for a file handed to Rung; home can show before that, while
  // the search index is still being built, so a test's first step waits for the end.
  await waitFor(() => {
    if (!calls.some((c) => c.cmd === 'pending_open')) throw new Error('the start has not finished');
  });
  return { calls, container: result.container };
}

export function levelLink(key: string): HTMLAnchorElement {
  const link = document.querySelector<HTMLAnchorElement>(`a.level-link[data-level="${key}"]`);
  if (!link) throw new Error(`no link for ${key}`);
  return link;
}

export async function openE2(
  overrides: Record<string, Handler> = {},
  options: { shouldMockEvents?: boolean } = {},
) {
  const started = await startApp(overrides, options);
  await fireEvent.click(levelLink('eng/e2'));
  await screen.findByRole('heading', { level: 1, name: 'Software Engineer II' });
  return started;
}

export function expectationIds(): string[] {
  return [...document.querySelectorAll<HTMLElement>('li.expectation')].map((li) => li.dataset.id ?? '');
}
