// The window as a person uses it, with the Rust side replaced by `mockIPC`.

import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { tick } from 'svelte';
import { describe, expect, it } from 'vitest';
import App from '../src/App.svelte';
import type { AppError } from '../src/bindings/AppError';
import type { FrameworkView } from '../src/bindings/FrameworkView';
import { folderFramework, framework } from './fixtures';
import { backend, expectationIds, levelLink, openE2, startApp } from './harness';

describe('startup', () => {
  it('shows the framework with levels of every track aligned by band', async () => {
    const { calls } = await startApp();

    expect(calls[0]).toEqual({ cmd: 'open_startup', args: {} });
    expect(document.querySelector('#framework-name')?.textContent).toBe('Acme ladders');
    expect(document.querySelector('#framework-version')?.textContent).toBe('2026.1');
    expect(document.querySelector('#framework-hash')?.textContent).toBe('c76acfc64314');
    expect(document.querySelector('#framework-hash')?.getAttribute('title')).toMatch(/exact files/);
    expect(screen.getByText('Bundled framework', { selector: '.source-text' })).toBeTruthy();
    expect(document.querySelector<HTMLButtonElement>('#open-bundled')?.hidden).toBe(true);
    expect(document.querySelector('#diagnostics-toggle')).toBeNull();

    const home = document.querySelector('#home');
    expect(home).not.toBeNull();
    // Band 2 holds Software Engineer II and Associate Product Manager on one row.
    const rowE2 = levelLink('eng/e2').closest('tr');
    expect(rowE2).not.toBeNull();
    expect(levelLink('pm/p1').closest('tr')).toBe(rowE2);
    expect(within(rowE2!).getByRole('rowheader').textContent).toContain('Developing');
    expect(levelLink('eng/e3').closest('tr')).toBe(levelLink('pm/p2').closest('tr'));
    expect(levelLink('eng/e1').closest('tr')).not.toBe(rowE2);

    // One column per track, engineering before product, and an empty cell where a track has
    // no level: product has nothing on band 1.
    const headers = [...document.querySelectorAll('th.track-head .track-name')].map((h) => h.textContent);
    expect(headers).toEqual(['Software Engineer', 'Product Manager']);
    const rowE1 = levelLink('eng/e1').closest('tr')!;
    const cells = rowE1.querySelectorAll('td');
    expect(cells).toHaveLength(2);
    expect(cells[1].querySelector('a')).toBeNull();
    expect(levelLink('eng/e2').textContent).toBe('Software Engineer II');
  });

  it('shows a failure in words, and opens the bundled framework from there', async () => {
    const calls = backend({
      open_startup: () => {
        throw { kind: 'unreadable', message: 'Rung cannot open the folder /nowhere: it does not exist.' } satisfies AppError;
      },
    });
    render(App);

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Rung cannot open the folder /nowhere: it does not exist.');
    expect(alert.textContent).not.toContain('[object');
    expect(document.querySelector('#home')).toBeNull();

    await fireEvent.click(screen.getByRole('button', { name: 'Open the bundled framework' }));
    await screen.findByText('Tracks and levels');
    expect(calls.at(-1)).toEqual({ cmd: 'open_framework', args: { source: { kind: 'bundled' } } });
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows the message of a failed level, never a raw object', async () => {
    await startApp({
      level_view: () => {
        throw { kind: 'not-found', message: 'The track Software Engineer has no level “e2”.' } satisfies AppError;
      },
    });
    await fireEvent.click(levelLink('eng/e2'));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The track Software Engineer has no level “e2”.');
    expect(document.querySelector('#home')).not.toBeNull();
  });

  it('opens a folder the person picks, and keeps the framework when they cancel', async () => {
    let picked: FrameworkView | null = null;
    const { calls } = await startApp({ choose_folder: () => picked });

    await fireEvent.click(document.querySelector('#open-folder')!);
    await waitFor(() => expect(calls.at(-1)?.cmd).toBe('choose_folder'));
    expect(document.querySelector('#framework-name')?.textContent).toBe('Acme ladders');

    picked = folderFramework;
    await fireEvent.click(document.querySelector('#open-folder')!);
    await waitFor(() => expect(document.querySelector('#framework-name')?.textContent).toBe('Sam’s ladders'));
    expect(screen.getByText('/home/sam/ladders')).toBeTruthy();
    const bundled = document.querySelector<HTMLButtonElement>('#open-bundled')!;
    expect(bundled.hidden).toBe(false);

    await fireEvent.click(bundled);
    await waitFor(() => expect(document.querySelector('#framework-name')?.textContent).toBe('Acme ladders'));
    expect(calls.at(-1)).toEqual({ cmd: 'open_framework', args: { source: { kind: 'bundled' } } });
  });
});

describe('diagnostics', () => {
  it('opens by itself when there are errors and lists each problem with its place', async () => {
    await startApp({ open_startup: () => framework });

    const toggle = document.querySelector<HTMLButtonElement>('#diagnostics-toggle')!;
    expect(toggle.textContent).toContain('1 error, 1 warning');
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const panel = document.querySelector('#diagnostics')!;
    expect(panel.textContent).toContain('This framework has problems. Rung loaded everything else.');
    const items = [...panel.querySelectorAll('li.diagnostic')];
    expect(items).toHaveLength(2);
    expect(items[0].textContent).toContain('tracks/eng/e2.md:7:3');
    expect(items[0].textContent).toContain('error');
    expect(items[0].textContent).toContain('unknown-competency');
    expect(items[0].textContent).toContain('unknown competency `Delivry` (did you mean `Delivery`?)');
    expect(items[0].textContent).toContain('the competencies of track `eng` are `Delivery`');
    expect(items[1].textContent).toContain('tracks/pm/p1.md:12:1');

    await fireEvent.click(toggle);
    expect(document.querySelector('#diagnostics')).toBeNull();
    await fireEvent.click(toggle);
    expect(document.querySelector('#diagnostics li.diagnostic')).not.toBeNull();
  });

  it('stays closed when there are only warnings, until the badge is clicked', async () => {
    await startApp({
      open_startup: () => ({ ...framework, diagnostics: framework.diagnostics.slice(1), errors: 0 }),
    });
    const toggle = document.querySelector<HTMLButtonElement>('#diagnostics-toggle')!;
    expect(toggle.textContent).toContain('0 errors, 1 warning');
    expect(document.querySelector('#diagnostics')).toBeNull();
    await fireEvent.click(toggle);
    expect(document.querySelector('#diagnostics li.diagnostic')?.textContent).toContain('tracks/pm/p1.md:12:1');
  });
});

describe('level page', () => {
  it('opens the level a link names, with its expectations by competency', async () => {
    const { calls } = await openE2();

    expect(calls.at(-1)).toEqual({ cmd: 'level_view', args: { track: 'eng', level: 'e2' } });
    const level = document.querySelector('#level')!;
    expect(level).not.toBeNull();
    expect(document.querySelector('#home')).toBeNull();
    expect(document.querySelector('h1#level-title')?.textContent).toBe('Software Engineer II');
    expect(level.textContent).toContain('Band 2');
    expect(level.textContent).toContain('Developing');
    expect(document.querySelector('#dimensions')?.textContent).toContain('Small features of one to three weeks.');
    expect(expectationIds()).toEqual([
      'eng/e2/breaks-work-into-milestones',
      'eng/e1/finishes-tasks',
      'eng/e2/reviews-changes',
      'eng/e1/writes-tests',
    ]);

    const delivery = document.querySelector('section.competency[data-competency="delivery"]')!;
    expect(delivery.querySelector('h3')?.textContent).toBe('Delivery');
    expect(delivery.querySelector('.tag')?.textContent).toBe('Shared');
    expect(document.querySelector('section.competency[data-competency="engineering-craft"] .tag')?.textContent).toBe('Craft');
    expect(delivery.querySelector('details.judge')?.textContent).toContain('What did this person finish?');
    expect(delivery.querySelector('details.examples summary')?.textContent).toBe('Examples (2)');

    const inherited = document.querySelector('li.expectation[data-id="eng/e1/finishes-tasks"]')!;
    expect(inherited.classList.contains('inherited')).toBe(true);
    // The level it comes from by title and band, as a reader from another track needs it.
    expect(inherited.querySelector('.from')?.textContent).toBe('from Software Engineer I (band 1)');
    const own = document.querySelector('li.expectation[data-id="eng/e2/reviews-changes"]')!;
    expect(own.classList.contains('inherited')).toBe(false);
    expect(own.textContent).not.toContain('from ');
  });

  it('hides inherited expectations with “Only what is new at this level”', async () => {
    await openE2();
    const toggle = document.querySelector<HTMLInputElement>('#only-new')!;
    expect(toggle.checked).toBe(false);

    await fireEvent.click(toggle);
    expect(toggle.checked).toBe(true);
    expect(expectationIds()).toEqual(['eng/e2/breaks-work-into-milestones', 'eng/e2/reviews-changes']);
    expect(document.querySelector('li.expectation.inherited')).toBeNull();

    await fireEvent.click(toggle);
    expect(expectationIds()).toHaveLength(4);
  });

  it('moves between levels with the buttons and with [ and ], and goes home with Escape', async () => {
    const { calls } = await openE2();

    await fireEvent.keyDown(document.body, { key: ']' });
    await screen.findByRole('heading', { level: 1, name: 'Software Engineer III' });
    expect(calls.at(-1)).toEqual({ cmd: 'level_view', args: { track: 'eng', level: 'e3' } });
    expect(document.querySelector<HTMLButtonElement>('#next-level')?.disabled).toBe(true);

    await fireEvent.click(document.querySelector('#prev-level')!);
    await screen.findByRole('heading', { level: 1, name: 'Software Engineer II' });
    expect(calls.at(-1)).toEqual({ cmd: 'level_view', args: { track: 'eng', level: 'e2' } });

    await fireEvent.keyDown(document.body, { key: '[' });
    await screen.findByRole('heading', { level: 1, name: 'Software Engineer I' });
    expect(calls.at(-1)).toEqual({ cmd: 'level_view', args: { track: 'eng', level: 'e1' } });
    expect(document.querySelector<HTMLButtonElement>('#prev-level')?.disabled).toBe(true);

    await fireEvent.keyDown(document.body, { key: 'ArrowRight', altKey: true });
    await screen.findByRole('heading', { level: 1, name: 'Software Engineer II' });

    const before = calls.length;
    await fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(document.querySelector('#home')).not.toBeNull();
    expect(document.querySelector('#level')).toBeNull();
    // Home gives the focus back to the link of the level just read.
    expect(document.activeElement).toBe(levelLink('eng/e2'));
    // On the home page, `]` asks nothing of the backend.
    await fireEvent.keyDown(document.body, { key: ']' });
    await tick();
    expect(calls.length).toBe(before);
  });

  it('does not take `]` typed into a text field as a shortcut', async () => {
    const { calls } = await openE2();
    const field = document.createElement('input');
    document.body.append(field);
    const before = calls.length;
    await fireEvent.keyDown(field, { key: ']' });
    await tick();
    expect(calls.length).toBe(before);
    field.remove();
  });
});

describe('glossary terms', () => {
  it('shows the definition while a term has the focus, and hides it on blur and Escape', async () => {
    await openE2();
    const tooltip = document.querySelector<HTMLElement>('#term-tooltip')!;
    expect(tooltip.getAttribute('role')).toBe('tooltip');
    expect(tooltip.hidden).toBe(true);

    const term = document.querySelector<HTMLElement>('span.term[data-term="milestone"]')!;
    expect(term.tabIndex).toBe(0);
    term.focus();
    await tick();
    expect(document.activeElement).toBe(term);
    expect(tooltip.hidden).toBe(false);
    expect(tooltip.querySelector('strong')?.textContent).toBe('Milestone');
    expect(tooltip.textContent).toContain('A point where something agreed is finished and can be checked.');
    expect(term.getAttribute('aria-describedby')).toBe('term-tooltip');

    term.blur();
    await tick();
    expect(tooltip.hidden).toBe(true);
    expect(term.hasAttribute('aria-describedby')).toBe(false);

    term.focus();
    await tick();
    expect(tooltip.hidden).toBe(false);
    await fireEvent.keyDown(term, { key: 'Escape' });
    expect(tooltip.hidden).toBe(true);
    // That Escape closed the definition only; the level stays.
    expect(document.querySelector('#level')).not.toBeNull();
  });

  it('shows the definition on hover and hides it when the pointer leaves', async () => {
    await openE2();
    const tooltip = document.querySelector<HTMLElement>('#term-tooltip')!;
    const term = document.querySelector<HTMLElement>('span.term[data-term="milestone"]')!;

    await fireEvent.mouseOver(term);
    expect(tooltip.hidden).toBe(false);
    expect(tooltip.textContent).toContain('Milestone');

    await fireEvent.mouseOut(term, { relatedTarget: document.body });
    await waitFor(() => expect(tooltip.hidden).toBe(true));
  });
});

describe('glossary', () => {
  it('says where a sense of a term applies', async () => {
    await startApp();
    const glossary = document.querySelector<HTMLDetailsElement>('section.glossary details')!;
    glossary.open = true;
    await fireEvent(glossary, new Event('toggle'));
    const entry = await waitFor(() => {
      const element = document.querySelector<HTMLElement>('#term-component-design');
      expect(element).not.toBeNull();
      return element!;
    });
    expect(entry.querySelector('dt')?.firstChild?.textContent?.trim()).toBe('Component');
    expect(entry.querySelector('.term-scope')?.textContent).toBe('design');
    expect(document.querySelector('#term-milestone .term-scope')).toBeNull();
  });
});

describe('links', () => {
  it('opens http links in the system browser and ignores javascript: and relative links', async () => {
    const { calls } = await openE2();
    const summary = document.querySelector('#level .summary')!;
    const link = (text: string) => within(summary as HTMLElement).getByText(text).closest('a')!;

    const before = calls.length;
    const clickedGuide = await fireEvent.click(link('the guide'));
    expect(clickedGuide).toBe(false); // default prevented: the webview does not navigate
    await waitFor(() =>
      expect(calls.at(-1)).toEqual({ cmd: 'open_external', args: { url: 'https://example.com/guide' } }),
    );
    expect(calls.length).toBe(before + 1);

    expect(await fireEvent.click(link('this'))).toBe(false);
    expect(await fireEvent.click(link('that'))).toBe(false);
    expect(await fireEvent.click(link('the notes'))).toBe(false);
    await tick();
    expect(calls.length).toBe(before + 1);
    expect(document.activeElement?.id).toBe('delivery-notes');
  });

  it('shows why an address could not be opened', async () => {
    await openE2({
      open_external: () => {
        throw { kind: 'internal', message: 'Rung could not open https://example.com/guide.' } satisfies AppError;
      },
    });
    await fireEvent.click(screen.getByText('the guide'));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Rung could not open https://example.com/guide.');
  });
});

describe('role definitions', () => {
  it('opens a track’s role from its column header', async () => {
    await startApp();
    const button = document.querySelector<HTMLButtonElement>('button.role-button[data-track="pm"]')!;
    await fireEvent.click(button);
    const role = document.querySelector('#role')!;
    expect(role.textContent).toContain('Product Manager: the role');
    expect(role.textContent).toContain('Why the product manager exists.');
    expect(role.textContent).toContain('Decision rights');
    expect(button.getAttribute('aria-expanded')).toBe('true');

    await fireEvent.click(within(role as HTMLElement).getByRole('button', { name: 'Close' }));
    expect(document.querySelector('#role')).toBeNull();
  });
});
