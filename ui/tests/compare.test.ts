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
    { track: 'pm', track_name: 'Product Manager', craft: 'product', level: { id: 'p1', title: 'Associate Product Manager', band: 2 }, summary_html: 'Runs discovery.' },
    { track: 'eng', track_name: 'Software Engineer', craft: 'engineering', level: { id: 'e2', title: 'Software Engineer II', band: 2 }, summary_html: 'Ships features.' },
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

  it('names the level a stronger form grows from by its title and band, never its id', async () => {
    await openE2({
      level_delta: ({ from, to }) => delta(String(from), String(to ?? 'e3')),
    });
    await fireEvent.click(screen.getByRole('button', { name: 'What changes at Software Engineer III' }));
    await screen.findByRole('heading', { level: 1, name: /From Software Engineer II/ });
    const note = document.querySelector<HTMLElement>('li.stronger .pair-note')!;
    expect(note.textContent?.replace(/\s+/g, ' ').trim()).toBe('Replaces an expectation of Software Engineer II (band 2)');
    // The id stays at hand for whoever cites it, out of the text.
    expect(note.querySelector('.pair-from')?.getAttribute('title')).toBe('eng/e2/plans-a-feature');
    const carried = document.querySelector<HTMLElement>('li.carried-item .from-level')!;
    expect(carried.textContent).toBe('Software Engineer I');
    const page = document.getElementById('compare')!.textContent ?? '';
    expect(page).not.toMatch(/\be[123]\b/);
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
    // The home grid's order (engineering before product), though the backend sent
    // product first; each row's cells follow their column.
    const headers = [...document.querySelectorAll('thead th.track-col')].map((th) => th.textContent?.trim());
    expect(headers[0]).toContain('Software Engineer II');
    expect(headers[1]).toContain('Associate Product Manager');
    const craft = document.querySelector('tr[data-row="craft"]')!;
    expect(craft.querySelectorAll('td')[0]?.textContent).toContain('Writes tests.');
    expect(craft.querySelectorAll('td')[1]?.className).toContain('empty');
    const collaboration = document.querySelector('tr[data-row="collaboration"]')!;
    expect(collaboration.querySelectorAll('td')[1]?.textContent).toContain('Nothing new at this level');
    const scope = document.querySelector('tr[data-row="scope"]')!;
    expect([...scope.querySelectorAll('td')].map((td) => td.textContent?.trim())).toEqual(['A feature.', 'A feature area.']);
    // A level's name opens it.
    await fireEvent.click(screen.getByRole('button', { name: 'Software Engineer II' }));
    await screen.findByRole('heading', { level: 1, name: 'Software Engineer II' });
  });

  it('keeps its column heads in view while the rows scroll', async () => {
    // jsdom lays nothing out, so the stylesheet itself is read: the frame scrolls both
    // ways, no taller than the window, and the heads stick to its top; borders go with
    // their cells so that the heads keep theirs.
    const fs = (await import(/* @vite-ignore */ `node:${'fs'}`)) as {
      readFileSync(path: string, encoding: 'utf8'): string;
    };
    // Relative to ui/, where vitest runs.
    const appCss = fs.readFileSync('src/app.css', 'utf8');
    const rule = (selector: string) => {
      const at = appCss.indexOf(`\n${selector} {`);
      expect(at, selector).toBeGreaterThan(-1);
      return appCss.slice(at, appCss.indexOf('}', at));
    };
    expect(rule('.band-table-wrap')).toMatch(/overflow: auto;[\s\S]*max-height: calc\(100vh/);
    expect(rule('.band-table thead th')).toMatch(/position: sticky;\s*top: 0;/);
    expect(rule('.band-table thead th')).toContain('background-color: var(--surface)');
    expect(rule('.band-table')).toContain('border-collapse: separate;');
  });

  it('opens from a level page on its own band', async () => {
    const { calls } = await openE2({ band_comparison: () => band2 });
    await fireEvent.click(screen.getByRole('button', { name: 'Other tracks on band 2' }));
    await screen.findByRole('heading', { level: 1, name: 'Band 2: Developing' });
    expect(calls.at(-1)).toEqual({ cmd: 'band_comparison', args: { band: 2 } });
  });
});
