// The compare page (two levels of a track) and the band page (every track on one band),
// against a mocked backend.

import { fireEvent, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { BandComparison } from '../src/bindings/BandComparison';
import type { LevelDelta } from '../src/bindings/LevelDelta';
import { openE2, startApp } from './harness';

function delta(from: string, to: string): LevelDelta {
  const titles: Record<string, string> = {
    e1: 'Software Engineer I',
    e2: 'Software Engineer II',
    e3: 'Software Engineer III',
  };
  const ref = (id: string, level: string, text: string) => ({
    id: `eng/${level}/${id}`,
    level,
    level_title: titles[level] ?? level,
    band: Number(level.slice(1)),
    text,
    html: text.replace('<', '&lt;'),
  });
  return {
    track: 'eng',
    track_name: 'Software Engineer',
    from: { id: from, title: titles[from] ?? from, band: Number(from.slice(1)) },
    to: { id: to, title: titles[to] ?? to, band: Number(to.slice(1)) },
    dimensions: [
      {
        dimension: 'scope',
        name: 'Scope',
        from: 'A feature of weeks.',
        to: 'A project of months.',
        from_html: 'A feature of weeks.',
        to_html: 'A project of months.',
        diff: [
          { kind: 'same', text: 'A ' },
          { kind: 'removed', text: 'feature of weeks' },
          { kind: 'added', text: 'project of months' },
          { kind: 'same', text: '.' },
        ],
        rewritten: false,
      },
    ],
    competencies: [
      {
        competency: 'delivery',
        name: 'Delivery',
        new: [ref('leads-a-project', to, 'Leads a project of a quarter.')],
        stronger: [
          {
            from: ref('plans-a-feature', from, 'Plans a feature.'),
            to: ref('plans-a-quarter', to, 'Plans a quarter.'),
            linked: true,
            diff: [
              { kind: 'same', text: 'Plans a ' },
              { kind: 'removed', text: 'feature' },
              { kind: 'added', text: 'quarter' },
              { kind: 'same', text: '.' },
            ],
            rewritten: false,
          },
        ],
        carried: [ref('writes-tests', 'e1', 'Writes tests.')],
        dropped: [],
      },
      {
        competency: 'quality',
        name: 'Code quality',
        new: [],
        stronger: [],
        carried: [ref('reviews', 'e1', 'Reviews changes.')],
        dropped: [],
      },
    ],
    counts: { new: 1, stronger: 1, carried: 2, dropped: 0 },
  };
}

const band2: BandComparison = {
  band: 2,
  name: 'Developing',
  summary: 'Delivers small pieces alone.',
  columns: [
    { track: 'pm', track_name: 'Product Manager', discipline: 'product', level: { id: 'p1', title: 'Associate Product Manager', band: 2 }, summary_html: 'Runs discovery.' },
    { track: 'eng', track_name: 'Software Engineer', discipline: 'engineering', level: { id: 'e2', title: 'Software Engineer II', band: 2 }, summary_html: 'Ships features.' },
  ],
  dimensions: [
    {
      id: 'scope',
      name: 'Scope',
      shared: true,
      cells: [
        [{ id: 'pm/p1/scope', level: 'p1', level_title: 'Associate Product Manager', band: 2, text: 'A feature area.', html: 'A feature area.' }],
        [{ id: 'eng/e2/scope', level: 'e2', level_title: 'Software Engineer II', band: 2, text: 'A feature.', html: 'A feature.' }],
      ],
    },
  ],
  competencies: [
    {
      id: 'collaboration',
      name: 'Collaboration',
      shared: true,
      cells: [[], [{ id: 'eng/e2/reviews', level: 'e2', level_title: 'Software Engineer II', band: 2, text: 'Reviews changes.', html: 'Reviews changes.' }]],
    },
    {
      id: 'craft',
      name: 'Engineering craft',
      shared: false,
      cells: [null, [{ id: 'eng/e2/tests', level: 'e2', level_title: 'Software Engineer II', band: 2, text: 'Writes tests.', html: 'Writes tests.' }]],
    },
  ],
};

describe('compare page', () => {
  it('opens from a level with the next level and shows what is new, what grew, and what carries over', async () => {
    const { calls } = await openE2({
      level_delta: ({ from, to }) => delta(String(from), String(to ?? 'e3')),
    });
    await fireEvent.click(screen.getByRole('button', { name: 'What changes at Software Engineer III' }));
    await screen.findByRole('heading', { level: 1, name: 'From Software Engineer II to Software Engineer III' });
    expect(calls.find((c) => c.cmd === 'level_delta')?.args).toEqual({ track: 'eng', from: 'e2', to: null });
    expect(document.getElementById('compare-counts')?.textContent).toContain('1 new expectation');
    const delivery = document.querySelector<HTMLElement>('section[data-competency="delivery"]')!;
    expect(within(delivery).getByText('Leads a project of a quarter.').closest('li')?.className).toContain('new');
    const stronger = delivery.querySelector('li.stronger')!;
    // Screen readers hear which words went and came.
    expect(stronger.querySelector('del')?.textContent).toBe('removed: feature');
    expect(stronger.querySelector('ins')?.textContent).toBe('added: quarter');
    expect(stronger.textContent).toContain('Replaces');
    // Carried over is folded, with its count.
    expect(within(delivery).getByText('1 expectation carries over').closest('details')?.open).toBe(false);
    const quality = document.querySelector<HTMLElement>('section[data-competency="quality"]')!;
    expect(quality.textContent).toContain('Nothing new at Software Engineer III');
    // The dimensions, as a diff.
    expect(document.querySelector('.glance ins')?.textContent).toBe('added: project of months');
  });

  it('compares any two levels, and puts them in order', async () => {
    const { calls } = await openE2({
      level_delta: ({ from, to }) => delta(String(from), String(to ?? 'e3')),
    });
    await fireEvent.click(screen.getByRole('button', { name: 'What changes at Software Engineer III' }));
    await screen.findByRole('heading', { level: 1, name: /From Software Engineer II/ });
    const from = document.getElementById('compare-from') as HTMLSelectElement;
    from.value = 'e3';
    await fireEvent.change(from);
    // e3 above e2: the two are swapped.
    await screen.findByRole('heading', { level: 1, name: 'From Software Engineer II to Software Engineer III' });
    const last = calls.filter((c) => c.cmd === 'level_delta').at(-1);
    expect(last?.args).toEqual({ track: 'eng', from: 'e2', to: 'e3' });
    const to = document.getElementById('compare-to') as HTMLSelectElement;
    to.value = 'e1';
    await fireEvent.change(to);
    await screen.findByRole('heading', { level: 1, name: 'From Software Engineer I to Software Engineer II' });
  });

  it('says so when the comparison fails, and stays on the level', async () => {
    await openE2({
      level_delta: () => {
        throw { kind: 'not-found', message: 'That level does not exist.' };
      },
    });
    await fireEvent.click(screen.getByRole('button', { name: 'What changes at Software Engineer III' }));
    await screen.findByText('That level does not exist.');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Software Engineer II');
  });
});

describe('band page', () => {
  it('opens from the home grid and lines up every track on the band', async () => {
    const { calls } = await startApp({ band_comparison: () => band2 });
    const open = document.querySelector<HTMLButtonElement>('button[data-band-compare="2"]')!;
    await fireEvent.click(open);
    await screen.findByRole('heading', { level: 1, name: 'Band 2: Developing' });
    expect(calls.find((c) => c.cmd === 'band_comparison')?.args).toEqual({ band: 2 });
    const headers = [...document.querySelectorAll('thead th.track-col')].map((th) => th.textContent?.trim());
    expect(headers[0]).toContain('Associate Product Manager');
    expect(headers[1]).toContain('Software Engineer II');
    const craft = document.querySelector('tr[data-row="craft"]')!;
    expect(craft.querySelectorAll('td')[0]?.className).toContain('empty');
    expect(craft.querySelectorAll('td')[1]?.textContent).toContain('Writes tests.');
    const collaboration = document.querySelector('tr[data-row="collaboration"]')!;
    expect(collaboration.querySelectorAll('td')[0]?.textContent).toContain('Nothing new at this level');
    // A level's name opens it.
    await fireEvent.click(screen.getByRole('button', { name: 'Software Engineer II' }));
    await screen.findByRole('heading', { level: 1, name: 'Software Engineer II' });
  });

  it('opens from a level page on its own band', async () => {
    const { calls } = await openE2({ band_comparison: () => band2 });
    await fireEvent.click(screen.getByRole('button', { name: 'Other tracks on band 2' }));
    await screen.findByRole('heading', { level: 1, name: 'Band 2: Developing' });
    expect(calls.at(-1)).toEqual({ cmd: 'band_comparison', args: { band: 2 } });
  });
});
