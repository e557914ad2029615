// The case screens against a mocked backend: the list, starting a case or a
// self-assessment, the editor (evidence, ratings, gaps, weak evidence, drift), stale edits,
// export and the self-assessment taken into a case.

import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import App from '../src/App.svelte';
import { describe, expect, it } from 'vitest';
import type { AppError } from '../src/bindings/AppError';
import type { CaseView } from '../src/bindings/CaseView';
import type { Edit } from '../src/bindings/Edit';
import { describeValue, sentence, shortText } from '../src/lib/cases';
import { draftPlace, historyPlace, hintPlace, savedAt } from '../src/lib/case-places';
import { DRAFT_PAUSE } from '../src/state/cases.svelte';
import { card, edits, openCaseNamed, summary } from './case-harness';
import { backend, remembered, startApp } from './harness';
import { PLAIN, savePlain } from './sealing';

const X1 = 'eng/e2/breaks-work-into-milestones';
const X2 = 'eng/e2/reviews-code';
const X3 = 'eng/e1/finishes-tasks';

/** A case as the backend would show it, with coverage worked out like the core does. */
function view(over: Partial<CaseView['case']> = {}, revision = 1): CaseView {
  const c: CaseView['case'] = {
    id: 'case-1',
    candidate: { name: 'Ana Lima', alias: 'Candidate 7' },
    track: 'eng',
    current_level: 'e1',
    target_level: 'e2',
    framework: {
      name: 'Acme ladders',
      version: '2026.1',
      hash: 'c76acfc64314',
      commit: '0123456789abcdef0123',
      scale: [
        { id: 'not-yet', name: 'Not yet' },
        { id: 'meets', name: 'Meets' },
        { id: 'beyond', name: 'Beyond' },
      ],
    },
    expectations: [
      { id: X1, competency: 'delivery', text: 'Breaks work into **milestones**.', new: true },
      { id: X2, competency: 'craft', text: 'Reviews code <b>kindly</b>.', new: true },
      { id: X3, competency: 'delivery', text: 'Finishes tasks.', new: false },
    ],
    evidence: [],
    ratings: {},
    self_ratings: {},
    specialists: [],
    recommendation: null,
    decision: null,
    issued: 0,
    self_assessment: false,
    ...over,
  };
  const ids = c.expectations.map((e) => e.id);
  const backed = (id: string, others: boolean) =>
    c.evidence.some((e) => e.expectations.includes(id) && (!others || e.reported_by !== 'self'));
  const no_evidence = ids.filter((id) => !backed(id, false));
  const self_only = ids.filter((id) => backed(id, false) && !backed(id, true));
  return {
    case: c,
    revision,
    coverage: {
      no_evidence,
      self_only,
      judges_person: [],
      unrated: ids.filter((id) => c.ratings[id] === undefined),
      no_reason: ids.filter((id) => c.ratings[id] !== undefined && c.ratings[id]?.reason === ''),
      total: ids.length,
      supported: ids.filter((id) => backed(id, true)).length,
      with_evidence: ids.length - no_evidence.length,
    },
    findings: c.evidence
      .filter((e) => /rockstar/i.test(e.what))
      .map((e) => ({
        evidence: e.id,
        weakness: 'vague' as const,
        word: 'rockstar',
        problem: 'praises instead of describing',
        suggestion: 'say what the person did, and what came of it',
      })),
    rule: ruleOf(c),
    drift: null,
    ratings: ids.map((id) => {
      const candidate = c.self_ratings[id] ?? null;
      const owner = c.ratings[id] ?? null;
      return { expectation: id, candidate, owner, differ: !!candidate && !!owner && candidate.rating !== owner.rating };
    }),
    texts: c.expectations.map((e) => ({
      id: e.id,
      html: e.text.replace('<b>', '&lt;b&gt;').replace('</b>', '&lt;/b&gt;').replace(/\*\*(.*?)\*\*/, '<strong>$1</strong>'),
    })),
    blind_hints: c.evidence.flatMap((e) =>
      (e.what.match(/\b(she|her|he|his|him)\b/gi) ?? []).map((word) => ({ place: `evidence ${e.id}`, at: { kind: 'evidence' as const, id: e.id }, word })),
    ),
    competencies: [
      {
        id: 'delivery',
        name: 'Delivery',
        evidence: ['A plan with dates that held'],
        questions: ['Which milestone slipped, and what did they do?'],
      },
      { id: 'craft', name: 'Craft', evidence: [], questions: [] },
    ],
  };
}

/** Where a case stands against a pinned `new` clause, worked out like the core does. */
function ruleOf(c: CaseView['case']): CaseView['rule'] {
  const t = c.framework.rule?.new;
  if (t === undefined) return null;
  const rank = (id: string | undefined) => c.framework.scale.findIndex((s) => s.id === id);
  const fresh = c.expectations.filter((e) => e.new);
  const short = fresh.filter((e) => rank(c.ratings[e.id]?.rating) < rank(t.at_least)).map((e) => e.id);
  const says = 'Every expectation new at this level is rated Meets or above.';
  const holds = short.length <= t.except;
  const why = short.length === 0
    ? `All ${fresh.length} new expectations are rated Meets or above.`
    : `${short.length} of ${fresh.length} new expectations are not yet rated Meets or above.`;
  return { rule: says, holds, clauses: [{ clause: 'new', says, holds, why, summary: why, short }] };
}

/** A backend holding one case that applies add-evidence and rate edits like the core. */
function caseBackend(start: CaseView) {
  let current = start;
  let n = 0;
  const apply = ({ revision, edit }: Record<string, unknown>) => {
    if (revision !== current.revision) {
      throw { kind: 'stale', message: 'This case changed elsewhere.' } satisfies AppError;
    }
    const e = edit as Edit;
    const c = structuredClone(current.case);
    if (e.kind === 'add-evidence') {
      const { kind: _kind, ...rest } = e;
      c.evidence.push({ id: `ev-${++n}`, ...rest });
    } else if (e.kind === 'rate') {
      c.ratings[e.expectation] = { rating: e.rating, reason: e.reason };
    } else if (e.kind === 'unrate') {
      delete c.ratings[e.expectation];
    } else if (e.kind === 'decide') {
      c.decision = e.decision;
    }
    current = view(c, current.revision + 1);
    return current;
  };
  return {
    get current() {
      return current;
    },
    set current(v: CaseView) {
      current = v;
    },
    handlers: {
      cases_list: () => [summary(current)],
      case_view: () => current,
      case_new: () => current,
      case_edit: apply,
      case_history: () => [
        { at: '2026-11-25T10:00:00Z', revision: 1, change: { path: '', old: null, new: null } },
        { at: '2026-11-25T10:05:00Z', revision: 2, change: { path: '/recommendation', old: null, new: 'promote' } },
      ],
      case_save: ({ format, blind }: Record<string, unknown>) => `/home/me/candidate-7-e2-${blind ? 'blind' : 'case'}.${format}`,
      case_import_self: () => current,
      case_import: () => null,
    },
  };
}

async function openCase(start = view()) {
  const backend = caseBackend(start);
  const app = await openCaseNamed(start.case.candidate.name, backend.handlers);
  return { ...app, backend };
}

describe('the case list', () => {
  it('lists cases and self-assessments apart, and opens one', async () => {
    const own = view({ id: 'self-1', self_assessment: true, candidate: { name: 'Bo Chen', alias: 'Candidate' } });
    const { calls } = await startApp({
      cases_list: () => [summary(view()), summary(own)],
      case_view: ({ id }) => (id === 'self-1' ? own : view()),
    });
    await fireEvent.click(document.getElementById('open-cases') as HTMLElement);
    const cases = await screen.findByRole('region', { name: 'Cases' });
    expect(within(cases).getByText('Candidate 7')).toBeTruthy();
    expect(within(cases).getByText('Software Engineer I (band 1) → Software Engineer II (band 2)')).toBeTruthy();
    expect(within(cases).getByText('0 of 3')).toBeTruthy();
    const own_ = screen.getByRole('region', { name: 'Self-assessments' });
    await fireEvent.click(within(own_).getByRole('button', { name: 'Bo Chen' }));
    await screen.findByText(/self-assessment$/);
    expect(calls.find((c) => c.cmd === 'case_view')?.args).toEqual({ id: 'self-1' });
  });

  it('shows the case opened last when an earlier one answers after it', async () => {
    const ana = view();
    const bo = view({ id: 'case-2', candidate: { name: 'Bo Chen', alias: 'Candidate 9' } });
    let answerAna: (v: CaseView) => void = () => {};
    const { calls } = await startApp({
      cases_list: () => [summary(ana), summary(bo)],
      case_view: ({ id }) => (id === 'case-2' ? bo : new Promise<CaseView>((resolve) => (answerAna = resolve))),
    });
    await fireEvent.click(document.getElementById('open-cases') as HTMLElement);
    await fireEvent.click(await screen.findByRole('button', { name: 'Ana Lima' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Bo Chen' }));
    await screen.findByRole('heading', { level: 1, name: /Bo Chen/ });
    answerAna(ana);
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.getByRole('heading', { level: 1, name: /Bo Chen/ })).toBeTruthy();
    expect(screen.queryByRole('heading', { level: 1, name: /Ana Lima/ })).toBeNull();
    // Ana's drafts were never asked for: her answer came too late to matter.
    expect(calls.filter((c) => c.cmd === 'case_drafts').map((c) => c.args)).toEqual([{ id: 'case-2' }]);
  });

  it('says when the cases cannot be read, and tries again', async () => {
    let fail = true;
    await startApp({
      cases_list: () => {
        if (fail) throw { kind: 'internal', message: 'The case database has schema 9, newer than this Rung knows.' } satisfies AppError;
        return [];
      },
    });
    await fireEvent.click(document.getElementById('open-cases') as HTMLElement);
    // Said once, in place, with the reason: not again in the banner.
    const failed = await screen.findByRole('alert');
    expect(failed.id).toBe('cases-failed');
    expect(failed.textContent).toContain('could not read the cases');
    expect(document.getElementById('cases-failed-why')?.textContent).toBe(
      'The case database has schema 9, newer than this Rung knows.',
    );
    expect(screen.getAllByRole('alert')).toHaveLength(1);
    fail = false;
    await fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await screen.findByText(/No cases yet/);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says so when there are none', async () => {
    await startApp({ cases_list: () => [] });
    await fireEvent.click(document.getElementById('open-cases') as HTMLElement);
    expect((await screen.findByText(/No cases yet/)).id).toBe('no-cases');
  });

  it('starts a case on the chosen track and levels, only ever upwards', async () => {
    const backend = caseBackend(view());
    const { calls } = await startApp({ ...backend.handlers, cases_list: () => [] });
    await fireEvent.click(document.getElementById('open-cases') as HTMLElement);
    await fireEvent.click(await screen.findByRole('button', { name: 'New case' }));
    const name = screen.getByLabelText('Candidate’s name');
    expect(document.activeElement).toBe(name);
    await fireEvent.input(name, { target: { value: 'Ana Lima' } });
    await fireEvent.change(screen.getByLabelText('Track'), { target: { value: 'eng' } });
    const from = screen.getByLabelText('Level now') as HTMLSelectElement;
    await fireEvent.change(from, { target: { value: 'e2' } });
    const to = screen.getByLabelText('Level argued for') as HTMLSelectElement;
    expect([...to.options].map((o) => o.value)).toEqual(['e3']);
    await fireEvent.click(screen.getByRole('button', { name: 'Start the case' }));
    await screen.findByRole('heading', { level: 1, name: /Ana Lima/ });
    expect(calls.find((c) => c.cmd === 'case_new')?.args).toEqual({
      case: { name: 'Ana Lima', alias: 'Candidate 1', track: 'eng', from: 'e2', to: 'e3', self_assessment: false },
    });
  });

  it('shows why a case could not start, and keeps the form', async () => {
    await startApp({
      cases_list: () => [],
      case_new: () => {
        throw { kind: 'refused', message: 'The alias contains “Ana”, part of the name.' } satisfies AppError;
      },
    });
    await fireEvent.click(document.getElementById('open-cases') as HTMLElement);
    await fireEvent.click(await screen.findByRole('button', { name: 'New case' }));
    await fireEvent.input(screen.getByLabelText('Candidate’s name'), { target: { value: 'Ana Lima' } });
    await fireEvent.input(screen.getByLabelText('Alias for blind review'), { target: { value: 'Ana' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Start the case' }));
    expect((await screen.findByRole('alert')).textContent).toContain('part of the name');
    expect((screen.getByLabelText('Candidate’s name') as HTMLInputElement).value).toBe('Ana Lima');
  });
});

describe('the case editor', () => {
  it('walks the expectations new first, grouped by competency, with help to judge each', async () => {
    await openCase();
    const cards = [...document.querySelectorAll<HTMLElement>('.case-expectation')].map((c) => c.dataset.id);
    expect(cards).toEqual([X1, X3, X2]); // grouped by competency in order of first appearance
    expect(within(card(X1)).getByText('New at this level')).toBeTruthy();
    expect(within(card(X3)).queryByText('New at this level')).toBeNull();
    expect(card(X1).querySelector('strong')?.textContent).toBe('milestones');
    // Raw HTML in an expectation reads as text.
    expect(card(X2).querySelector('b')).toBeNull();
    expect(card(X2).textContent).toContain('<b>kindly</b>');
    expect(screen.getByText('Which milestone slipped, and what did they do?')).toBeTruthy();
    expect(document.getElementById('case-pin')?.textContent).toContain('0123456789ab');
    await fireEvent.click(screen.getByRole('button', { name: 'New at this level (2)' }));
    expect(document.querySelectorAll('.case-expectation')).toHaveLength(2);
  });

  it('adds evidence in a few keystrokes and the gaps follow', async () => {
    const { calls } = await openCase();
    expect(document.getElementById('coverage-summary')?.textContent).toMatch(/0\s+of 3/);
    const gaps = document.getElementById('gaps') as HTMLElement;
    expect(gaps.querySelector('[data-gap="no-evidence"] .gap-count')?.textContent).toBe('3');
    await fireEvent.click(within(card(X1)).getByRole('button', { name: '+ Evidence' }));
    const what = card(X1).querySelector('.ev-what') as HTMLTextAreaElement;
    expect(document.activeElement).toBe(what);
    await fireEvent.input(what, { target: { value: 'Split the billing migration into four dated steps' } });
    await fireEvent.input(card(X1).querySelector('.ev-when') as HTMLElement, { target: { value: '2026-09' } });
    await fireEvent.keyDown(what, { key: 'Enter' });
    await within(card(X1)).findByText('Split the billing migration into four dated steps');
    expect(edits(calls)).toEqual([
      {
        kind: 'add-evidence',
        what: 'Split the billing migration into four dated steps',
        when: '2026-09',
        outcome: '',
        link: null,
        reported_by: 'owner',
        expectations: [X1],
      },
    ]);
    expect(calls.filter((c) => c.cmd === 'case_edit')[0]?.args.revision).toBe(1);
    expect(document.getElementById('coverage-summary')?.textContent).toMatch(/1\s+of 3/);
    expect(gaps.querySelector('[data-gap="no-evidence"] .gap-count')?.textContent).toBe('2');
    // The form stays open, empty, for the next piece.
    expect((card(X1).querySelector('.ev-what') as HTMLTextAreaElement).value).toBe('');
  });

  it('flags weak evidence with a better way to say it, and self-reported evidence as a gap', async () => {
    await openCase(
      view({
        evidence: [
          { id: 'ev-1', what: 'A rockstar', when: '', outcome: '', link: null, reported_by: 'owner', expectations: [X1] },
          { id: 'ev-2', what: 'I reviewed 40 changes', when: '2026-10', outcome: 'x', link: null, reported_by: 'self', expectations: [X2] },
        ],
      }),
    );
    const finding = card(X1).querySelector('.finding') as HTMLElement;
    expect(finding.textContent).toContain('Praises instead of describing.');
    expect(finding.textContent).toContain('Say what the person did, and what came of it.');
    const gaps = document.getElementById('gaps') as HTMLElement;
    expect(gaps.querySelector('[data-gap="weak"]')?.textContent).toContain('Breaks work into milestones.');
    expect(gaps.querySelector('[data-gap="self-only"]')?.textContent).toContain('Reviews code');
    expect(within(card(X2)).getByText('Self-reported')).toBeTruthy();
  });

  it('corrects a piece of evidence in place, keeping its id and expectations', async () => {
    const { calls } = await openCase(
      view({
        evidence: [
          { id: 'ev-1', what: 'Led the plna', when: '', outcome: '', link: null, reported_by: 'peer', expectations: [X1, X2] },
        ],
      }),
    );
    const item = card(X1).querySelector('[data-evidence="ev-1"]') as HTMLElement;
    await fireEvent.click(within(item).getByRole('button', { name: 'Edit' }));
    const what = item.querySelector('.ev-what') as HTMLTextAreaElement;
    expect(what.value).toBe('Led the plna');
    expect((item.querySelector('.ev-source') as HTMLSelectElement).value).toBe('peer');
    expect(card(X2).querySelector('.ev-what')).toBeNull(); // only this card's copy opens
    await fireEvent.input(what, { target: { value: 'Led the plan' } });
    await fireEvent.input(item.querySelector('.ev-when') as HTMLElement, { target: { value: '2026-09' } });
    await fireEvent.keyDown(what, { key: 'Enter' });
    await screen.findByText('Evidence corrected.');
    expect(edits(calls)).toEqual([
      {
        kind: 'update-evidence',
        evidence: { id: 'ev-1', what: 'Led the plan', when: '2026-09', outcome: '', link: null, reported_by: 'peer', expectations: [X1, X2] },
      },
    ]);
    expect(item.querySelector('.ev-what')).toBeNull();
  });

  it('attaches evidence to another expectation only when asked', async () => {
    const { calls } = await openCase(
      view({
        evidence: [
          { id: 'ev-1', what: 'Led the plan', when: '2026-09', outcome: 'held', link: null, reported_by: 'peer', expectations: [X1] },
        ],
      }),
    );
    const item = card(X1).querySelector('[data-evidence="ev-1"]') as HTMLElement;
    const list = item.querySelector('select.attach') as HTMLSelectElement;
    const button = within(item).getByRole('button', { name: 'Attach' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    // Moving through the list (a change event on each step) attaches nothing.
    await fireEvent.change(list, { target: { value: X3 } });
    await fireEvent.change(list, { target: { value: X2 } });
    expect(edits(calls)).toEqual([]);
    await fireEvent.click(button);
    await screen.findByText('Evidence attached.');
    expect(edits(calls)).toEqual([
      {
        kind: 'update-evidence',
        evidence: { id: 'ev-1', what: 'Led the plan', when: '2026-09', outcome: 'held', link: null, reported_by: 'peer', expectations: [X1, X2] },
      },
    ]);
  });

  it('saves a rating with its reason, and clearing it removes the rating', async () => {
    const { calls } = await openCase();
    const choice = card(X1).querySelector('.rating-choice') as HTMLSelectElement;
    const reason = card(X1).querySelector('.rating-reason') as HTMLTextAreaElement;
    expect(reason.disabled).toBe(true);
    await fireEvent.change(choice, { target: { value: 'meets' } });
    await fireEvent.input(reason, { target: { value: 'The dated plan held' } });
    await fireEvent.click(within(card(X1)).getByRole('button', { name: 'Save rating' }));
    await screen.findByText('Rating saved.');
    await fireEvent.change(card(X1).querySelector('.rating-choice') as HTMLSelectElement, { target: { value: '' } });
    await fireEvent.click(within(card(X1)).getByRole('button', { name: 'Save rating' }));
    await screen.findByText('Rating removed.');
    expect(edits(calls)).toEqual([
      { kind: 'rate', expectation: X1, rating: 'meets', reason: 'The dated plan held' },
      { kind: 'unrate', expectation: X1 },
    ]);
  });

  it('keeps what is being typed in one place when an edit lands elsewhere', async () => {
    await openCase(view({ ratings: { [X2]: { rating: 'meets', reason: 'kind reviews' } } }));
    const reason = card(X2).querySelector('.rating-reason') as HTMLTextAreaElement;
    await fireEvent.input(reason, { target: { value: 'kind reviews, and fast' } });
    await fireEvent.input(document.getElementById('recommendation') as HTMLElement, { target: { value: 'Promote' } });
    await fireEvent.click(within(card(X1)).getByRole('button', { name: '+ Evidence' }));
    const what = card(X1).querySelector('.ev-what') as HTMLTextAreaElement;
    await fireEvent.input(what, { target: { value: 'Shipped the plan' } });
    await fireEvent.keyDown(what, { key: 'Enter' });
    await screen.findByText('Evidence added.');
    expect((card(X2).querySelector('.rating-reason') as HTMLTextAreaElement).value).toBe('kind reviews, and fast');
    expect((document.getElementById('recommendation') as HTMLTextAreaElement).value).toBe('Promote');
  });

  it('refuses an edit made on an older revision, then shows the case as it is', async () => {
    const { calls, backend } = await openCase();
    // Another window added evidence meanwhile.
    backend.current = view(
      {
        evidence: [{ id: 'ev-9', what: 'Added in the other window', when: '', outcome: '', link: null, reported_by: 'peer', expectations: [X3] }],
      },
      5,
    );
    await fireEvent.change(card(X1).querySelector('.rating-choice') as HTMLSelectElement, { target: { value: 'meets' } });
    await fireEvent.click(within(card(X1)).getByRole('button', { name: 'Save rating' }));
    expect((await screen.findByRole('alert')).textContent).toContain('changed elsewhere');
    await within(card(X3)).findByText('Added in the other window');
    expect(document.getElementById('case')?.dataset.revision).toBe('5');
    expect(calls.filter((c) => c.cmd === 'case_view')).toHaveLength(2);
  });

  it('says what changed in the framework since the case began, on its pinned text', async () => {
    const start = view();
    start.drift = {
      pinned_hash: 'c76acfc64314',
      current_hash: 'aaaaaaaaaaaa',
      current_version: '2026.2',
      changes: [
        {
          kind: 'reworded',
          id: X1,
          now: 'Breaks work into dated milestones.',
          diff: [
            { kind: 'same', text: 'Breaks work into ' },
            { kind: 'added', text: 'dated ' },
            { kind: 'same', text: 'milestones.' },
          ],
        },
      ],
    };
    await openCase(start);
    expect(document.getElementById('drift')?.textContent).toContain('2026.2');
    expect(card(X1).querySelector('.drift-note ins')?.textContent).toContain('dated');
    expect(card(X1).querySelector('.expectation-text')?.textContent).toBe('Breaks work into milestones.');
  });

  it('points out gendered words a blind copy would keep', async () => {
    await openCase(
      view({
        evidence: [
          { id: 'ev-1', what: 'She split the plan', when: '2026-09', outcome: 'held', link: null, reported_by: 'peer', expectations: [X1] },
        ],
      }),
    );
    const hint = document.getElementById('blind-hint') as HTMLElement;
    expect(hint.textContent).toContain('(she)');
    expect(hint.textContent).toContain('evidence “She split the plan”: “She”');
    await fireEvent.click(document.getElementById('export-blind') as HTMLElement);
    expect(document.getElementById('blind-hint')).toBeNull();
  });

  it('exports blind by default, and says where the file went', async () => {
    const { calls } = await openCase();
    expect((document.getElementById('export-blind') as HTMLInputElement).checked).toBe(true);
    await fireEvent.click(screen.getByRole('button', { name: 'Export…' }));
    await savePlain();
    await screen.findByText('Exported to /home/me/candidate-7-e2-blind.html');
    expect(calls.find((c) => c.cmd === 'case_save')?.args).toEqual({ id: 'case-1', format: 'html', blind: true, seal: PLAIN });
  });

  it('takes a self-assessment in and reads it beside the owner’s ratings', async () => {
    const { backend } = await openCase(view({ ratings: { [X1]: { rating: 'meets', reason: 'plan held' } } }));
    backend.current = view({
      ratings: { [X1]: { rating: 'meets', reason: 'plan held' } },
      self_ratings: {
        [X1]: { rating: 'beyond', reason: 'I led it' },
        [X2]: { rating: 'meets', reason: 'many reviews' },
      },
    }, 2);
    await fireEvent.click(screen.getByRole('button', { name: 'Import self-assessment…' }));
    const table = await screen.findByRole('region', { name: 'Self-assessment and your ratings' });
    const differ = table.querySelectorAll('tr.differ');
    expect(differ).toHaveLength(1);
    expect(differ[0]?.textContent).toContain('Beyond');
    expect(within(card(X1)).getByText('differs')).toBeTruthy();
    await screen.findByText(/2 self-ratings now read beside yours/);
  });

  it('keeps a self-assessment to what the person fills in for themselves', async () => {
    const { calls } = await openCase(
      view({ self_assessment: true, candidate: { name: 'Bo Chen', alias: 'Candidate' } }),
    );
    expect(screen.queryByRole('button', { name: 'Import self-assessment…' })).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Decision' })).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Specialist input' })).toBeNull();
    await fireEvent.click(within(card(X1)).getByRole('button', { name: '+ Evidence' }));
    expect(card(X1).querySelector('.ev-source')).toBeNull();
    const what = card(X1).querySelector('.ev-what') as HTMLTextAreaElement;
    await fireEvent.input(what, { target: { value: 'Ran the incident review for the outage' } });
    await fireEvent.keyDown(what, { key: 'Enter' });
    await within(card(X1)).findByText('Ran the incident review for the outage');
    expect(edits(calls)[0]).toMatchObject({ kind: 'add-evidence', reported_by: 'self' });
    await fireEvent.click(screen.getByRole('button', { name: 'Export self-assessment…' }));
    await savePlain();
    await screen.findByText(/Exported to/);
    expect(calls.find((c) => c.cmd === 'case_save')?.args).toEqual({ id: 'case-1', format: 'json', blind: false, seal: PLAIN });
  });

  it('shows the history, and Escape leaves a field before it leaves the case', async () => {
    const start = view({
      evidence: [{ id: 'ev-2', what: 'Shipped the plan', when: '', outcome: 'On time', link: null, reported_by: 'owner', expectations: [X1] }],
    });
    const backend = caseBackend(start);
    await openCaseNamed('Ana Lima', {
      ...backend.handlers,
      case_history: () => [
        { at: '2026-11-25T10:00:00Z', revision: 1, change: { path: '', old: null, new: null } },
        { at: '2026-11-25T10:05:00Z', revision: 2, change: { path: '/recommendation', old: null, new: 'promote' } },
        { at: '2026-11-25T10:06:00Z', revision: 3, change: { path: '/evidence/ev-2/outcome', old: '', new: 'On time' } },
      ],
    });
    await fireEvent.click(screen.getByRole('button', { name: 'History' }));
    const history = await screen.findByRole('region', { name: 'History' });
    expect(history.textContent).toContain('Case started');
    expect(history.textContent).toContain('promote');
    // Evidence by its words, never its id.
    expect(history.textContent).toContain('Evidence · “Shipped the plan” · what came of it');
    expect(history.textContent).not.toContain('ev-2');
    const reason = card(X1).querySelector('.rating-reason') as HTMLTextAreaElement;
    await fireEvent.keyDown(reason, { key: 'Escape' });
    expect(document.getElementById('case')).not.toBeNull();
    await fireEvent.keyDown(document.body, { key: 'Escape' });
    await screen.findByRole('heading', { level: 1, name: 'Promotion cases' });
  });
});

describe('the case record', () => {
  it('records specialist input, the recommendation and the decision', async () => {
    const { calls } = await openCase();
    await fireEvent.input(screen.getByLabelText('Who'), { target: { value: 'Kim Park' } });
    await fireEvent.input(screen.getByLabelText('Their craft'), { target: { value: 'Engineering' } });
    await fireEvent.input(screen.getByLabelText('What they said'), { target: { value: 'The plan was sound' } });
    const about = screen.getByRole('group', { name: /About/ });
    await fireEvent.click(within(about).getByRole('checkbox', { name: /Breaks work into milestones/ }));
    await fireEvent.click(screen.getByRole('button', { name: 'Record input' }));
    await screen.findByText('Specialist input recorded.');
    await fireEvent.input(document.getElementById('recommendation') as HTMLElement, { target: { value: ' Promote now ' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Save recommendation' }));
    await screen.findByText('Recommendation saved.');
    const record = screen.getByRole('button', { name: 'Record decision' }) as HTMLButtonElement;
    expect(record.disabled).toBe(true);
    await fireEvent.input(screen.getByLabelText('Outcome'), { target: { value: 'promoted' } });
    await fireEvent.input(screen.getByLabelText('Rationale'), { target: { value: 'Every new expectation met' } });
    await fireEvent.input(screen.getByLabelText(/Who decided/), { target: { value: 'Sam Roe,  Lee Wu, ' } });
    await fireEvent.input(screen.getByLabelText('Date'), { target: { value: '2026-11-25' } });
    await fireEvent.click(record);
    await screen.findByText('Decision recorded.');
    expect(edits(calls)).toEqual([
      { kind: 'add-specialist', who: 'Kim Park', craft: 'Engineering', said: 'The plan was sound', expectations: [X1] },
      { kind: 'recommend', text: 'Promote now' },
      {
        kind: 'decide',
        decision: {
          outcome: 'promoted',
          rationale: 'Every new expectation met',
          dissent: '',
          deciders: ['Sam Roe', 'Lee Wu'],
          date: '2026-11-25',
          promote: false,
        },
      },
    ]);
  });
});

describe('the promotion rule', () => {
  const ruled = () =>
    view({
      framework: {
        ...view().case.framework,
        rule: { new: { at_least: 'meets', except: 0 } },
      },
    });

  it('shows each clause beside where the case stands, and follows the ratings', async () => {
    await openCase(ruled());
    const panel = screen.getByRole('region', { name: 'Against the promotion rule' });
    expect((panel.querySelector('#rule-verdict') as HTMLElement).textContent?.replace(/\s+/g, ' ').trim()).toBe(
      'The case does not meet its promotion rule yet: 1 of 1 clause does not hold.',
    );
    const clause = panel.querySelector('[data-clause="new"]') as HTMLElement;
    expect(clause.className).toContain('fails');
    expect(clause.textContent).toContain('Does not hold:');
    expect(clause.textContent).toContain('2 of 2 new expectations are not yet rated Meets or above.');
    // Which ones, folded like the gaps and each a way to its card.
    const which = clause.querySelector('details.rule-short') as HTMLDetailsElement;
    expect(which.querySelector('summary')?.textContent).toBe('Which 2');
    const named = within(which).getAllByRole('button').map((b) => b.textContent);
    expect(named).toHaveLength(2);
    expect(named[0]).toBe('Breaks work into milestones.');
    for (const id of [X1, X2]) {
      await fireEvent.change(card(id).querySelector('.rating-choice') as HTMLSelectElement, { target: { value: 'meets' } });
      await fireEvent.input(card(id).querySelector('.rating-reason') as HTMLTextAreaElement, { target: { value: 'seen in review' } });
      await fireEvent.click(within(card(id)).getByRole('button', { name: 'Save rating' }));
      await screen.findByText('Rating saved.');
    }
    await waitFor(() => expect(within(panel).getByText('The case meets its promotion rule.')).toBeTruthy());
    expect(clause.className).toContain('holds');
    expect(clause.textContent).toContain('All 2 new expectations are rated Meets or above.');
  });

  it('shows no panel for a case begun without a rule', async () => {
    await openCase();
    expect(screen.queryByRole('region', { name: 'Against the promotion rule' })).toBeNull();
  });

  it('asks for the reason when the decision promotes against the rule, and sends it', async () => {
    const { calls } = await openCase(ruled());
    await fireEvent.input(screen.getByLabelText('Outcome'), { target: { value: 'promoted' } });
    await fireEvent.input(screen.getByLabelText('Rationale'), { target: { value: 'Led the migration' } });
    await fireEvent.input(screen.getByLabelText(/Who decided/), { target: { value: 'Sam Roe' } });
    await fireEvent.input(screen.getByLabelText('Date'), { target: { value: '2026-11-25' } });
    expect(screen.queryByLabelText('Why promote against the rule')).toBeNull();
    await fireEvent.click(screen.getByLabelText('Promotes to the target level'));
    const note = await screen.findByRole('note');
    expect(note.textContent).toContain('The case does not meet its promotion rule:');
    expect(note.textContent).toContain('2 of 2 new expectations are not yet rated Meets or above.');
    const record = screen.getByRole('button', { name: 'Record decision' }) as HTMLButtonElement;
    expect(record.disabled).toBe(true);
    await fireEvent.input(screen.getByLabelText('Why promote against the rule'), { target: { value: ' The ratings wait on a review ' } });
    expect(record.disabled).toBe(false);
    await fireEvent.click(record);
    await screen.findByText('Decision recorded.');
    expect(edits(calls)).toEqual([
      {
        kind: 'decide',
        decision: {
          outcome: 'promoted',
          rationale: 'Led the migration',
          dissent: '',
          deciders: ['Sam Roe'],
          date: '2026-11-25',
          promote: true,
          against_rule: 'The ratings wait on a review',
        },
      },
    ]);
  });
});

describe('drafts', () => {
  const pause = () => new Promise((resolve) => setTimeout(resolve, DRAFT_PAUSE + 100));

  it('keeps what is typed as a draft once the typing pauses, and drops it with the save', async () => {
    const { calls } = await openCase();
    const choice = card(X1).querySelector('.rating-choice') as HTMLSelectElement;
    await fireEvent.change(choice, { target: { value: 'meets' } });
    const reason = card(X1).querySelector('.rating-reason') as HTMLTextAreaElement;
    await fireEvent.input(reason, { target: { value: 'The dated' } });
    await fireEvent.input(reason, { target: { value: 'The dated plan held' } });
    await fireEvent.input(document.getElementById('recommendation') as HTMLElement, { target: { value: 'Promote' } });
    await pause();
    const saved = calls.filter((c) => c.cmd === 'case_draft_save').map((c) => c.args);
    // One write per form once the typing paused, with what was typed last.
    expect(saved).toEqual([
      { id: 'case-1', form: `rating/${X1}`, fields: { rating: 'meets', reason: 'The dated plan held' }, revision: 1 },
      { id: 'case-1', form: 'recommendation', fields: { text: 'Promote' }, revision: 1 },
    ]);
    await fireEvent.click(within(card(X1)).getByRole('button', { name: 'Save rating' }));
    await screen.findByText('Rating saved.');
    // The edit names its form, so the core drops the draft in the same transaction.
    expect(calls.filter((c) => c.cmd === 'case_edit').map((c) => c.args.draft)).toEqual([`rating/${X1}`]);
  });

  it('brings drafts back when the case opens again, marked, and discards them on request', async () => {
    const backend = caseBackend(view({ ratings: { [X2]: { rating: 'meets', reason: 'kind reviews' } } }));
    const drafts = [
      { form: `rating/${X2}`, fields: { rating: 'beyond', reason: 'kind reviews, and fast' }, revision: 1, saved_at: '2026-11-29T20:41:07Z' },
      { form: 'recommendation', fields: { text: 'Promote in the spring' }, revision: 1, saved_at: '2026-11-29T20:41:09Z' },
    ];
    const { calls } = await startApp({ ...backend.handlers, case_drafts: () => drafts });
    await fireEvent.click(document.getElementById('open-cases') as HTMLElement);
    await fireEvent.click(await screen.findByRole('button', { name: 'Ana Lima' }));
    const notice = await screen.findByText(/Restored 2 drafts/);
    expect(notice.closest('#drafts-restored')?.textContent).toContain('2026-11-29 at 20:41 UTC');
    expect((card(X2).querySelector('.rating-choice') as HTMLSelectElement).value).toBe('beyond');
    expect((card(X2).querySelector('.rating-reason') as HTMLTextAreaElement).value).toBe('kind reviews, and fast');
    expect(within(card(X2)).getByText(/Restored draft/)).toBeTruthy();
    expect((document.getElementById('recommendation') as HTMLTextAreaElement).value).toBe('Promote in the spring');
    // A form without a draft shows what is saved, unmarked.
    expect(within(card(X1)).queryByText(/Restored draft/)).toBeNull();

    await fireEvent.click(within(card(X2)).getByRole('button', { name: 'Discard draft' }));
    expect((card(X2).querySelector('.rating-reason') as HTMLTextAreaElement).value).toBe('kind reviews');
    expect(calls.filter((c) => c.cmd === 'case_draft_discard').map((c) => c.args)).toEqual([
      { id: 'case-1', form: `rating/${X2}` },
    ]);
    await fireEvent.click(screen.getByRole('button', { name: 'Discard all drafts' }));
    expect((document.getElementById('recommendation') as HTMLTextAreaElement).value).toBe('');
    expect(document.getElementById('drafts-restored')).toBeNull();
    expect(calls.filter((c) => c.cmd === 'case_draft_discard').at(-1)?.args).toEqual({ id: 'case-1', form: null });
  });

  it('opens the evidence form a draft was left in, and adding it drops the draft', async () => {
    const backend = caseBackend(view());
    const drafts = [
      {
        form: `evidence/new/${X1}`,
        fields: { what: 'Ran the usability test of the new checkout', when: '2026-10', outcome: '', link: '', reported_by: 'peer' },
        revision: 1,
        saved_at: '2026-11-29T20:41:07Z',
      },
    ];
    const { calls } = await startApp({ ...backend.handlers, case_drafts: () => drafts });
    await fireEvent.click(document.getElementById('open-cases') as HTMLElement);
    await fireEvent.click(await screen.findByRole('button', { name: 'Ana Lima' }));
    const notice = await screen.findByText(/Restored a draft/);
    expect(notice.closest('#drafts-restored')?.textContent).toContain('New evidence on “Breaks work into milestones.”');
    const what = card(X1).querySelector('.ev-what') as HTMLTextAreaElement;
    expect(what.value).toBe('Ran the usability test of the new checkout');
    expect((card(X1).querySelector('.ev-source') as HTMLSelectElement | null)?.value).toBe('peer');
    expect(within(card(X1)).getByText(/Restored draft/)).toBeTruthy();
    await fireEvent.input(what, { target: { value: 'Ran the usability test of the new checkout with five people' } });
    await fireEvent.keyDown(what, { key: 'Enter' });
    await screen.findByText('Evidence added.');
    const edit = calls.find((c) => c.cmd === 'case_edit');
    expect(edit?.args.draft).toBe(`evidence/new/${X1}`);
    expect(edit?.args.edit).toMatchObject({ what: 'Ran the usability test of the new checkout with five people', reported_by: 'peer' });
  });

  it('reads who reported the evidence from a draft kept before the field was renamed', async () => {
    const backend = caseBackend(view());
    const drafts = [
      {
        form: `evidence/new/${X1}`,
        fields: { what: 'Ran the usability test', when: '', outcome: '', link: '', source: 'specialist' },
        revision: 1,
        saved_at: '2026-11-29T20:41:07Z',
      },
    ];
    await startApp({ ...backend.handlers, case_drafts: () => drafts });
    await fireEvent.click(document.getElementById('open-cases') as HTMLElement);
    await fireEvent.click(await screen.findByRole('button', { name: 'Ana Lima' }));
    await screen.findByText(/Restored a draft/);
    expect((card(X1).querySelector('.ev-source') as HTMLSelectElement | null)?.value).toBe('specialist');
  });

  it('keeps the specialist form, its chosen expectations included', async () => {
    const { calls } = await openCase();
    await fireEvent.input(screen.getByLabelText('Who'), { target: { value: 'Kim Park' } });
    const about = screen.getByRole('group', { name: /About/ });
    await fireEvent.click(within(about).getByRole('checkbox', { name: /Breaks work into milestones/ }));
    await fireEvent.click(within(about).getByRole('checkbox', { name: /Reviews code/ }));
    await pause();
    const saved = calls.filter((c) => c.cmd === 'case_draft_save').at(-1)?.args;
    expect(saved?.form).toBe('specialist');
    expect(saved?.fields).toEqual({ who: 'Kim Park', craft: '', said: '', expectations: `${X1}\n${X2}` });
    cleanup();
    const backend = caseBackend(view());
    await startApp({
      ...backend.handlers,
      case_drafts: () => [{ form: 'specialist', fields: saved?.fields, revision: 1, saved_at: '2026-11-29T20:41:07Z' }],
    });
    await fireEvent.click(document.getElementById('open-cases') as HTMLElement);
    await fireEvent.click(await screen.findByRole('button', { name: 'Ana Lima' }));
    await screen.findByText(/Restored a draft/);
    expect((screen.getByLabelText('Who') as HTMLInputElement).value).toBe('Kim Park');
    const again = screen.getByRole('group', { name: /About/ });
    expect((within(again).getByRole('checkbox', { name: /Reviews code/ }) as HTMLInputElement).checked).toBe(true);
    expect(within(again).getByText('2 chosen')).toBeTruthy();
  });

  it('keeps a closed evidence form as a draft, and brings it back when it opens again', async () => {
    const { calls } = await openCase();
    await fireEvent.click(within(card(X1)).getByRole('button', { name: '+ Evidence' }));
    const what = card(X1).querySelector('.ev-what') as HTMLTextAreaElement;
    await fireEvent.input(what, { target: { value: 'Half a sentence about the' } });
    await fireEvent.keyDown(what, { key: 'Escape' });
    expect(card(X1).querySelector('.ev-what')).toBeNull();
    await screen.findByText(/kept as a draft/);
    await pause();
    expect(calls.filter((c) => c.cmd === 'case_draft_discard')).toEqual([]);
    expect(calls.filter((c) => c.cmd === 'case_draft_save').at(-1)?.args.fields).toMatchObject({
      what: 'Half a sentence about the',
    });
    await fireEvent.click(within(card(X1)).getByRole('button', { name: '+ Evidence' }));
    expect((card(X1).querySelector('.ev-what') as HTMLTextAreaElement).value).toBe('Half a sentence about the');
    expect(within(card(X1)).getByText(/Restored draft of this evidence/)).toBeTruthy();
  });

  it('opens the form of an older evidence draft from the notice', async () => {
    const backend = caseBackend(view());
    const draft = (id: string, what: string, at: string) => ({
      form: `evidence/new/${id}`,
      fields: { what, when: '', outcome: '', link: '', reported_by: 'owner' },
      revision: 1,
      saved_at: at,
    });
    await startApp({
      ...backend.handlers,
      case_drafts: () => [draft(X1, 'Older draft', '2026-11-29T20:00:00Z'), draft(X2, 'Newer draft', '2026-11-29T20:05:00Z')],
    });
    await fireEvent.click(document.getElementById('open-cases') as HTMLElement);
    await fireEvent.click(await screen.findByRole('button', { name: 'Ana Lima' }));
    await screen.findByText(/Restored 2 drafts/);
    // The newest is open, without taking the focus from the page.
    expect((card(X2).querySelector('.ev-what') as HTMLTextAreaElement).value).toBe('Newer draft');
    expect(document.activeElement?.classList.contains('ev-what')).toBe(false);
    expect(card(X1).querySelector('.ev-what')).toBeNull();
    await fireEvent.click(screen.getByRole('button', { name: /New evidence on “Breaks work into milestones/ }));
    expect((card(X1).querySelector('.ev-what') as HTMLTextAreaElement).value).toBe('Older draft');
  });

  it('says so when the drafts cannot be read, and still opens the case', async () => {
    const backend = caseBackend(view());
    await startApp({
      ...backend.handlers,
      case_drafts: () => {
        throw { kind: 'internal', message: 'the case database failed' } satisfies AppError;
      },
    });
    await fireEvent.click(document.getElementById('open-cases') as HTMLElement);
    await fireEvent.click(await screen.findByRole('button', { name: 'Ana Lima' }));
    await screen.findByRole('heading', { level: 1, name: /Ana Lima/ });
    expect((await screen.findByRole('alert')).textContent).toContain('drafts of this case could not be read');
  });
});

describe('the page of the last session', () => {
  it('opens the case the person was on, and remembers each page as it shows', async () => {
    const backend = caseBackend(view());
    const { calls } = await startApp({ ...backend.handlers, last_view: () => ({ page: 'case', id: 'case-1' }) });
    await screen.findByRole('heading', { level: 1, name: /Ana Lima/ });
    expect(calls.find((c) => c.cmd === 'case_view')?.args).toEqual({ id: 'case-1' });
    // Restoring remembers nothing of its own; the case, once shown, is remembered.
    await waitFor(() => expect(remembered).toEqual([{ page: 'case', id: 'case-1' }]));
    await fireEvent.click(document.getElementById('back-cases') as HTMLElement);
    await waitFor(() => expect(remembered.at(-1)).toEqual({ page: 'cases' }));
  });

  it('opens the level or the comparison the person was on', async () => {
    backend({ last_view: () => ({ page: 'level', track: 'eng', level: 'e2' }) });
    render(App);
    await screen.findByRole('heading', { level: 1, name: 'Software Engineer II' });
    await waitFor(() => expect(remembered).toEqual([{ page: 'level', track: 'eng', level: 'e2' }]));
    cleanup();
    const calls = backend({
      last_view: () => ({ page: 'compare', track: 'eng', from: 'e1', to: 'e2' }),
      level_delta: () => {
        throw { kind: 'not-found', message: 'No level e1.' } satisfies AppError;
      },
    });
    render(App);
    await screen.findByText(/page you were on last time is no longer there/);
    expect(calls.find((c) => c.cmd === 'level_delta')?.args).toEqual({ track: 'eng', from: 'e1', to: 'e2' });
  });

  it('opens the tracks and levels, with a word, when that page is gone', async () => {
    await startApp({
      case_view: () => {
        throw { kind: 'not-found', message: 'That case does not exist.' } satisfies AppError;
      },
      last_view: () => ({ page: 'case', id: 'case-gone' }),
    });
    await screen.findByText(/page you were on last time is no longer there/);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(document.getElementById('home')).not.toBeNull();
  });
});

describe('case helpers', () => {
  it('shortens an expectation to plain words', () => {
    expect(shortText('Breaks **work** into [milestones](#m).')).toBe('Breaks work into milestones.');
    expect(shortText('word '.repeat(40), 20)).toBe('word word word…');
  });

  it('says a history value as a reader would', () => {
    const scale = new Map([['meets', 'Meets']]);
    const texts = new Map([[X1, 'Breaks work into **milestones**.']]);
    expect(describeValue({ rating: 'meets', reason: 'held' }, scale, texts)).toBe('Meets — held');
    expect(describeValue({ rating: 'meets', reason: '' }, scale, texts)).toBe('Meets (no reason)');
    expect(
      describeValue({ id: 'ev-1', what: 'Led it', when: '2026-09', outcome: 'Shipped', reported_by: 'peer', expectations: [X1] }, scale, texts),
    ).toBe('Peer: Led it (2026-09) → Shipped');
    // Evidence as history stored it before the field was renamed.
    expect(describeValue({ id: 'ev-1', what: 'Led it', when: '', outcome: '', source: 'self', expectations: [X1] }, scale, texts)).toBe(
      'Self-reported: Led it',
    );
    expect(describeValue([X1], scale, texts)).toBe('“Breaks work into milestones.”');
    expect(describeValue(null, scale, texts)).toBe('—');
    expect(describeValue(true, scale, texts)).toBe('yes');
    expect(
      describeValue(
        { outcome: 'promoted', rationale: 'Led it', dissent: '', deciders: ['Cy'], date: '2026-12-01', promote: true, against_rule: 'A tooling gap' },
        scale,
        texts,
      ),
    ).toBe('promoted: Led it, promotes, against the promotion rule because “A tooling gap”');
    expect(describeValue('promote', scale, texts)).toBe('promote');
  });

  it('makes a finding a sentence', () => {
    expect(sentence('says nothing')).toBe('Says nothing.');
    expect(sentence('Done!')).toBe('Done!');
    expect(sentence('')).toBe('');
  });

  it('says where a draft, a blind hint and a history entry are, by words rather than ids', () => {
    const c = view({
      evidence: [{ id: 'ev-1', what: 'Led the **migration**', when: '', outcome: '', link: null, reported_by: 'peer', expectations: [X2] }],
      specialists: [{ id: 'sp-1', who: 'Rui', craft: 'design', said: 'Solid.', expectations: [X1] }],
    }).case;
    const texts = new Map(c.expectations.map((e) => [e.id, e.text]));
    expect(draftPlace(`rating/${X1}`, c, texts)).toEqual({ label: 'Rating of “Breaks work into milestones.”', target: X1 });
    expect(draftPlace('evidence/ev-1', c, texts)).toEqual({ label: 'Correction of evidence “Led the migration”', target: X2 });
    expect(draftPlace('evidence/ev-9', c, texts)).toEqual({ label: 'A correction of evidence since removed', target: null });
    expect(draftPlace('decision', c, texts)).toEqual({ label: 'Decision', target: '#decision-title' });
    expect(savedAt([{ saved_at: '2026-11-29T20:41:07Z' }, { saved_at: '2026-11-28T09:00:00Z' }])).toBe('2026-11-29 at 20:41 UTC');
    expect(savedAt([{ saved_at: '' }])).toBe('just now');
    expect(hintPlace({ place: 'evidence ev-1', at: { kind: 'evidence', id: 'ev-1' }, word: 'she' }, c)).toBe(
      'evidence “Led the migration”',
    );
    expect(hintPlace({ place: 'specialist input sp-1', at: { kind: 'specialist', id: 'sp-1' }, word: 'his' }, c)).toBe(
      'the specialist input of Rui',
    );
    expect(hintPlace({ place: 'the recommendation', at: { kind: 'recommendation' }, word: 'her' }, c)).toBe(
      'the recommendation',
    );
    expect(historyPlace('', c, texts)).toBe('Case started');
    expect(historyPlace(`/ratings/${X1.replaceAll('/', '~1')}`, c, texts)).toBe('Rating · “Breaks work into milestones.”');
    expect(historyPlace('/evidence/ev-1/reported_by', c, texts)).toBe('Evidence · “Led the migration” · reported by');
    // History stored before the field was renamed names it `source`.
    expect(historyPlace('/evidence/ev-1/source', c, texts)).toBe('Evidence · “Led the migration” · reported by');
    expect(historyPlace('/specialists/sp-1', c, texts)).toBe('Specialist input · Rui');
    expect(historyPlace('/evidence/ev-9', c, texts)).toBe('Evidence');
    expect(historyPlace('/decision/against_rule', c, texts)).toBe('Decision · reason for going against the promotion rule');
    expect(historyPlace('/decision/promote', c, texts)).toBe('Decision · promotes');
  });
});
