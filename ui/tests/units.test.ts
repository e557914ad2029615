// The pure helpers: what a link does, which key is a shortcut, how tracks are ordered.

import { describe, expect, it } from 'vitest';
import { errorMessage } from '../src/ipc';
import { shortcut } from '../src/lib/keys';
import { linkAction } from '../src/lib/links';
import { location, orderTracks, problemsLabel } from '../src/lib/text';
import { framework } from './fixtures';

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

describe('text', () => {
  it('orders tracks by discipline, individual contributors first', () => {
    const manager = { ...framework.tracks[1], id: 'em', path: 'manager', name: 'Engineering Manager' };
    const sto = { ...framework.tracks[0], id: 'sto', discipline: 'leadership', path: 'manager' };
    const design = { ...framework.tracks[0], id: 'pd', discipline: 'design' };
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
