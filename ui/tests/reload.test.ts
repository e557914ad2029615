// Live reload: the shell sends `framework-changed` when the open folder changes on disk.

import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '@testing-library/svelte';
import { clearMocks } from '@tauri-apps/api/mocks';
import { emit } from '@tauri-apps/api/event';
import { openE2, startApp } from './harness';
import { cleanFramework, e2 } from './fixtures';
import type { FrameworkView } from '../src/bindings/FrameworkView';

afterEach(() => clearMocks());

describe('live reload', () => {
  it('refreshes the open level and says so', async () => {
    let edited = false;
    const { calls } = await openE2(
      { level_view: () => (edited ? { ...e2, title: 'Engineer Two' } : e2) },
      { shouldMockEvents: true },
    );
    edited = true;
    const before = calls.filter((c) => c.cmd === 'level_view').length;
    await emit('framework-changed', { ...cleanFramework, version: '2' } satisfies FrameworkView);
    await waitFor(() => expect(document.querySelector('h1#level-title')?.textContent).toBe('Engineer Two'));
    expect(calls.filter((c) => c.cmd === 'level_view').length).toBe(before + 1);
    expect(document.querySelector('#notice')?.getAttribute('role')).toBe('status');
    expect(document.querySelector('#notice')?.textContent).toContain('changed on disk');
  });

  it('goes home when the open level disappeared', async () => {
    await openE2({}, { shouldMockEvents: true });
    const without: FrameworkView = {
      ...cleanFramework,
      tracks: cleanFramework.tracks.map((t) => ({ ...t, levels: t.levels.filter((l) => l.id !== e2.id) })),
    };
    await emit('framework-changed', without);
    await waitFor(() => expect(document.querySelector('#home')).not.toBeNull());
    expect(document.querySelector('#notice')?.textContent).toContain('no longer in the framework');
  });

  it('ignores a reload of another framework', async () => {
    await startApp({}, { shouldMockEvents: true });
    await emit('framework-changed', { ...cleanFramework, name: 'Other', source: { kind: 'folder', path: '/elsewhere' } });
    await new Promise((r) => setTimeout(r, 20));
    expect(document.querySelector('#framework-name')?.textContent).not.toBe('Other');
    expect(document.querySelector('#notice')).toBeNull();
  });
});
