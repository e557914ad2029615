// The calibration page against a mocked backend: reached from the cases page with the
// usual set (one band across crafts), the grid blind with each cell's rating, spread,
// evidence and others' ratings, reasons on hover and on focus, the keyboard across the
// cells, a rating changed in place with its reason, warnings that take you to their cells
// and are acknowledged with a reason, names revealed only after a confirmation, the
// choice of cases, print and the blind packet.

import { fireEvent, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { AppError } from '../src/bindings/AppError';
import type { Calibration } from '../src/bindings/Calibration';
import { move, strength } from '../src/components/calibration/cells';
import { usualBand } from '../src/state/calibration.svelte';
import { caseList, calibration, W_RECENCY, W_UNEQUAL } from './calibration-fixtures';
import { cleanFramework } from './fixtures';
import { startApp, type Call, type Handler } from './harness';
import { PLAIN, savePlain } from './sealing';

async function openCalibration(overrides: Record<string, Handler> = {}) {
  const app = await startApp({
    cases_list: () => caseList,
    calibration_view: ({ reveal }) => calibration({ revealed: reveal === true }),
    ...overrides,
  });
  await fireEvent.click(document.getElementById('open-cases') as HTMLElement);
  await fireEvent.click(await screen.findByRole('button', { name: 'Calibrate' }));
  await screen.findByRole('heading', { level: 1, name: 'Cases side by side' });
  await screen.findByRole('grid');
  return app;
}

function views(calls: Call[]): Call[] {
  return calls.filter((c) => c.cmd === 'calibration_view');
}

/** Shows the expectations no one has rated or evidenced too (the grid leaves them out at first). */
async function showEverything() {
  const box = document.getElementById('cal-judged-only') as HTMLInputElement;
  expect(box.checked).toBe(true);
  await fireEvent.click(box);
}

function place(caseId: string, expectation: string): HTMLElement {
  const el = document.querySelector<HTMLElement>(
    `.cal-cell[data-case="${caseId}"][data-expectation="${expectation}"]`,
  );
  if (el === null) throw new Error(`no cell ${caseId} ${expectation}`);
  return el;
}

function tooltip(): HTMLElement {
  return document.getElementById('cal-tip') as HTMLElement;
}

describe('calibration', () => {
  it('opens from the cases page on the usual set, blind', async () => {
    const { calls } = await openCalibration();
    // Three of the four promotion cases aim at band 2: that band is the usual set.
    expect(views(calls).at(-1)?.args).toEqual({ selection: { band: 2 }, reveal: false });
    const heads = [...document.querySelectorAll('.cal-col-label')].map((b) => b.textContent?.trim());
    expect(heads).toEqual(['Candidate 1', 'Candidate 2', 'Candidate 3']);
    expect(document.body.textContent).not.toContain('Ada Lovelace');
    expect(screen.getByText(/3 cases on band 2, across 2 tracks/)).toBeTruthy();
    expect(document.querySelector('.level-track')?.textContent).toContain('blind');
    // The rows in the core's order, disagreement first.
    const rows = [...document.querySelectorAll<HTMLElement>('.cal-grid tbody tr')].map((r) => r.dataset.row);
    expect(rows).toEqual(['delivery', 'craft']);
    expect(document.querySelector('tr[data-row="delivery"] .cal-row-spread')?.textContent).toBe('2 steps apart');
  });

  it('leaves out what no one has rated or evidenced until asked to show it', async () => {
    await openCalibration();
    const shown = () => [...document.querySelectorAll<HTMLElement>('.cal-cell[data-expectation]')].length;
    const judgedOnly = shown();
    await showEverything();
    expect(shown()).toBeGreaterThan(judgedOnly);
    await fireEvent.click(document.getElementById('cal-judged-only') as HTMLElement);
    expect(shown()).toBe(judgedOnly);
  });

  it('shows in each cell the rating, the spread, the evidence and the others', async () => {
    await openCalibration();
    await showEverything();
    const a = place('case-a', 'eng/e2/ships');
    expect(a.querySelector('.cal-rating')?.textContent).toBe('Beyond');
    expect(a.querySelector('.cal-spread')?.textContent).toContain('2');
    expect(a.querySelector('.cal-spread')?.textContent).toContain('steps apart');
    expect(a.querySelector('.cal-evidence')?.textContent?.trim()).toBe('3 items · 2 sources');
    expect(a.querySelector('.cal-evidence')?.classList.contains('tone-corroborated')).toBe(true);
    const others = [...a.querySelectorAll('.cal-others li')].map((li) => li.textContent?.replace(/\s+/g, ' ').trim());
    expect(others).toEqual(['Self Beyond', 'R1 Not yet']);
    expect(a.querySelector('.cal-flag')?.textContent).toContain('1');
    // Stacked: the case's own expectations in a shared competency, each saying which it is.
    expect(place('case-a', 'eng/e2/plans').querySelector('.cal-cell-text')?.textContent).toBe(
      'Plans the work of a quarter.',
    );
    const b = place('case-b', 'pm/p1/ships').querySelector('.cal-evidence');
    expect(b?.textContent?.trim()).toBe('1 item · only their own');
    expect(b?.classList.contains('tone-self-only')).toBe(true);
    const c = place('case-c', 'eng/e2/ships').querySelector('.cal-evidence');
    expect(c?.textContent?.trim()).toBe('2 items · 1 source · 1 weak');
    const unrated = place('case-c', 'eng/e2/reviews');
    expect(unrated.querySelector('.cal-rating')?.textContent).toBe('Not rated');
    expect(unrated.querySelector('.cal-evidence')?.textContent?.trim()).toBe('No evidence');
    expect(unrated.querySelector('.cal-evidence')?.classList.contains('tone-none')).toBe(true);
    // A case that has nothing in a row says so.
    expect(document.querySelector('tr[data-row="craft"] .cal-cell.none')?.textContent).toContain(
      'Not asked of this level',
    );
  });

  it('shows the reasons beside a cell on hover and on keyboard focus', async () => {
    await openCalibration();
    expect(tooltip().hidden).toBe(true);
    const a = place('case-a', 'eng/e2/ships');
    await fireEvent.mouseOver(a);
    expect(tooltip().hidden).toBe(false);
    expect(tooltip().textContent).toContain('Why case-a meets eng/e2/ships.');
    expect(tooltip().textContent).toContain('Reviewer 1: Not yet');
    expect(tooltip().textContent).toContain('Only one release.');
    expect(tooltip().textContent).toContain('Same rating, unequal evidence');
    await fireEvent.mouseOut(a);
    expect(tooltip().hidden).toBe(true);
    const b = place('case-b', 'pm/p1/ships');
    b.focus();
    await vi.waitFor(() => expect(tooltip().hidden).toBe(false));
    expect(b.getAttribute('aria-describedby')).toBe('cal-tip');
    expect(tooltip().textContent).toContain('Why case-b meets pm/p1/ships.');
    expect(tooltip().textContent).toContain('1 item, from the candidate (1).');
    // Escape hides the reasons and keeps the page.
    await fireEvent.keyDown(b, { key: 'Escape' });
    expect(tooltip().hidden).toBe(true);
    expect(document.getElementById('calibrate')).not.toBeNull();
  });

  it('moves across the cells with the arrow keys, one place in the tab order', async () => {
    await openCalibration();
    await showEverything();
    const first = place('case-a', 'eng/e2/ships');
    expect(first.tabIndex).toBe(0);
    expect(document.querySelectorAll('.cal-cell[tabindex="0"]').length).toBe(1);
    first.focus();
    await fireEvent.keyDown(first, { key: 'ArrowRight' });
    expect(document.activeElement).toBe(place('case-b', 'pm/p1/ships'));
    await fireEvent.keyDown(document.activeElement as HTMLElement, { key: 'ArrowLeft' });
    expect(document.activeElement).toBe(first);
    // Down goes through a cell's stacked expectations before the next row.
    await fireEvent.keyDown(first, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(place('case-a', 'eng/e2/plans'));
    await fireEvent.keyDown(document.activeElement as HTMLElement, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(place('case-a', 'eng/e2/reviews'));
    await fireEvent.keyDown(document.activeElement as HTMLElement, { key: 'ArrowRight' });
    expect(document.activeElement?.classList.contains('none')).toBe(true);
    await fireEvent.keyDown(document.activeElement as HTMLElement, { key: 'End' });
    expect(document.activeElement).toBe(place('case-c', 'eng/e2/reviews'));
    expect(place('case-c', 'eng/e2/reviews').tabIndex).toBe(0);
    expect(first.tabIndex).toBe(-1);
  });

  it('changes a rating in place with a required reason, then shows before and after', async () => {
    let changed = false;
    const { calls } = await openCalibration({
      calibration_view: () => calibration({ changed }),
      calibration_recalibrate: () => {
        changed = true;
        return null;
      },
    });
    const a = place('case-a', 'eng/e2/ships');
    a.focus();
    await fireEvent.keyDown(a, { key: 'Enter' });
    const form = await screen.findByRole('form', { name: 'Change in calibration' });
    const select = within(form).getByRole('combobox', { name: 'Rating' }) as HTMLSelectElement;
    expect(document.activeElement).toBe(select);
    const submit = within(form).getByRole('button', { name: 'Change' }) as HTMLButtonElement;
    await fireEvent.change(select, { target: { value: 'meets' } });
    expect(submit.disabled).toBe(true);
    await fireEvent.input(within(form).getByRole('textbox', { name: 'Why (required)' }), {
      target: { value: 'One release is not a pattern.' },
    });
    expect(submit.disabled).toBe(false);
    const before = views(calls).length;
    await fireEvent.click(submit);
    await vi.waitFor(() => expect(views(calls).length).toBe(before + 1));
    const sent = calls.find((c) => c.cmd === 'calibration_recalibrate');
    expect(sent?.args).toMatchObject({
      caseId: 'case-a',
      revision: null,
      expectation: 'eng/e2/ships',
      rating: 'meets',
      reason: 'One release is not a pattern.',
    });
    await vi.waitFor(() => expect(screen.queryByRole('form', { name: 'Change in calibration' })).toBeNull());
    const cell = place('case-a', 'eng/e2/ships');
    expect(cell.querySelector('.cal-before')?.textContent).toBe('Beyond');
    expect(cell.querySelector('.cal-after')?.textContent).toBe('Meets');
    await vi.waitFor(() => expect(document.activeElement).toBe(cell));
    expect(tooltip().textContent).toContain('Changed in calibration: Beyond → Meets');
    expect(tooltip().textContent).toContain('One release is not a pattern.');
  });

  it('closes the rating change with Escape, back on its cell, without leaving the page', async () => {
    const { calls } = await openCalibration();
    const a = place('case-a', 'eng/e2/ships');
    a.focus();
    await fireEvent.keyDown(a, { key: 'Enter' });
    const form = await screen.findByRole('form', { name: 'Change in calibration' });
    await fireEvent.keyDown(within(form).getByRole('combobox', { name: 'Rating' }), { key: 'Escape' });
    expect(screen.queryByRole('form', { name: 'Change in calibration' })).toBeNull();
    await vi.waitFor(() => expect(document.activeElement).toBe(place('case-a', 'eng/e2/ships')));
    expect(document.getElementById('calibrate')).not.toBeNull();
    expect(calls.some((c) => c.cmd === 'calibration_recalibrate')).toBe(false);
  });

  it('keeps the form open and says why when the change is refused', async () => {
    await openCalibration({
      calibration_recalibrate: () => {
        throw { kind: 'stale', message: 'The case changed meanwhile; look again.' } satisfies AppError;
      },
    });
    const a = place('case-a', 'eng/e2/ships');
    a.focus();
    await fireEvent.keyDown(a, { key: 'Enter' });
    const form = await screen.findByRole('form', { name: 'Change in calibration' });
    await fireEvent.change(within(form).getByRole('combobox', { name: 'Rating' }), { target: { value: 'meets' } });
    await fireEvent.input(within(form).getByRole('textbox'), { target: { value: 'Too high.' } });
    await fireEvent.click(within(form).getByRole('button', { name: 'Change' }));
    expect(await screen.findByText('The case changed meanwhile; look again.')).toBeTruthy();
    expect(screen.getByRole('form', { name: 'Change in calibration' })).toBeTruthy();
  });

  it('takes a warning to the cells it compares', async () => {
    await openCalibration();
    const panel = screen.getByRole('complementary', { name: /Warnings/ });
    expect(within(panel).getByRole('heading', { name: /Warnings/ }).textContent).toContain('2');
    const item = panel.querySelector<HTMLElement>(`li[data-key="${W_UNEQUAL}"]`) as HTMLElement;
    expect(item.closest('details')?.querySelector('.cal-kind')?.textContent).toBe('Same rating, unequal evidence');
    await fireEvent.click(within(item).getByRole('button', { name: /are both rated Beyond/ }));
    const marked = [...document.querySelectorAll<HTMLElement>('.cal-cell.flagged')].map(
      (c) => `${c.dataset.case} ${c.dataset.expectation}`,
    );
    expect(marked).toEqual(['case-a eng/e2/ships', 'case-b pm/p1/ships']);
    await vi.waitFor(() => expect(document.activeElement).toBe(place('case-a', 'eng/e2/ships')));
    // A warning about a whole case marks its column and takes the focus to its head.
    const recency = panel.querySelector<HTMLElement>(`li[data-key="${W_RECENCY}"]`) as HTMLElement;
    await fireEvent.click(within(recency).getByRole('button', { name: /last fifth/ }));
    expect(document.querySelectorAll('.cal-cell.flagged').length).toBe(0);
    expect(document.querySelector('th.cal-col.flagged')?.getAttribute('data-case')).toBe('case-c');
    await vi.waitFor(() => expect(document.activeElement?.textContent?.trim()).toBe('Candidate 3'));
  });

  it('groups the warnings by kind, folding a kind with many', async () => {
    const many = calibration();
    const first = many.warnings[0]!;
    many.warnings = [
      ...[1, 2, 3, 4, 5].map((n) => ({ ...first, key: `${first.key}:${n}`, sentence: `Unequal ${n}.` })),
      ...many.warnings.slice(1),
    ];
    await openCalibration({ calibration_view: () => many });
    const panel = screen.getByRole('complementary', { name: /Warnings/ });
    const groups = [...panel.querySelectorAll<HTMLDetailsElement>('details.cal-kind-group')];
    expect(groups.map((g) => [g.dataset.kind, g.querySelector('summary')?.textContent?.replace(/\s+/g, ' ').trim(), g.open])).toEqual([
      ['unequal-evidence', 'Same rating, unequal evidence 5', false],
      ['recency', 'Recency 1', true],
    ]);
  });

  it('acknowledges a warning with a required reason and lists it apart', async () => {
    let acknowledged = false;
    const { calls } = await openCalibration({
      calibration_view: () => calibration({ acknowledged }),
      calibration_acknowledge: () => {
        acknowledged = true;
        return calibration({ acknowledged });
      },
    });
    const panel = screen.getByRole('complementary', { name: /Warnings/ });
    const item = panel.querySelector<HTMLElement>(`li[data-key="${W_UNEQUAL}"]`) as HTMLElement;
    await fireEvent.click(within(item).getByRole('button', { name: 'Acknowledge…' }));
    const reason = within(item).getByRole('textbox', { name: 'Why it stands (required)' });
    expect(document.activeElement).toBe(reason);
    const submit = within(item).getByRole('button', { name: 'Acknowledge' }) as HTMLButtonElement;
    expect(submit.disabled).toBe(true);
    await fireEvent.input(reason, { target: { value: 'The product work was seen by all of us.' } });
    await fireEvent.click(submit);
    const sent = await vi.waitFor(() => {
      const call = calls.find((c) => c.cmd === 'calibration_acknowledge');
      if (!call) throw new Error('not yet');
      return call;
    });
    expect(sent.args).toEqual({
      selection: { band: 2 },
      key: W_UNEQUAL,
      reason: 'The product work was seen by all of us.',
    });
    const done = await vi.waitFor(() => {
      const el = panel.querySelector<HTMLElement>(`.cal-acknowledged li[data-key="${W_UNEQUAL}"]`);
      if (!el) throw new Error('not yet');
      return el;
    });
    expect(done.textContent).toContain('The product work was seen by all of us.');
    expect(within(panel).getByRole('heading', { name: /Warnings/ }).textContent).toContain('1');
    expect(panel.querySelector(`.cal-warning-list > li[data-key="${W_RECENCY}"]`)).not.toBeNull();
  });

  it('reveals names only after a confirmation that says it is recorded, and goes back to blind', async () => {
    const { calls } = await openCalibration();
    await fireEvent.click(screen.getByRole('button', { name: 'Reveal names…' }));
    const confirm = screen.getByRole('alertdialog', { name: 'Show the names?' });
    expect(confirm.textContent?.replace(/\s+/g, ' ')).toContain(
      'records that they were shown in the history of each of these 3 cases',
    );
    // Keeping blind asks nothing.
    const before = views(calls).length;
    await fireEvent.click(within(confirm).getByRole('button', { name: 'Keep blind' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(views(calls).length).toBe(before);
    await fireEvent.click(screen.getByRole('button', { name: 'Reveal names…' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Show names and record it' }));
    await screen.findByRole('button', { name: 'Ada Lovelace' });
    expect(views(calls).at(-1)?.args).toEqual({ selection: { band: 2 }, reveal: true });
    expect(document.querySelector('.level-track')?.textContent).toContain('names showing');
    await fireEvent.click(screen.getByRole('button', { name: 'Back to blind' }));
    await screen.findByRole('button', { name: 'Candidate 1' });
    expect(views(calls).at(-1)?.args).toEqual({ selection: { band: 2 }, reveal: false });
  });

  it('chooses the cases by band, track, cycle or by hand, each time blind', async () => {
    const { calls } = await openCalibration();
    await fireEvent.change(document.getElementById('cal-band') as HTMLSelectElement, { target: { value: '3' } });
    expect(views(calls).at(-1)?.args).toEqual({ selection: { band: 3 }, reveal: false });
    await fireEvent.change(document.getElementById('cal-track') as HTMLSelectElement, { target: { value: 'eng' } });
    expect(views(calls).at(-1)?.args).toEqual({ selection: { band: 3, track: 'eng' }, reveal: false });
    await fireEvent.change(document.getElementById('cal-band') as HTMLSelectElement, { target: { value: '' } });
    expect(views(calls).at(-1)?.args).toEqual({ selection: { track: 'eng' }, reveal: false });
    // A cycle needs both days, in order.
    const from = document.getElementById('cal-from') as HTMLInputElement;
    const to = document.getElementById('cal-to') as HTMLInputElement;
    const asked = views(calls).length;
    await fireEvent.input(from, { target: { value: '2026-07-01' } });
    await fireEvent.change(from);
    expect(views(calls).length).toBe(asked);
    expect(screen.getByText('Give the cycle’s first and last day.')).toBeTruthy();
    await fireEvent.input(to, { target: { value: '2026-01-01' } });
    await fireEvent.change(to);
    expect(screen.getByText('The cycle ends before it starts.')).toBeTruthy();
    await fireEvent.input(to, { target: { value: '2026-12-31' } });
    await fireEvent.change(to);
    expect(views(calls).at(-1)?.args).toEqual({
      selection: { track: 'eng', cycle: { from: '2026-07-01', to: '2026-12-31' } },
      reveal: false,
    });
    // By hand: promotion cases only, by alias while blind.
    await fireEvent.click(screen.getByRole('button', { name: 'Reset' }));
    expect(views(calls).at(-1)?.args).toEqual({ selection: {}, reveal: false });
    const picker = document.querySelector('.cal-pick-list') as HTMLElement;
    const boxes = within(picker).getAllByRole('checkbox');
    expect(boxes.length).toBe(4);
    expect(picker.textContent).toContain('Candidate 4');
    expect(picker.textContent).not.toContain('Donald Knuth');
    await fireEvent.click(within(picker).getByRole('checkbox', { name: /Candidate 2/ }));
    await fireEvent.click(within(picker).getByRole('checkbox', { name: /Candidate 4/ }));
    expect(views(calls).at(-1)?.args).toEqual({ selection: { cases: ['case-b', 'case-d'] }, reveal: false });
    expect(document.getElementById('cal-pick-toggle')?.textContent).toContain('2 picked by hand');
    // Picking by hand sets a band aside; a band chosen afterwards narrows the picked set.
    await fireEvent.change(document.getElementById('cal-band') as HTMLSelectElement, { target: { value: '2' } });
    expect(views(calls).at(-1)?.args).toEqual({ selection: { cases: ['case-b', 'case-d'], band: 2 }, reveal: false });
    await fireEvent.click(within(picker).getByRole('checkbox', { name: /Candidate 4/ }));
    expect(views(calls).at(-1)?.args).toEqual({ selection: { cases: ['case-b'] }, reveal: false });
  });

  it('says so when no case matches', async () => {
    const empty: Calibration = { ...calibration(), columns: [], rows: [], warnings: [] };
    await startApp({ cases_list: () => caseList, calibration_view: () => empty });
    await fireEvent.click(document.getElementById('open-cases') as HTMLElement);
    await fireEvent.click(await screen.findByRole('button', { name: 'Calibrate' }));
    expect(await screen.findByText(/No case matches this choice/)).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Export blind packet…' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('prints, and saves the blind packet where the person picks', async () => {
    const print = vi.fn();
    window.print = print;
    const { calls } = await openCalibration({ calibration_packet_save: () => '/home/me/calibration.html' });
    await fireEvent.click(screen.getByRole('button', { name: 'Print' }));
    expect(print).toHaveBeenCalledOnce();
    await fireEvent.click(screen.getByRole('button', { name: 'Export blind packet…' }));
    await savePlain();
    expect(await screen.findByText('Blind packet saved to /home/me/calibration.html.')).toBeTruthy();
    expect(calls.find((c) => c.cmd === 'calibration_packet_save')?.args).toEqual({ selection: { band: 2 }, seal: PLAIN });
  });

  it('opens the evidence of a cell in its case, from a blind grid once the reveal is agreed and recorded', async () => {
    const { calls } = await openCalibration({
      case_view: () => {
        throw { kind: 'not-found', message: 'No case case-b.' } satisfies AppError;
      },
    });
    await fireEvent.click(place('case-b', 'pm/p1/ships').querySelector('.cal-evidence') as HTMLElement);
    // Blind: nothing opens until the person agrees that the case's page shows its names.
    expect(calls.some((c) => c.cmd === 'case_view')).toBe(false);
    expect(screen.getByText('Open the case with its names?')).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: 'Open and record it' }));
    await waitFor(() => expect(calls.find((c) => c.cmd === 'case_view')?.args).toEqual({ id: 'case-b' }));
    const recorded = calls.filter((c) => c.cmd === 'calibration_view').pop();
    expect(recorded?.args).toEqual({ selection: { cases: ['case-b'] }, reveal: true });
  });

  it('goes back to the cases with Escape, and shows the same set again', async () => {
    const { calls } = await openCalibration();
    await fireEvent.change(document.getElementById('cal-track') as HTMLSelectElement, { target: { value: 'pm' } });
    await fireEvent.keyDown(document.body, { key: 'Escape' });
    await screen.findByRole('heading', { level: 1, name: 'Promotion cases' });
    await fireEvent.click(screen.getByRole('button', { name: 'Calibrate' }));
    await screen.findByRole('grid');
    expect(views(calls).at(-1)?.args).toEqual({ selection: { band: 2, track: 'pm' }, reveal: false });
  });
});

describe('calibration helpers', () => {
  const shape = [
    [2, 1, 1],
    [1, 1, 3],
  ];

  it('moves through stacked cells, rows and columns, and stops at the edges', () => {
    expect(move({ r: 0, c: 0, i: 0 }, 'ArrowDown', shape)).toEqual({ r: 0, c: 0, i: 1 });
    expect(move({ r: 0, c: 0, i: 1 }, 'ArrowDown', shape)).toEqual({ r: 1, c: 0, i: 0 });
    expect(move({ r: 1, c: 0, i: 0 }, 'ArrowUp', shape)).toEqual({ r: 0, c: 0, i: 1 });
    expect(move({ r: 0, c: 0, i: 1 }, 'ArrowRight', shape)).toEqual({ r: 0, c: 1, i: 0 });
    expect(move({ r: 1, c: 2, i: 2 }, 'ArrowLeft', shape)).toEqual({ r: 1, c: 1, i: 0 });
    expect(move({ r: 0, c: 2, i: 0 }, 'ArrowRight', shape)).toEqual({ r: 0, c: 2, i: 0 });
    expect(move({ r: 0, c: 0, i: 0 }, 'ArrowUp', shape)).toEqual({ r: 0, c: 0, i: 0 });
    expect(move({ r: 1, c: 2, i: 2 }, 'ArrowDown', shape)).toEqual({ r: 1, c: 2, i: 2 });
    expect(move({ r: 1, c: 1, i: 0 }, 'Home', shape, true)).toEqual({ r: 0, c: 0, i: 0 });
    expect(move({ r: 0, c: 0, i: 0 }, 'End', shape)).toEqual({ r: 0, c: 2, i: 0 });
    expect(move({ r: 0, c: 0, i: 0 }, 'x', shape)).toBeNull();
  });

  it('says how strong the evidence is', () => {
    const base = { by_owner: 0, by_peer: 0, by_specialist: 0, by_candidate: 0, weak: 0, corroborated: false, ids: [] };
    expect(strength({ ...base, items: 0 }).tone).toBe('none');
    expect(strength({ ...base, items: 2, by_candidate: 2 })).toMatchObject({
      tone: 'self-only',
      short: '2 items · only their own',
    });
    expect(strength({ ...base, items: 2, by_owner: 1, by_candidate: 1, weak: 1 })).toMatchObject({
      tone: 'weak',
      short: '2 items · 2 sources · 1 weak',
      long: '2 items, from the owner (1), the candidate (1); 1 flagged as weak.',
    });
    expect(strength({ ...base, items: 1, by_peer: 1 }).tone).toBe('thin');
    expect(strength({ ...base, items: 3, by_peer: 3, corroborated: true }).tone).toBe('corroborated');
  });

  it('finds the usual set: the band with the most promotion cases', () => {
    expect(usualBand(caseList, cleanFramework)).toBe(2);
    expect(usualBand(caseList.slice(3), cleanFramework)).toBe(3);
    expect(usualBand([], cleanFramework)).toBeNull();
  });
});
