// The pure helpers: what a link does, which key is a shortcut, how tracks are ordered.

import { describe, expect, it } from 'vitest';
import { errorMessage } from '../src/ipc';
import { isSearchKey, shortcut } from '../src/lib/keys';
import { linkAction } from '../src/lib/links';
import { crafts, hitPlace, markedWords, resultsLabel, searchable, snippetParts } from '../src/lib/search';
import { location, orderTracks, problemsLabel } from '../src/lib/text';
import { Latest } from '../src/state/latest';
import { framework, reviewHits } from './fixtures';

describe('linkAction', () => {
  it('sends http, https and mailto to the system browser', () => {
    expect(linkAction('https://example.com/a?b=1')).toEqual({ kind: 'external', url: 'https://example.com/a?b=1' });
    expect(linkAction('http://example.com')).toEqual({ kind: 'external', url: 'http://example.com/' });
    expect(linkAction('mailto:people@example.com')).toEqual({ kind: 'external', url: 'mailto:people@example.com' });
  });

  it('scrolls to anchors', () => {
    expect(linkAction('#delivery')).toEqual({ kind: 'anchor', id: 'delivery' });
    expect(linkAction('#')).toEqual({ kind: 'ignore' });
  });

  it('ignores everything else', () => {
    for (const href of ['javascript:alert(1)', ' JavaScript:alert(1)', 'other.md', '/etc/passwd', 'file:///etc/passwd', 'tauri://localhost', '', null]) {
      expect(linkAction(href), String(href)).toEqual({ kind: 'ignore' });
    }
  });
});

describe('shortcut', () => {
  const key = (init: KeyboardEventInit) => new KeyboardEvent('keydown', init);

  it('knows the level keys', () => {
    expect(shortcut(key({ key: '[' }))).toBe('previous');
    expect(shortcut(key({ key: ']' }))).toBe('next');
    expect(shortcut(key({ key: 'ArrowLeft', altKey: true }))).toBe('previous');
    expect(shortcut(key({ key: 'ArrowRight', altKey: true }))).toBe('next');
    expect(shortcut(key({ key: 'Escape' }))).toBe('home');
  });

  it('leaves other keys alone', () => {
    expect(shortcut(key({ key: 'ArrowLeft' }))).toBeNull();
    expect(shortcut(key({ key: ']', ctrlKey: true }))).toBeNull();
    expect(shortcut(key({ key: 'a' }))).toBeNull();
  });
});

describe('isSearchKey', () => {
  const key = (init: KeyboardEventInit) => new KeyboardEvent('keydown', init);

  it('knows Ctrl+K, Cmd+K and /', () => {
    expect(isSearchKey(key({ key: 'k', ctrlKey: true }))).toBe(true);
    expect(isSearchKey(key({ key: 'K', ctrlKey: true }))).toBe(true); // Caps Lock
    expect(isSearchKey(key({ key: 'k', metaKey: true }))).toBe(true);
    expect(isSearchKey(key({ key: '/' }))).toBe(true);
    expect(isSearchKey(key({ key: '/', shiftKey: true }))).toBe(true);
  });

  it('leaves other keys alone', () => {
    expect(isSearchKey(key({ key: 'k' }))).toBe(false);
    expect(isSearchKey(key({ key: 'k', ctrlKey: true, shiftKey: true }))).toBe(false);
    expect(isSearchKey(key({ key: 'k', ctrlKey: true, altKey: true }))).toBe(false);
    expect(isSearchKey(key({ key: '/', ctrlKey: true }))).toBe(false);
    expect(isSearchKey(key({ key: '/', altKey: true }))).toBe(false);
  });
});

describe('search helpers', () => {
  it('reads a snippet as text and marks, never as markup', () => {
    expect(snippetParts('<mark>Reviews</mark> the &lt;b&gt; tag &amp; <mark>review</mark>s &#39;x&#39;')).toEqual([
      { text: 'Reviews', mark: true },
      { text: ' the <b> tag & ', mark: false },
      { text: 'review', mark: true },
      { text: "s 'x'", mark: false },
    ]);
    expect(snippetParts('<img src=x onerror=alert(1)>')).toEqual([{ text: '<img src=x onerror=alert(1)>', mark: false }]);
    expect(snippetParts('')).toEqual([]);
    expect(markedWords(snippetParts('<mark>a</mark> <mark>b</mark> <mark>a</mark>'))).toEqual(['a', 'b']);
  });

  it('places a hit by its track and level, without repeating its title', () => {
    expect(hitPlace(reviewHits[1], framework.tracks)).toBe('Software Engineer');
    expect(hitPlace({ ...reviewHits[1], title: 'Delivery' }, framework.tracks)).toBe('Software Engineer · Software Engineer II');
    expect(hitPlace(reviewHits[2], framework.tracks)).toBe('');
  });

  it('lists crafts in the order of the home page and counts results', () => {
    expect(crafts(framework.tracks)).toEqual(['engineering', 'product']);
    expect(resultsLabel(1, 1)).toBe('1 result');
    expect(resultsLabel(30, 112)).toBe('The best 30 of 112 results');
    expect(searchable('"')).toBe(false);
    expect(searchable(' "tech')).toBe(true);
  });
});

describe('text', () => {
  it('orders tracks by craft, individual contributors first', () => {
    const manager = { ...framework.tracks[1], id: 'em', career_path: 'manager', name: 'Engineering Manager' };
    const sto = { ...framework.tracks[0], id: 'sto', craft: 'leadership', career_path: 'manager' };
    const design = { ...framework.tracks[0], id: 'pd', craft: 'design' };
    const ordered = orderTracks([sto, manager, ...framework.tracks, design]).map((t) => t.id);
    expect(ordered).toEqual(['eng', 'em', 'pm', 'pd', 'sto']);
  });

  it('writes counts and places as people read them', () => {
    expect(problemsLabel(1, 0)).toBe('1 error, 0 warnings');
    expect(problemsLabel(2, 1)).toBe('2 errors, 1 warning');
    expect(location(framework.diagnostics[0])).toBe('tracks/eng/e2.md:7:3');
  });

  it('turns any rejection into a sentence', () => {
    expect(errorMessage({ kind: 'not-found', message: 'No such level.' })).toBe('No such level.');
    expect(errorMessage('command level_view not found')).toBe('command level_view not found');
    expect(errorMessage({ unexpected: true })).toMatch(/^Something went wrong/);
    expect(errorMessage(undefined)).toMatch(/^Something went wrong/);
  });
});

describe('Latest', () => {
  /** A promise and the function that resolves it, to answer requests in any order. */
  function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void } {
    let resolve!: (value: T) => void;
    let reject!: (error: unknown) => void;
    const promise = new Promise<T>((yes, no) => ((resolve = yes), (reject = no)));
    return { promise, resolve, reject };
  }

  it('keeps only the answer to the latest request, whatever order the answers come in', async () => {
    const latest = new Latest();
    const seen: string[] = [];
    const first = deferred<string>();
    const second = deferred<string>();
    const a = latest.run(() => first.promise, (v) => seen.push(v), () => seen.push('failed'));
    const b = latest.run(() => second.promise, (v) => seen.push(v), () => seen.push('failed'));
    second.resolve('second');
    first.resolve('first');
    await Promise.all([a, b]);
    expect(seen).toEqual(['second']);
  });

  it('drops a failure the same way, and everything on its way when told to', async () => {
    const latest = new Latest();
    const seen: string[] = [];
    const first = deferred<string>();
    const second = deferred<string>();
    const a = latest.run(() => first.promise, (v) => seen.push(v), () => seen.push('first failed'));
    const b = latest.run(() => second.promise, (v) => seen.push(v), () => seen.push('second failed'));
    first.reject(new Error('late'));
    second.reject(new Error('latest'));
    await Promise.all([a, b]);
    expect(seen).toEqual(['second failed']);
    const third = deferred<string>();
    const c = latest.run(() => third.promise, (v) => seen.push(v), () => seen.push('third failed'));
    latest.drop();
    third.resolve('third');
    await c;
    expect(seen).toEqual(['second failed']);
  });

  it('hands the work its request, and names the next one before it begins', async () => {
    const latest = new Latest();
    const next = latest.next();
    expect(next.current()).toBe(false);
    const begun = latest.begin();
    expect(begun.current()).toBe(true);
    expect(next.current()).toBe(true);
    let during: boolean | null = null;
    const step = deferred<void>();
    const run = latest.run(
      async (request) => {
        await step.promise;
        during = request.current();
      },
      () => undefined,
      () => undefined,
    );
    expect(begun.current()).toBe(false);
    latest.drop();
    step.resolve();
    await run;
    expect(during).toBe(false);
    expect(next.current()).toBe(false);
  });
});
