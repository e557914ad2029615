// The case owner's name and review period, other reviewers' ratings and a reviewer's own
// copy, against a mocked backend: the header says when a case began before Rung kept
// the owner and period and fills them in; the new-case form asks for them; a copy is
// exported for a reviewer and their rated copy imported, their ratings shown beside the
// owner's with calibration changes before → after; and a reviewer rates their copy on a
// page of its own that shows no one else's ratings.

import { fireEvent, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { AppError } from '../src/bindings/AppError';
import type { Case } from '../src/bindings/Case';
import type { CaseView } from '../src/bindings/CaseView';
import type { Edit } from '../src/bindings/Edit';
import { card, edits, openCaseNamed, summary } from './case-harness';
import { startApp } from './harness';
import { PLAIN, savePlain } from './sealing';

const X1 = 'eng/e2/breaks-work-into-milestones';
const X2 = 'eng/e2/reviews-changes';

function bare(over: Partial<Case> = {}): Case {
  return {
    id: 'case-1',
    candidate: { name: 'Ana Lima', alias: 'Candidate 7' },
    track: 'eng',
    current_level: 'e1',
    target_level: 'e2',
    framework: {
      name: 'Acme ladders',
      version: '2026.1',
      hash: 'c76acfc64314',
      commit: null,
      scale: [
        { id: 'not-yet', name: 'Not yet' },
        { id: 'meets', name: 'Meets' },
        { id: 'beyond', name: 'Beyond' },
      ],
    },
    expectations: [
      { id: X1, competency: 'delivery', text: 'Breaks work into **milestones**.', new: true },
      { id: X2, competency: 'engineering-craft', text: 'Reviews changes kindly.', new: true },
    ],
    evidence: [
      {
        id: 'ev-1',
        what: 'Planned the billing migration',
        when: '2026-03',
        outcome: 'Shipped in four steps',
        link: null,
        reported_by: 'peer',
        expectations: [X1],
      },
    ],
    ratings: {},
    self_ratings: {},
    specialists: [],
    recommendation: null,
    decision: null,
    issued: 1,
    self_assessment: false,
    ...over,
  };
}

function view(c: Case, revision = 1): CaseView {
  const ids = c.expectations.map((e) => e.id);
  return {
    case: c,
    revision,
    coverage: {
      no_evidence: [X2],
      self_only: [],
      judges_person: [],
      unrated: ids.filter((id) => c.ratings[id] === undefined),
      no_reason: [],
      unexplained: [],
      no_specialist: [],
      total: ids.length,
      supported: 1,
      with_evidence: 1,
    },
    findings: [],
    rule: null,
    drift: null,
    ratings: ids.map((id) => ({ expectation: id, candidate: null, owner: c.ratings[id] ?? null, differ: false })),
    texts: c.expectations.map((e) => ({ id: e.id, html: e.text })),
    blind_hints: [],
    competencies: [
      { id: 'delivery', name: 'Delivery', evidence: [], questions: [] },
      { id: 'engineering-craft', name: 'Engineering craft', evidence: [], questions: [] },
    ],
  };
}

/** A backend of one case that applies the owner and period edits as the core does. */
function reviewBackend(start: CaseView, imported: CaseView | null = null) {
  let current = start;
  const apply = ({ edit, revision }: Record<string, unknown>) => {
    if (revision !== current.revision) throw { kind: 'stale', message: 'This case changed elsewhere.' } satisfies AppError;
    const e = edit as Edit;
    const c = structuredClone(current.case);
    if (e.kind === 'owner') {
      if (e.name === null) delete c.owner;
      else c.owner = e.name;
    } else if (e.kind === 'period') {
      if (e.period === null) delete c.period;
      else c.period = e.period;
    }
    current = view(c, current.revision + 1);
    return current;
  };
  return {
    cases_list: () => [summary(current)],
    case_view: () => current,
    case_edit: apply,
    case_review_export: ({ reviewer }: Record<string, unknown>) =>
      `/home/me/case-1-review-${(reviewer as { name: string }).name.toLowerCase().replace(' ', '-')}.json`,
    case_import_review: () => {
      if (imported !== null) current = imported;
      return imported;
    },
  };
}

describe('the case owner and review period', () => {
  it('says plainly when a case has no owner or review period (as every case begun before Rung kept them), and fills them in', async () => {
    const { calls } = await openCaseNamed('Ana Lima', reviewBackend(view(bare())));
    const owner = document.getElementById('case-owner') as HTMLElement;
    expect(owner.textContent).toContain(
      'Owner and review period not recorded yet (a case begun before Rung kept them has neither)',
    );
    await fireEvent.click(within(owner).getByRole('button', { name: 'Fill them in' }));
    await fireEvent.input(screen.getByLabelText('Case owner'), { target: { value: ' Sam Okafor ' } });
    await fireEvent.input(screen.getByLabelText('Review period from'), { target: { value: '2026-01-01' } });
    const save = screen.getByRole('button', { name: 'Save' }) as HTMLButtonElement;
    expect(save.disabled, 'one date without the other').toBe(true);
    expect(screen.getByText('Give both dates of the review period, or neither.')).toBeTruthy();
    await fireEvent.input(screen.getByLabelText('to'), { target: { value: '2026-06-30' } });
    await fireEvent.click(save);
    await screen.findByText('Sam Okafor');
    expect(edits(calls)).toEqual([
      { kind: 'owner', name: 'Sam Okafor' },
      { kind: 'period', period: { from: '2026-01-01', to: '2026-06-30' } },
    ]);
    expect(document.getElementById('period-shown')?.textContent).toBe('2026-01-01 to 2026-06-30');
    expect(owner.textContent).not.toContain('not recorded');
  });

  it('changes only what changed, and clears the period', async () => {
    const start = view(bare({ owner: 'Sam Okafor', period: { from: '2026-01-01', to: '2026-06-30' } }));
    const { calls } = await openCaseNamed('Ana Lima', reviewBackend(start));
    expect(document.getElementById('owner-shown')?.textContent).toBe('Sam Okafor');
    await fireEvent.click(screen.getByRole('button', { name: 'Change' }));
    await fireEvent.input(screen.getByLabelText('Review period from'), { target: { value: '' } });
    await fireEvent.input(screen.getByLabelText('to'), { target: { value: '' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('not recorded');
    expect(edits(calls)).toEqual([{ kind: 'period', period: null }]);
  });

  it('is asked for when a case starts, the period optional', async () => {
    const { calls } = await startApp({ cases_list: () => [], case_new: () => view(bare()) });
    await fireEvent.click(document.getElementById('open-cases') as HTMLElement);
    await fireEvent.click(await screen.findByRole('button', { name: 'New case' }));
    await fireEvent.input(screen.getByLabelText('Candidate’s name'), { target: { value: 'Ana Lima' } });
    await fireEvent.input(screen.getByLabelText('Your name, as the case owner'), { target: { value: 'Sam Okafor' } });
    const start = screen.getByRole('button', { name: 'Start the case' }) as HTMLButtonElement;
    await fireEvent.input(screen.getByLabelText(/Review period from/), { target: { value: '2026-01-01' } });
    expect(start.disabled, 'one date without the other').toBe(true);
    await fireEvent.input(screen.getByLabelText('to'), { target: { value: '2026-06-30' } });
    expect(start.disabled).toBe(false);
    await fireEvent.click(start);
    await screen.findByRole('heading', { level: 1, name: /Ana Lima/ });
    expect(calls.find((c) => c.cmd === 'case_new')?.args).toMatchObject({
      case: { name: 'Ana Lima', owner: 'Sam Okafor', period: { from: '2026-01-01', to: '2026-06-30' } },
    });
  });
});

describe("other reviewers' ratings", () => {
  const reviewed = bare({
    owner: 'Sam Okafor',
    ratings: { [X1]: { rating: 'beyond', reason: 'Planned it all' }, [X2]: { rating: 'meets', reason: 'Kind reviews' } },
    reviews: [
      {
        reviewer: { name: 'Kofi Mensah', craft: 'design' },
        ratings: { [X1]: { rating: 'meets', reason: 'One plan only' } },
      },
    ],
    recalibrations: [
      { expectation: X1, before: 'beyond', after: 'meets', reason: 'One plan is not a habit', at: '2026-07-02T10:00:00Z' },
    ],
  });

  it("shows each reviewer's rating and reason beside the owner's, and calibration changes before → after", async () => {
    await openCaseNamed('Ana Lima', reviewBackend(view(reviewed)));
    const line = card(X1).querySelector<HTMLElement>('.reviewer-rating[data-reviewer="Kofi Mensah"]');
    expect(line?.textContent).toMatch(/Kofi Mensah \(design\):\s*Meets\s*— One plan only\s*differs/);
    expect(line?.classList.contains('differ')).toBe(true);
    expect(card(X2).querySelector('.reviewer-rating')).toBeNull();
    expect(card(X1).querySelector('.recalibrated')?.textContent).toMatch(
      /Changed in calibration:\s*Beyond → Meets\s*— One plan is not a habit/,
    );
    const table = document.getElementById('review-pairs') as HTMLElement;
    const row = table.querySelector<HTMLElement>(`tr[data-id="${X1}"]`) as HTMLElement;
    expect(row.textContent).toContain('Planned it all');
    expect(row.querySelector('td.differ[data-reviewer="Kofi Mensah"]')?.textContent).toContain('One plan only');
    expect(table.querySelector(`tr[data-id="${X2}"]`), 'no reviewer rated it').toBeNull();
    const changes = screen.getByRole('list', { name: 'Changed in calibration' });
    expect(changes.textContent).toMatch(/Breaks work into milestones\.:\s*Beyond → Meets\s*— One plan is not a habit \(2026-07-02\)/);
  });

  it('exports a copy for a reviewer, asking their name and craft', async () => {
    const { calls } = await openCaseNamed('Ana Lima', reviewBackend(view(reviewed)));
    await fireEvent.click(screen.getByRole('button', { name: 'Export for a reviewer…' }));
    const save = screen.getByRole('button', { name: 'Save the copy…' }) as HTMLButtonElement;
    expect(save.disabled, 'no name yet').toBe(true);
    await fireEvent.input(screen.getByLabelText("The reviewer's name"), { target: { value: ' Lee Wong ' } });
    await fireEvent.change(screen.getByLabelText("The reviewer's craft"), { target: { value: 'engineering' } });
    await fireEvent.click(save);
    await savePlain();
    await screen.findByText(/A copy for Lee Wong saved to \/home\/me\/case-1-review-lee-wong.json/);
    expect(calls.find((c) => c.cmd === 'case_review_export')?.args).toEqual({
      id: 'case-1',
      reviewer: { name: 'Lee Wong', craft: 'engineering' },
      seal: PLAIN,
    });
    expect(document.getElementById('reviewer-form')).toBeNull();
  });

  it("imports a reviewer's rated copy and shows their ratings", async () => {
    const after = view(reviewed, 2);
    const { calls } = await openCaseNamed('Ana Lima', reviewBackend(view(bare({ owner: 'Sam Okafor' })), after));
    expect(document.getElementById('review-pairs')).toBeNull();
    await fireEvent.click(screen.getByRole('button', { name: 'Import a review…' }));
    await screen.findByText('The review of Kofi Mensah is recorded: 1 ratings beside yours.');
    expect(calls.find((c) => c.cmd === 'case_import_review')?.args).toEqual({ id: 'case-1' });
    expect(document.getElementById('review-pairs')).not.toBeNull();
  });

  it('says why a review could not be imported', async () => {
    await openCaseNamed('Ana Lima', {
      ...reviewBackend(view(bare())),
      case_import_review: () => {
        throw { kind: 'refused', message: "this reviewer's copy is of case `case-2`, not of `case-1`" } satisfies AppError;
      },
    });
    await fireEvent.click(screen.getByRole('button', { name: 'Import a review…' }));
    expect((await screen.findByRole('alert')).textContent).toContain('is of case `case-2`');
  });
});

describe("a reviewer's own copy", () => {
  const copy = bare({ review_for: { name: 'Kofi Mensah', craft: 'design' } });

  async function openReview(overrides: Record<string, (args: Record<string, unknown>) => unknown> = {}) {
    const app = await startApp({
      cases_list: () => [],
      review_open: () => copy,
      review_save: () => '/home/me/case-1-review-kofi-mensah.json',
      ...overrides,
    });
    await fireEvent.click(document.getElementById('open-cases') as HTMLElement);
    await fireEvent.click(await screen.findByRole('button', { name: 'Review a case…' }));
    await screen.findByRole('heading', { level: 1, name: 'Your review of Ana Lima' });
    return app;
  }

  it('shows each expectation with its evidence and judging help, and no one else\'s ratings', async () => {
    await openReview();
    expect(document.querySelector('#review .cases-head')?.textContent).toMatch(/A copy for Kofi Mensah \(design\)\./);
    const first = screen.getByRole('region', { name: 'Breaks work into milestones.' });
    expect(within(first).getByText('Planned the billing migration')).toBeTruthy();
    expect(within(first).getByText('Delivery')).toBeTruthy();
    expect(await within(first).findByText('What did this person finish?')).toBeTruthy();
    const second = screen.getByRole('region', { name: 'Reviews changes kindly.' });
    expect(within(second).getByText('No evidence is attached to this expectation.')).toBeTruthy();
    expect(document.querySelector('.reviewer-rating, .self-rating, .specialist-rating')).toBeNull();
    expect((screen.getByRole('button', { name: 'Save my review…' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('saves the copy with the ratings given, each with its reason', async () => {
    const { calls } = await openReview();
    await fireEvent.change(screen.getByLabelText('Your rating of “Breaks work into milestones.”'), {
      target: { value: 'meets' },
    });
    await fireEvent.input(screen.getByLabelText('Why you rate “Breaks work into milestones.” so'), {
      target: { value: ' One plan, well cut ' },
    });
    expect(document.getElementById('review-count')?.textContent).toBe('1 of 2 rated');
    await fireEvent.click(screen.getByRole('button', { name: 'Save my review…' }));
    await savePlain();
    await screen.findByText(/Saved as \/home\/me\/case-1-review-kofi-mensah.json/);
    const sent = calls.find((c) => c.cmd === 'review_save')?.args.review as Case;
    expect(sent.ratings).toEqual({ [X1]: { rating: 'meets', reason: 'One plan, well cut' } });
    expect(sent.review_for).toEqual(copy.review_for);
    expect(sent.expectations).toEqual(copy.expectations);
  });

  it('says why a save is refused, and goes back to the cases', async () => {
    await openReview({
      review_save: () => {
        throw { kind: 'refused', message: '`superb` is not on the case\'s rating scale' } satisfies AppError;
      },
    });
    await fireEvent.change(screen.getByLabelText('Your rating of “Reviews changes kindly.”'), { target: { value: 'beyond' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Save my review…' }));
    await savePlain();
    expect((await screen.findByRole('alert')).textContent).toContain('is not on the case');
    await fireEvent.click(document.getElementById('back-cases') as HTMLElement);
    await screen.findByRole('heading', { level: 1, name: 'Promotion cases' });
  });

  it('stays on the cases page when the file is not a reviewer\'s copy', async () => {
    await startApp({
      cases_list: () => [],
      review_open: () => {
        throw { kind: 'refused', message: "this file is not a reviewer's copy of a case" } satisfies AppError;
      },
    });
    await fireEvent.click(document.getElementById('open-cases') as HTMLElement);
    await fireEvent.click(await screen.findByRole('button', { name: 'Review a case…' }));
    await screen.findByText(/this file is not a reviewer's copy of a case/);
    expect(screen.getByRole('heading', { level: 1, name: 'Promotion cases' })).toBeTruthy();
  });
});
