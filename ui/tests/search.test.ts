// The search box as a person uses it: one key away, results as they type, filters, and
// opening a hit where it lives. The backend is mocked; `search` answers from the fixtures.

import { fireEvent, screen, waitFor } from '@testing-library/svelte';
import { tick } from 'svelte';
import { describe, expect, it } from 'vitest';
import type { Filters } from '../src/bindings/Filters';
import type { FrameworkView } from '../src/bindings/FrameworkView';
import type { Results } from '../src/bindings/Results';
import { cleanFramework, results, reviewHits } from './fixtures';
import { type Call, type Handler, openE2, startApp } from './harness';

const NO_FILTERS: Filters = { track: null, craft: null, level: null, band: null, competency: null };

/** The fixture framework with a design track, so that there are three crafts to filter by. */
const withDesign: FrameworkView = {
  ...cleanFramework,
  tracks: [
    ...cleanFramework.tracks,
    {
      ...cleanFramework.tracks[0],
      id: 'pd',
      name: 'Product Designer',
      craft: 'design',
      levels: [{ id: 'd1', title: 'Product Designer I', band: 2 }],
    },
  ],
};

function box(): HTMLInputElement {
  const input = document.querySelector<HTMLInputElement>('input#search');
  if (!input) throw new Error('no search box');
  return input;
}

function panel(): HTMLElement {
  const element = document.querySelector<HTMLElement>('#search-results');
  if (!element) throw new Error('no search panel');
  return element;
}

function hitItems(): HTMLLIElement[] {
  return [...document.querySelectorAll<HTMLLIElement>('#search-results li.search-hit')];
}

function chip(name: string): HTMLButtonElement {
  const found = [...document.querySelectorAll<HTMLButtonElement>('button.filter-chip')].find((b) =>
    b.textContent?.startsWith(name),
  );
  if (!found) throw new Error(`no chip ${name}`);
  return found;
}

function searches(calls: Call[]): Call[] {
  return calls.filter((c) => c.cmd === 'search');
}

/** Types into the box as a person does: focus, then the whole text as one input event. */
async function type(text: string) {
  const input = box();
  input.focus();
  await fireEvent.input(input, { target: { value: text } });
}

/** A `search` handler answering `review` (and anything else) with the fixture hits. */
const reviewSearch: Record<string, Handler> = { search: () => results(reviewHits) };

describe('search box', () => {
  it('is one key away: Ctrl+K, Cmd+K and / focus it, / in a text field does not', async () => {
    await startApp();
    const input = box();
    expect(input.type).toBe('search');
    expect(document.querySelector('.search-key')?.textContent).toBe('Ctrl K');
    expect(document.activeElement).not.toBe(input);

    const ctrlK = await fireEvent.keyDown(document.body, { key: 'k', ctrlKey: true });
    expect(ctrlK).toBe(false); // default prevented: the webview does nothing of its own
    expect(document.activeElement).toBe(input);
    expect(panel().hidden).toBe(false);
    expect(panel().textContent).toContain('quotes');

    input.blur();
    await fireEvent.keyDown(document.body, { key: 'K', metaKey: true });
    expect(document.activeElement).toBe(input);

    input.blur();
    expect(await fireEvent.keyDown(document.body, { key: '/' })).toBe(false);
    expect(document.activeElement).toBe(input);

    input.blur();
    const field = document.createElement('input');
    document.body.append(field);
    field.focus();
    expect(await fireEvent.keyDown(field, { key: '/' })).toBe(true);
    expect(document.activeElement).toBe(field);
    field.remove();
  });

  it('searches as the person types, with the filters, and shows each hit with its matches marked', async () => {
    const { calls } = await startApp(reviewSearch);
    await type('review');

    await waitFor(() => expect(hitItems()).toHaveLength(4));
    expect(searches(calls)).toEqual([{ cmd: 'search', args: { query: 'review', filters: NO_FILTERS } }]);

    const [level, expectation, term, competency] = hitItems();
    expect(expectation.dataset.kind).toBe('expectation');
    expect(expectation.dataset.target).toBe('eng/e2/reviews-changes');
    expect(expectation.getAttribute('role')).toBe('option');
    expect(expectation.querySelector('.kind-tag')?.textContent).toBe('Expectation');
    expect(expectation.querySelector('.search-hit-title')?.textContent).toBe('Software Engineer II');
    expect(expectation.querySelector('.search-hit-place')?.textContent).toBe('Software Engineer');
    expect(expectation.querySelector('mark')?.textContent).toBe('Reviews');
    // The snippet's entities are text, not markup.
    expect(level.querySelector('.search-hit-snippet')?.textContent).toBe(
      'Runs the review of a small feature & its launch.',
    );
    expect(level.querySelector('.search-hit-place')?.textContent).toBe('Product Manager');
    expect(term.querySelector('.kind-tag')?.textContent).toBe('Glossary');
    expect(competency.querySelector('.kind-tag')?.textContent).toBe('Competency');
    expect(panel().textContent).toContain('4 results');

    // The first hit is active; the box says so to assistive technology.
    expect(box().getAttribute('aria-activedescendant')).toBe(level.id);
    expect(level.getAttribute('aria-selected')).toBe('true');
  });

  it('opens an expectation with the arrow keys and Enter, and marks it on its level', async () => {
    const { calls } = await startApp(reviewSearch);
    await type('review');
    await waitFor(() => expect(hitItems()).toHaveLength(4));

    const input = box();
    await fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(input.getAttribute('aria-activedescendant')).toBe(hitItems()[1].id);
    await fireEvent.keyDown(input, { key: 'Enter' });

    await screen.findByRole('heading', { level: 1, name: 'Software Engineer II' });
    expect(calls.filter((c) => c.cmd === 'level_view').at(-1)).toEqual({
      cmd: 'level_view',
      args: { track: 'eng', level: 'e2' },
    });
    const item = document.querySelector<HTMLElement>('li.expectation[data-id="eng/e2/reviews-changes"]')!;
    await waitFor(() => expect(item.classList.contains('targeted')).toBe(true));
    expect(document.activeElement).toBe(item);
    expect(item.tabIndex).toBe(-1);
    expect(document.querySelectorAll('.targeted')).toHaveLength(1);
    expect(panel().hidden).toBe(true);
  });

  it('opens a hit on a click, and shows an inherited expectation even with “Only what is new” on', async () => {
    const inherited = {
      ...reviewHits[1],
      snippet_html: 'Finishes tasks of a few days that someone else <mark>described</mark>.',
      target: 'eng/e1/finishes-tasks',
    };
    await openE2({ search: () => results([inherited]) });
    await fireEvent.click(document.querySelector('#only-new')!);
    expect(document.querySelector('li.expectation[data-id="eng/e1/finishes-tasks"]')).toBeNull();

    await type('described');
    await waitFor(() => expect(hitItems()).toHaveLength(1));
    await fireEvent.click(hitItems()[0]);

    const item = await waitFor(() => {
      const li = document.querySelector<HTMLElement>('li.expectation[data-id="eng/e1/finishes-tasks"]');
      expect(li?.classList.contains('targeted')).toBe(true);
      return li!;
    });
    expect(document.querySelector<HTMLInputElement>('#only-new')?.checked).toBe(false);
    expect(document.activeElement).toBe(item);
  });

  it('narrows to a craft with a chip, and to the open level’s track with “This track”', async () => {
    const { calls } = await startApp({
      open_startup: () => withDesign,
      ...reviewSearch,
    });
    box().focus();
    await tick();
    const names = [...document.querySelectorAll('button.filter-chip')].map((b) => b.textContent);
    expect(names).toEqual(['Engineering', 'Product', 'Design']);
    expect(document.querySelector('button.filter-chip.this-track')).toBeNull();

    await type('review');
    await waitFor(() => expect(searches(calls)).toHaveLength(1));
    const design = chip('Design');
    expect(design.getAttribute('aria-pressed')).toBe('false');
    await fireEvent.click(design);
    expect(design.getAttribute('aria-pressed')).toBe('true');
    await waitFor(() =>
      expect(searches(calls).at(-1)?.args).toEqual({
        query: 'review',
        filters: { ...NO_FILTERS, craft: 'design' },
      }),
    );
    // A click on a chip leaves the focus in the box, and the panel open.
    expect(document.activeElement).toBe(box());

    await fireEvent.click(design);
    expect(design.getAttribute('aria-pressed')).toBe('false');
    await waitFor(() => expect(searches(calls).at(-1)?.args).toEqual({ query: 'review', filters: NO_FILTERS }));
  });

  it('offers “This track” on a level page', async () => {
    const { calls } = await openE2(reviewSearch);
    await type('review');
    await waitFor(() => expect(searches(calls)).toHaveLength(1));
    const thisTrack = chip('This track');
    await fireEvent.click(thisTrack);
    expect(thisTrack.getAttribute('aria-pressed')).toBe('true');
    await waitFor(() =>
      expect(searches(calls).at(-1)?.args).toEqual({ query: 'review', filters: { ...NO_FILTERS, track: 'eng' } }),
    );
  });

  it('says how many results there are without the filter, and clears it', async () => {
    const { calls } = await startApp({
      open_startup: () => withDesign,
      search: ({ filters }) =>
        (filters as Filters).craft === 'design' ? results([], 0, 12) : results(reviewHits, 12),
    });
    box().focus();
    await fireEvent.click(chip('Design'));
    await type('roadmap');

    await waitFor(() => expect(panel().textContent).toContain('No results in Design; 12 in all crafts'));
    await fireEvent.click(panel().querySelector('button.clear-filters')!);
    expect(chip('Design').getAttribute('aria-pressed')).toBe('false');
    await waitFor(() => expect(hitItems()).toHaveLength(4));
    expect(searches(calls).at(-1)?.args).toEqual({ query: 'roadmap', filters: NO_FILTERS });
    expect(panel().textContent).toContain('The best 4 of 12 results');
  });

  it('says so when nothing matches at all', async () => {
    await startApp();
    await type('xyzzy');
    await waitFor(() => expect(panel().textContent).toContain('No results for “xyzzy”'));
    expect(panel().querySelector('button.clear-filters')).toBeNull();
  });

  it('never lets an older answer replace a newer one', async () => {
    const pending: Record<string, (r: Results) => void> = {};
    const { calls } = await startApp({
      search: ({ query }) =>
        new Promise<Results>((resolve) => {
          pending[query as string] = resolve;
        }),
    });
    await type('mile');
    await waitFor(() => expect(pending.mile).toBeDefined());
    await type('milestone');
    await waitFor(() => expect(pending.milestone).toBeDefined());

    pending.milestone(results([reviewHits[2]]));
    await waitFor(() => expect(hitItems().map((li) => li.dataset.target)).toEqual(['milestone']));
    pending.mile(results([reviewHits[0], reviewHits[1]]));
    await new Promise((resolve) => setTimeout(resolve, 20));
    await tick();
    expect(hitItems().map((li) => li.dataset.target)).toEqual(['milestone']);
    expect(searches(calls).map((c) => c.args.query)).toEqual(['mile', 'milestone']);
  });

  it('closes with Escape, empties with a second, and never leaves the level for it', async () => {
    await openE2(reviewSearch);
    await type('review');
    await waitFor(() => expect(hitItems()).toHaveLength(4));

    await fireEvent.keyDown(box(), { key: 'Escape' });
    expect(panel().hidden).toBe(true);
    expect(box().value).toBe('review');
    await fireEvent.keyDown(box(), { key: 'Escape' });
    expect(box().value).toBe('');
    expect(document.activeElement).toBe(box());
    await fireEvent.keyDown(box(), { key: 'Escape' });
    expect(document.activeElement).not.toBe(box());
    expect(document.querySelector('#level')).not.toBeNull();
  });

  it('closes from a chip with Escape, back in the box', async () => {
    await openE2(reviewSearch);
    box().focus();
    await tick();
    const product = chip('Product');
    product.focus();
    await fireEvent.keyDown(product, { key: 'Escape' });
    expect(panel().hidden).toBe(true);
    expect(document.activeElement).toBe(box());
    expect(document.querySelector('#level')).not.toBeNull();
  });

  it('opens a dimension on its level, at the statement that matched', async () => {
    const dimension = {
      ...reviewHits[0],
      kind: 'dimension' as const,
      title: 'Software Engineer II',
      snippet_html: '…Plans their own <mark>work</mark>.',
      track: 'eng',
      level: 'e2',
      target: 'eng/e2',
    };
    await startApp({ search: () => results([dimension]) });
    await type('work');
    await waitFor(() => expect(hitItems()).toHaveLength(1));
    expect(hitItems()[0].querySelector('.kind-tag')?.textContent).toBe('Dimension');
    await fireEvent.keyDown(box(), { key: 'Enter' });

    await screen.findByRole('heading', { level: 1, name: 'Software Engineer II' });
    const autonomy = document.querySelector<HTMLElement>('.dimension[data-dimension="autonomy"]')!;
    await waitFor(() => expect(autonomy.classList.contains('targeted')).toBe(true));
    expect(document.activeElement?.id).toBe('dimensions-title');
  });

  it('opens a glossary term on the home page, at its entry', async () => {
    await openE2(reviewSearch);
    await type('checked');
    await waitFor(() => expect(hitItems()).toHaveLength(4));
    await fireEvent.click(hitItems()[2]);

    const entry = await waitFor(() => {
      const element = document.querySelector<HTMLElement>('#term-milestone');
      expect(element?.classList.contains('targeted')).toBe(true);
      return element!;
    });
    expect(document.querySelector('#home')).not.toBeNull();
    expect(entry.closest('details')?.open).toBe(true);
    expect(document.activeElement).toBe(entry);
  });

  it('opens a competency where it is, or on the lowest level of a track that has it', async () => {
    const { calls } = await startApp(reviewSearch);
    await type('review');
    await waitFor(() => expect(hitItems()).toHaveLength(4));
    await fireEvent.click(hitItems()[3]);

    await screen.findByRole('heading', { level: 1, name: 'Software Engineer I' });
    // Engineering comes first on the home page; its lowest level is e1.
    expect(calls.filter((c) => c.cmd === 'level_view').at(-1)?.args).toEqual({ track: 'eng', level: 'e1' });
    const section = () =>
      document.querySelector<HTMLElement>('section.competency[data-competency="engineering-craft"]')!;
    await waitFor(() => expect(section().classList.contains('targeted')).toBe(true));
    expect(section().querySelector('details.judge')?.hasAttribute('open')).toBe(true);
    expect(document.activeElement).toBe(section().querySelector('h3'));

    // On a level that has it, the page stays.
    await fireEvent.click(document.querySelector('#next-level')!);
    await screen.findByRole('heading', { level: 1, name: 'Software Engineer II' });
    const before = calls.length;
    await type('review again');
    await waitFor(() => expect(searches(calls).at(-1)?.args.query).toBe('review again'));
    await waitFor(() => expect(hitItems()).toHaveLength(4));
    await fireEvent.click(hitItems()[3]);
    await waitFor(() => expect(document.activeElement).toBe(section().querySelector('h3')));
    expect(calls.slice(before).filter((c) => c.cmd === 'level_view')).toEqual([]);
  });
});
