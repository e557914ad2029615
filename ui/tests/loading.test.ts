// Opening a large framework: the first screen shows before search is ready, with how far
// opening has got; the search box says it is still indexing, and a query typed meanwhile
// runs once the index is ready. The backend is mocked; `load_status` answers what the
// test sets in `loadStatus.now`.

import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import App from '../src/App.svelte';
import type { FrameworkView } from '../src/bindings/FrameworkView';
import { loadingText } from '../src/state/loading.svelte';
import { cleanFramework, results, reviewHits } from './fixtures';
import { backend, loadStatus } from './harness';

function box(): HTMLInputElement {
  const input = document.querySelector<HTMLInputElement>('input#search');
  if (!input) throw new Error('no search box');
  return input;
}

function panelText(): string {
  return document.querySelector('#search-results')?.textContent ?? '';
}

function statusLine(): string {
  return document.querySelector('p.busy')?.textContent ?? '';
}

describe('opening a large framework', () => {
  it('says how far opening has got, in words', () => {
    expect(loadingText({ stage: 'reading', read: 1200, total: 4409 })).toBe('Reading files: 1,200 of 4,409…');
    expect(loadingText({ stage: 'reading', read: 0, total: 0 })).toBe('Reading files…');
    expect(loadingText({ stage: 'assembling', files: 4409 })).toBe('Putting together 4,409 files…');
    expect(loadingText({ stage: 'indexing', expectations: 320000 })).toBe(
      'Still indexing 320,000 expectations for search…',
    );
    expect(loadingText({ stage: 'ready' })).toBeNull();
  });

  it('shows the files read while the folder is read, before the first screen', async () => {
    let open: (view: FrameworkView) => void = () => undefined;
    backend({ open_startup: () => new Promise<FrameworkView>((resolve) => (open = resolve)) });
    loadStatus.now = { stage: 'reading', read: 1200, total: 4409 };
    render(App);
    await screen.findByText('Reading files: 1,200 of 4,409…');
    loadStatus.now = { stage: 'indexing', expectations: 320000 };
    open(cleanFramework);
    await screen.findByText('Tracks and levels');
  });

  it('keeps asking while the opening is unanswered, though the shell first says the last framework is ready', async () => {
    let open: (view: FrameworkView) => void = () => undefined;
    backend({ open_startup: () => new Promise<FrameworkView>((resolve) => (open = resolve)) });
    // Asked before the shell began reading: still the state of no framework at all.
    loadStatus.now = { stage: 'ready' };
    render(App);
    await new Promise((resolve) => setTimeout(resolve, 300));
    loadStatus.now = { stage: 'reading', read: 10, total: 4409 };
    await screen.findByText('Reading files: 10 of 4,409…');
    loadStatus.now = { stage: 'ready' };
    open(cleanFramework);
    await screen.findByText('Tracks and levels');
  });

  it('shows home while indexing; a search typed meanwhile waits, then runs once the index is ready', async () => {
    const calls = backend({ search: () => results(reviewHits) });
    loadStatus.now = { stage: 'indexing', expectations: 320000 };
    render(App);
    // The first screen, while the index is still being built.
    await screen.findByText('Tracks and levels');
    await waitFor(() => expect(statusLine()).toBe('Still indexing 320,000 expectations for search…'));

    box().focus();
    await fireEvent.input(box(), { target: { value: 'review' } });
    await waitFor(() =>
      expect(panelText()).toContain(
        'Still indexing 320,000 expectations for search… Your search runs as soon as it is ready.',
      ),
    );
    // Well past the pause before a search is sent: nothing was asked of the index yet.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(calls.filter((c) => c.cmd === 'search')).toEqual([]);

    loadStatus.now = { stage: 'ready' };
    await waitFor(() => expect(document.querySelectorAll('#search-results li.search-hit')).toHaveLength(4));
    expect(calls.filter((c) => c.cmd === 'search')).toHaveLength(1);
    expect(panelText()).not.toContain('Still indexing');
    expect(statusLine()).toBe('');
  });
});
