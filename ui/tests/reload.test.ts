// Live reload: the shell sends `framework-changed` when the open folder changes on disk.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, waitFor } from '@testing-library/svelte';
import { clearMocks } from '@tauri-apps/api/mocks';
import { emit } from '@tauri-apps/api/event';
import { tick } from 'svelte';
import { openE2, startApp } from './harness';
import { cleanFramework, e2 } from './fixtures';
import type { BandComparison } from '../src/bindings/BandComparison';
import type { FrameworkView } from '../src/bindings/FrameworkView';
import type { LevelDelta } from '../src/bindings/LevelDelta';
import type { LevelView } from '../src/bindings/LevelView';

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

/** e2 with the text of one expectation changed on disk. */
const e2Edited: LevelView = {
  ...e2,
  competencies: e2.competencies.map((c) => ({
    ...c,
    expectations: c.expectations.map((e) =>
      e.id === 'eng/e2/reviews-changes' ? { ...e, html: 'Reviews the changes of teammates within hours.' } : e,
    ),
  })),
};

const changed: FrameworkView = { ...cleanFramework, version: '2' };

/** Lets the pages' effects run, as after a frame. */
async function settle(): Promise<void> {
  await tick();
  await new Promise((r) => setTimeout(r, 20));
  await tick();
}

function el<T extends Element = HTMLElement>(css: string): T {
  const found = document.querySelector<T>(css);
  if (found === null) throw new Error(`nothing matches ${css}`);
  return found;
}

/** Two levels compared, with one expectation that carries over, in a fold. */
function delta(grows: string): LevelDelta {
  const ref = (id: string, level: string, text: string) => ({
    id: `eng/${level}/${id}`,
    level,
    level_title: level === 'e2' ? 'Software Engineer II' : 'Software Engineer III',
    band: Number(level.slice(1)),
    text,
    html: text,
  });
  return {
    track: 'eng',
    track_name: 'Software Engineer',
    from: { id: 'e2', title: 'Software Engineer II', band: 2 },
    to: { id: 'e3', title: 'Software Engineer III', band: 3 },
    dimensions: [],
    competencies: [
      {
        competency: 'delivery',
        name: 'Delivery',
        new: [ref('grows', 'e3', grows)],
        stronger: [],
        carried: [ref('writes-tests', 'e2', 'Writes tests.')],
        dropped: [],
      },
    ],
    counts: { new: 1, stronger: 0, carried: 1, dropped: 0 },
  };
}

function band(text: string): BandComparison {
  return {
    band: 2,
    name: 'Developing',
    summary: 'Delivers small pieces alone.',
    columns: [
      {
        track: 'eng',
        track_name: 'Software Engineer',
        craft: 'engineering',
        level: { id: 'e2', title: 'Software Engineer II', band: 2 },
        summary_html: text,
      },
    ],
    dimensions: [],
    competencies: [],
  };
}

describe('a re-render after a real change', () => {
  it('keeps the level page as it was: no jump to the top, open sections, focus, the switch', async () => {
    let edited = false;
    await openE2({ level_view: () => (edited ? e2Edited : e2) }, { shouldMockEvents: true });
    await settle();
    const scrollTo = vi.spyOn(window, 'scrollTo');
    const judge = el<HTMLDetailsElement>('section[data-competency="delivery"] details.judge');
    const examples = el<HTMLDetailsElement>('li[data-id="eng/e2/breaks-work-into-milestones"] details.examples');
    judge.open = true;
    examples.open = true;
    const summary = el('li[data-id="eng/e2/breaks-work-into-milestones"] summary');
    summary.focus();
    const item = el('li[data-id="eng/e2/reviews-changes"]');

    edited = true;
    await emit('framework-changed', changed);
    await waitFor(() => expect(item.textContent).toContain('within hours'));
    await settle();

    expect(scrollTo).not.toHaveBeenCalled();
    // The same elements, not new ones: what was open stays open, the focus stays put.
    expect(el('section[data-competency="delivery"] details.judge')).toBe(judge);
    expect(judge.open).toBe(true);
    expect(examples.open).toBe(true);
    expect(el('li[data-id="eng/e2/reviews-changes"]')).toBe(item);
    expect(document.activeElement).toBe(summary);
    expect(document.querySelector('#notice')?.textContent).toContain('This level changed on disk');
  });

  it('keeps the “only what is new” switch and leaves an unchanged level alone', async () => {
    const { calls } = await openE2({}, { shouldMockEvents: true });
    await fireEvent.click(el('#only-new'));
    await settle();
    const scrollTo = vi.spyOn(window, 'scrollTo');
    const title = el('h1#level-title');
    const page = el('#level');
    await emit('framework-changed', changed);
    await waitFor(() => expect(document.querySelector('#notice')?.textContent).toContain('this level did not'));
    await settle();
    expect(calls.filter((c) => c.cmd === 'level_view')).toHaveLength(2);
    expect(el<HTMLInputElement>('#only-new').checked).toBe(true);
    expect(document.querySelectorAll('li.expectation.inherited')).toHaveLength(0);
    expect(el('#level')).toBe(page);
    expect(el('h1#level-title')).toBe(title);
    expect(scrollTo).not.toHaveBeenCalled();
  });

  it('keeps a comparison where it was, with its folds open', async () => {
    let grows = 'Leads a project.';
    await openE2({ level_delta: () => delta(grows) }, { shouldMockEvents: true });
    await fireEvent.click(el('#compare-next'));
    await waitFor(() => expect(document.querySelector('#compare')).not.toBeNull());
    await settle();
    const scrollTo = vi.spyOn(window, 'scrollTo');
    const carried = el<HTMLDetailsElement>('details.carried');
    carried.open = true;
    el('details.carried summary').focus();

    grows = 'Leads a project of a quarter.';
    await emit('framework-changed', changed);
    await waitFor(() => expect(el('li.delta.new').textContent).toContain('of a quarter'));
    await settle();
    expect(scrollTo).not.toHaveBeenCalled();
    expect(el('details.carried')).toBe(carried);
    expect(carried.open).toBe(true);
    expect(document.activeElement).toBe(el('details.carried summary'));
  });

  it('keeps the band page where it was', async () => {
    let text = 'Ships features.';
    const { calls } = await startApp({ band_comparison: () => band(text) }, { shouldMockEvents: true });
    await fireEvent.click(el('button[data-band-compare="2"]'));
    await waitFor(() => expect(document.querySelector('#band')).not.toBeNull());
    await settle();
    const scrollTo = vi.spyOn(window, 'scrollTo');
    text = 'Ships features alone.';
    await emit('framework-changed', changed);
    await waitFor(() => expect(el('tr.summary-row').textContent).toContain('alone'));
    await settle();
    expect(calls.filter((c) => c.cmd === 'band_comparison')).toHaveLength(2);
    expect(scrollTo).not.toHaveBeenCalled();
  });

  it('lets what the person asked for meanwhile finish', async () => {
    let answer: (d: LevelDelta) => void = () => undefined;
    await openE2(
      { level_delta: () => new Promise<LevelDelta>((resolve) => (answer = resolve)) },
      { shouldMockEvents: true },
    );
    await fireEvent.click(el('#compare-next'));
    await emit('framework-changed', changed);
    await settle();
    answer(delta('Leads a project.'));
    await waitFor(() => expect(document.querySelector('#compare')).not.toBeNull());
    expect(document.body.textContent).not.toContain('Comparing the levels…');
  });

  it('keeps what the person reads in place when the notice appears above it', async () => {
    let edited = false;
    await openE2({ level_view: () => (edited ? e2Edited : e2) }, { shouldMockEvents: true });
    await settle();
    // jsdom has no layout: the page starts 100 px down, 60 px more under a notice.
    const main = el('#main');
    vi.spyOn(main, 'getBoundingClientRect').mockImplementation(
      () => ({ top: document.querySelector('#notice') ? 160 : 100 }) as DOMRect,
    );
    vi.spyOn(window, 'scrollY', 'get').mockReturnValue(900);
    const scrollBy = vi.fn();
    window.scrollBy = scrollBy;
    edited = true;
    await emit('framework-changed', changed);
    await waitFor(() => expect(document.querySelector('#notice')).not.toBeNull());
    await settle();
    expect(scrollBy).toHaveBeenCalledWith(0, 60);
  });

  it('counts the reloads on the page, for the end-to-end test', async () => {
    await startApp({}, { shouldMockEvents: true });
    expect(document.body.dataset.reloads).toBe('0');
    await emit('framework-changed', changed);
    await waitFor(() => expect(document.body.dataset.reloads).toBe('1'));
  });
});
