// The case editor records what the person meant, in words a committee reads: levels by
// title and band rather than id; who reported a piece of evidence starting as the case
// owner every time, and shown on the button that saves; evidence that judges the person
// shown as not counting; expectations chosen from a filtered, grouped list of
// checkboxes; gaps read whole; and the drift notice linking each changed expectation.

import { fireEvent, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { CaseView } from '../src/bindings/CaseView';
import type { Edit } from '../src/bindings/Edit';
import type { Evidence } from '../src/bindings/Evidence';
import type { PinnedExpectation } from '../src/bindings/PinnedExpectation';
import { card, edits, openCaseNamed, summary } from './case-harness';
import { startApp } from './harness';

const LONG =
  'Leads the design side of the team’s plan for each quarter: which design and research work comes when, who does it, and what can ship in stages.';
const X1 = 'product-designer/d3/leads-the-design-side-of-the';
const X2 = 'product-designer/d3/runs-usability-tests';
const X3 = 'product-designer/d3/writes-interface-text';
const X4 = 'product-designer/d2/shares-work-early';

const expectations: PinnedExpectation[] = [
  { id: X1, competency: 'delivery', text: LONG, new: true },
  { id: X2, competency: 'research', text: 'Runs **usability tests** with five people.', new: true },
  { id: X3, competency: 'craft', text: 'Writes interface text people understand.', new: true },
  { id: X4, competency: 'delivery', text: 'Shares work early.', new: false },
];

/** Words that judge the person, as the core's word list flags them. */
const JUDGING = /\b(abrasive|bossy)\b/i;

/**
 * A designer's case, from d2 to d3, as the backend shows it, its coverage worked out as
 * the core does: evidence that judges the person supports nothing.
 */
function view(evidence: Evidence[] = [], over: Partial<CaseView> = {}, revision = 1): CaseView {
  const judging = new Set(evidence.filter((e) => JUDGING.test(e.what)).map((e) => e.id));
  const about = (id: string) => evidence.filter((e) => e.expectations.includes(id));
  const counted = (id: string) => about(id).filter((e) => !judging.has(e.id));
  const ids = expectations.map((e) => e.id);
  const supported = ids.filter((id) => counted(id).some((e) => e.reported_by !== 'self'));
  const withEvidence = ids.filter((id) => counted(id).length > 0);
  return {
    case: {
      id: 'case-1',
      candidate: { name: 'Dana Reyes', alias: 'Candidate 4' },
      track: 'product-designer',
      current_level: 'd2',
      target_level: 'd3',
      framework: {
        name: 'Acme ladders',
        version: '2026.1',
        hash: 'c76acfc64314',
        commit: null,
        scale: [
          { id: 'not-yet', name: 'Not yet' },
          { id: 'meets', name: 'Meets' },
        ],
      },
      names: {
        track: 'Product Designer',
        current: { title: 'Product Designer', band: 3 },
        target: { title: 'Senior Product Designer', band: 4 },
        competencies: { delivery: 'Delivery', research: 'User research', craft: 'Design craft' },
      },
      expectations,
      evidence,
      ratings: {},
      self_ratings: {},
      specialists: [],
      recommendation: null,
      decision: null,
      issued: evidence.length,
      self_assessment: false,
    },
    revision,
    coverage: {
      no_evidence: ids.filter((id) => about(id).length === 0),
      self_only: ids.filter((id) => withEvidence.includes(id) && !supported.includes(id)),
      judges_person: ids.filter((id) => about(id).length > 0 && counted(id).length === 0),
      unrated: ids,
      no_reason: [],
      total: ids.length,
      supported: supported.length,
      with_evidence: withEvidence.length,
    },
    findings: evidence
      .filter((e) => judging.has(e.id))
      .map((e) => ({
        evidence: e.id,
        weakness: 'personality' as const,
        word: 'abrasive',
        problem: 'describes the person rather than what they did',
        suggestion: 'describe the behaviour others saw',
      })),
    rule: null,
    drift: null,
    ratings: ids.map((id) => ({ expectation: id, candidate: null, owner: null, differ: false })),
    texts: expectations.map((e) => ({ id: e.id, html: e.text.replace(/\*\*(.*?)\*\*/, '<strong>$1</strong>') })),
    blind_hints: [],
    competencies: [
      { id: 'delivery', name: 'Delivery', evidence: [], questions: [] },
      { id: 'research', name: 'User research', evidence: [], questions: [] },
      { id: 'craft', name: 'Design craft', evidence: [], questions: [] },
    ],
    ...over,
  };
}

/** Opens the case in the editor, against a backend that adds evidence like the core. */
async function openCase(start = view()) {
  let current = start;
  const app = await openCaseNamed('Dana Reyes', {
    cases_list: () => [summary(current)],
    case_view: () => current,
    case_edit: ({ edit }) => {
      const e = edit as Edit;
      if (e.kind === 'add-evidence') {
        const { kind: _kind, ...rest } = e;
        current = view([...current.case.evidence, { id: `ev-${current.case.evidence.length + 1}`, ...rest }], {}, current.revision + 1);
      }
      return current;
    },
  });
  return app;
}

describe('levels and competencies by name', () => {
  it('shows titles and bands the case pinned, though the open framework has no such track', async () => {
    await startApp({ cases_list: () => [summary(view())], case_view: () => view() });
    await fireEvent.click(document.getElementById('open-cases') as HTMLElement);
    const cases = await screen.findByRole('region', { name: 'Cases' });
    const row = cases.querySelector('tr[data-case="case-1"]') as HTMLElement;
    expect(row.textContent).toContain('Product Designer (band 3) → Senior Product Designer (band 4)');
    expect(row.textContent).not.toMatch(/\bd[23]\b|product-designer/);
    await fireEvent.click(within(row).getByRole('button', { name: 'Dana Reyes' }));
    await screen.findByRole('heading', { level: 1, name: /Dana Reyes/ });
    const head = document.querySelector('.case-head') as HTMLElement;
    expect(head.textContent).toContain('Product Designer · promotion case');
    expect(head.textContent?.replace(/\s+/g, ' ')).toContain(
      'From Product Designer (band 3) to Senior Product Designer (band 4)',
    );
    expect(head.textContent).not.toMatch(/\bd[23]\b|product-designer/);
    // The id stays at hand, once per card, for whoever must cite it.
    expect(card(X1).querySelector('.card-ref')?.textContent).toBe(`ref ${X1}`);
  });

  it('falls back to the open framework’s titles, then the ids, for a case without names', async () => {
    const old = view();
    delete old.case.names;
    await startApp({ cases_list: () => [summary(old)], case_view: () => old });
    await fireEvent.click(document.getElementById('open-cases') as HTMLElement);
    const cases = await screen.findByRole('region', { name: 'Cases' });
    expect(cases.querySelector('tr[data-case="case-1"]')?.textContent).toContain('d2 → d3');
  });
});

describe('who reported a piece of evidence', () => {
  it('starts as the case owner each time the form opens, and the save button says whose it is', async () => {
    const { calls } = await openCase();
    await fireEvent.click(within(card(X1)).getByRole('button', { name: '+ Evidence' }));
    const form = card(X1).querySelector('form') as HTMLFormElement;
    const reporter = form.querySelector('.ev-source') as HTMLSelectElement;
    expect(reporter.value).toBe('owner');
    expect(within(form).getByRole('button', { name: /Add evidence/ }).textContent).toContain('as the case owner');
    reporter.value = 'peer';
    await fireEvent.change(reporter);
    expect(within(form).getByRole('button', { name: /Add evidence/ }).textContent).toContain('from a peer');
    await fireEvent.input(form.querySelector('.ev-what') as HTMLElement, { target: { value: 'Ran the checkout crit' } });
    await fireEvent.click(within(form).getByRole('button', { name: /Add evidence/ }));
    await within(card(X1)).findByText('Ran the checkout crit');
    // The form stays open for the next piece, back on the owner.
    const again = card(X1).querySelector('form') as HTMLFormElement;
    expect((again.querySelector('.ev-source') as HTMLSelectElement).value).toBe('owner');
    await fireEvent.input(again.querySelector('.ev-what') as HTMLElement, { target: { value: 'Wrote the crit notes' } });
    await fireEvent.click(within(again).getByRole('button', { name: /Add evidence/ }));
    await within(card(X1)).findByText('Wrote the crit notes');
    await fireEvent.click(within(card(X1)).getByRole('button', { name: 'Close' }));
    // Another expectation's form: the owner again, whatever was chosen before.
    await fireEvent.click(within(card(X2)).getByRole('button', { name: '+ Evidence' }));
    expect((card(X2).querySelector('.ev-source') as HTMLSelectElement).value).toBe('owner');
    expect(edits(calls).map((e) => (e.kind === 'add-evidence' ? e.reported_by : null))).toEqual(['peer', 'owner']);
  });
});

describe('evidence that judges the person', () => {
  it('is shown as not counting, and its expectation as a gap of its own', async () => {
    const judged: Evidence = {
      id: 'ev-1',
      what: 'Dana is abrasive in crits',
      when: '2026-09',
      outcome: 'Two people left the crit',
      link: null,
      reported_by: 'peer',
      expectations: [X2],
    };
    await openCase(view([judged]));
    const item = card(X2).querySelector('li.evidence') as HTMLElement;
    expect(item.className).toContain('weak');
    expect(item.className).toContain('judging');
    expect(item.querySelector('.not-counted')?.textContent).toBe(
      'Not counted as support until it is reworded as what the person did.',
    );
    expect(document.getElementById('coverage-summary')?.textContent).toMatch(/^\s*0 of 4 expectations supported/);
    const gap = document.querySelector<HTMLElement>('.gap-group[data-gap="judges-person"]')!;
    expect(gap.querySelector('summary')?.textContent).toContain('Only words about the person');
    expect(within(gap).getByRole('button').textContent).toBe('Runs usability tests with five people.');
    expect(document.querySelector('.gap-group[data-gap="no-evidence"]')?.textContent).not.toContain('usability');
  });
});

describe('the gap list', () => {
  it('shows each expectation whole, never cut off', async () => {
    await openCase();
    const gap = document.querySelector<HTMLElement>('.gap-group[data-gap="no-evidence"]')!;
    const entries = [...gap.querySelectorAll('li button')].map((b) => b.textContent);
    expect(entries).toContain(LONG);
    expect(entries.every((e) => !e?.includes('…'))).toBe(true);
  });
});

describe('the drift notice', () => {
  it('links each changed expectation to its card', async () => {
    const scrolled: string[] = [];
    vi.spyOn(HTMLElement.prototype, 'scrollIntoView').mockImplementation(function (this: HTMLElement) {
      scrolled.push(this.dataset.id ?? '');
    });
    await openCase(
      view([], {
        drift: {
          pinned_hash: 'c76acfc64314',
          current_hash: '0123abcd4567',
          current_version: '2026.2',
          changes: [
            { kind: 'reworded', id: X3, now: 'Writes interface text everyone understands.', diff: [] },
            { kind: 'removed', id: X4 },
            { kind: 'added', id: 'product-designer/d3/new-one', text: 'Runs a design review every week.' },
          ],
        },
      }),
    );
    const notice = document.getElementById('drift') as HTMLElement;
    const items = [...notice.querySelectorAll('.drift-list li')].map((li) => li.textContent?.replace(/\s+/g, ' ').trim());
    expect(items).toEqual([
      'Reworded: Writes interface text people understand.',
      'No longer in the framework: Shares work early.',
      'Asked for now, and not in this case: “Runs a design review every week.”',
    ]);
    await fireEvent.click(within(notice).getByRole('button', { name: 'Shares work early.' }));
    expect(scrolled).toEqual([X4]);
    expect(document.activeElement).toBe(card(X4).querySelector('.card-focus'));
    // Hidden by "new at this level only", it is shown first.
    await fireEvent.click(document.getElementById('show-new') as HTMLElement);
    await fireEvent.click(within(notice).getByRole('button', { name: 'Shares work early.' }));
    await vi.waitFor(() => expect(scrolled).toEqual([X4, X4]));
  });
});

describe('choosing what specialist input is about', () => {
  it('filters a list of checkboxes grouped by competency, by keyboard, counting what is chosen', async () => {
    const { calls } = await openCase();
    const about = screen.getByRole('group', { name: /About/ });
    expect(about.querySelector('select')).toBeNull();
    const groups = [...about.querySelectorAll('.picker-group-name')].map((g) => g.textContent);
    expect(groups).toEqual(['Delivery', 'User research', 'Design craft']);
    expect(within(about).getAllByRole('checkbox')).toHaveLength(4);
    expect(about.querySelector('.picker-count')?.textContent).toBe('0 chosen');
    const filter = within(about).getByRole('searchbox');
    await fireEvent.input(filter, { target: { value: 'research' } });
    // A competency's name matches as well as the words.
    expect(within(about).getAllByRole('checkbox').map((b) => b.getAttribute('value'))).toEqual([X1, X2]);
    await fireEvent.input(filter, { target: { value: 'usability five' } });
    expect(within(about).getAllByRole('checkbox').map((b) => b.getAttribute('value'))).toEqual([X2]);
    // Down from the filter goes to the first box; Space (a click) ticks it.
    await fireEvent.keyDown(filter, { key: 'ArrowDown' });
    const box = within(about).getByRole('checkbox', { name: /usability tests/ });
    expect(document.activeElement).toBe(box);
    await fireEvent.click(box);
    expect(about.querySelector('.picker-count')?.textContent).toBe('1 chosen');
    // Chosen stays chosen when the filter hides it.
    await fireEvent.input(filter, { target: { value: 'nothing matches this' } });
    expect(within(about).queryAllByRole('checkbox')).toHaveLength(0);
    expect(within(about).getByText('No expectation has these words.')).toBeTruthy();
    await fireEvent.input(filter, { target: { value: '' } });
    const boxes = within(about).getAllByRole('checkbox') as HTMLInputElement[];
    expect(boxes.filter((b) => b.checked).map((b) => b.value)).toEqual([X2]);
    // Up and down move between the boxes, across groups.
    expect(boxes.map((b) => b.value)).toEqual([X1, X4, X2, X3]);
    boxes[0]?.focus();
    await fireEvent.keyDown(boxes[0] as HTMLElement, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(boxes[1]);
    await fireEvent.keyDown(boxes[1] as HTMLElement, { key: 'ArrowDown' });
    await fireEvent.keyDown(boxes[2] as HTMLElement, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(boxes[1]);
    await fireEvent.click(boxes[1] as HTMLElement);
    expect(about.querySelector('.picker-count')?.textContent).toBe('2 chosen');
    await fireEvent.input(screen.getByLabelText('Who'), { target: { value: 'Kim Park' } });
    await fireEvent.input(screen.getByLabelText('What they said'), { target: { value: 'The tests were sound' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Record input' }));
    const added = edits(calls).at(-1);
    expect(added?.kind).toBe('add-specialist');
    expect(added?.kind === 'add-specialist' ? [...added.expectations].sort() : []).toEqual([X2, X4].sort());
  });
});
