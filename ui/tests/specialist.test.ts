// Specialists' views against a mocked backend: the structured form, their rating beside
// the owner's on each card with the reason asked for when they differ, the gaps that
// follow, a request file and an answer imported, and the owner's craft on a new case.

import { fireEvent, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { CaseView } from '../src/bindings/CaseView';
import type { Edit } from '../src/bindings/Edit';
import { card, edits, openCaseNamed, summary } from './case-harness';
import { startApp } from './harness';
import { PLAIN, savePlain } from './sealing';

const X1 = 'eng/e2/breaks-work-into-milestones';
const X2 = 'eng/e2/reviews-code';

/** A case as the backend would show it; the two new gaps are worked out as the core does. */
function view(over: Partial<CaseView['case']> = {}, revision = 1): CaseView {
  const c: CaseView['case'] = {
    id: 'case-1',
    candidate: { name: 'Ana Lima', alias: 'Candidate 7' },
    track: 'eng',
    current_level: 'e1',
    target_level: 'e2',
    craft: 'engineering',
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
      { id: X1, competency: 'delivery', text: 'Breaks work into milestones.', new: true },
      { id: X2, competency: 'craft', text: 'Reviews code kindly.', new: true, craft_specific: true },
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
  const unexplained = c.expectations.flatMap((e) =>
    c.specialists
      .filter((s) => {
        const theirs = s.ratings?.[e.id];
        const owner = c.ratings[e.id];
        return theirs && owner && theirs.rating !== owner.rating && !c.differences?.[e.id];
      })
      .map((s) => ({
        expectation: e.id,
        specialist: s.id,
        who: s.who,
        owner: c.ratings[e.id]?.rating ?? '',
        theirs: s.ratings?.[e.id]?.rating ?? '',
      })),
  );
  const otherCraft = c.owner_craft !== undefined && c.owner_craft !== c.craft;
  return {
    case: c,
    revision,
    coverage: {
      no_evidence: ids,
      self_only: [],
      judges_person: [],
      unrated: ids.filter((id) => c.ratings[id] === undefined),
      no_reason: [],
      unexplained,
      no_specialist: otherCraft
        ? c.expectations
            .filter((e) => e.craft_specific && !c.specialists.some((s) => s.expectations.includes(e.id)))
            .map((e) => e.id)
        : [],
      total: ids.length,
      supported: 0,
      with_evidence: 0,
    },
    findings: [],
    rule: null,
    drift: null,
    ratings: ids.map((id) => ({ expectation: id, candidate: null, owner: c.ratings[id] ?? null, differ: false })),
    texts: c.expectations.map((e) => ({ id: e.id, html: e.text })),
    blind_hints: [],
    competencies: [
      { id: 'delivery', name: 'Delivery', evidence: [], questions: [] },
      { id: 'craft', name: 'Craft', evidence: [], questions: [] },
    ],
  };
}

/** A backend of one case that applies the specialist edits as the core does. */
function specialistBackend(start: CaseView) {
  let current = start;
  const apply = ({ edit }: Record<string, unknown>) => {
    const e = edit as Edit;
    const c = structuredClone(current.case);
    if (e.kind === 'add-specialist') {
      const { kind: _kind, ...rest } = e;
      c.specialists.push({ id: `sp-${c.specialists.length + 1}`, ...rest });
    } else if (e.kind === 'explain-difference') {
      c.differences = { ...c.differences, [e.expectation]: e.reason };
    }
    current = view(c, current.revision + 1);
    return current;
  };
  return {
    set current(v: CaseView) {
      current = v;
    },
    handlers: {
      cases_list: () => [summary(current)],
      case_view: () => current,
      case_new: () => current,
      case_edit: apply,
      case_request_save: ({ blind }: Record<string, unknown>) =>
        `/home/me/specialist-request-${blind ? 'candidate-7' : 'ana-lima'}.json`,
      case_import_view: () => current,
    },
  };
}

async function openCase(start = view()) {
  const backend = specialistBackend(start);
  const app = await openCaseNamed(start.case.candidate.name, backend.handlers);
  return { ...app, backend };
}

describe('a specialist view', () => {
  it('records who, their level, their ratings with reasons, what they reviewed, confidence and conflict', async () => {
    const { calls } = await openCase(view({ ratings: { [X2]: { rating: 'meets', reason: 'Many reviews' } } }));
    await fireEvent.input(screen.getByLabelText('Who'), { target: { value: 'Kim Park' } });
    await fireEvent.input(screen.getByLabelText('Their craft'), { target: { value: 'engineering' } });
    await fireEvent.input(screen.getByLabelText('Their level'), { target: { value: 'e5' } });
    await fireEvent.change(screen.getByLabelText('Their confidence'), { target: { value: 'high' } });
    const about = screen.getByRole('group', { name: /About/ });
    await fireEvent.click(within(about).getByRole('checkbox', { name: /Reviews code kindly/ }));
    const record = screen.getByRole('button', { name: 'Record input' }) as HTMLButtonElement;
    expect(record.disabled, 'neither a rating nor what they said yet').toBe(true);
    await fireEvent.change(screen.getByLabelText('Their rating of “Reviews code kindly.”'), { target: { value: 'beyond' } });
    await fireEvent.input(screen.getByLabelText('Why they rate “Reviews code kindly.” so'), {
      target: { value: ' Reviews that teach ' },
    });
    await fireEvent.input(screen.getByLabelText(/What they reviewed/), {
      target: { value: 'https://example.com/pr/1\nThree design reviews' },
    });
    await fireEvent.input(screen.getByLabelText(/Conflict of interest/), { target: { value: 'Same team in 2025' } });
    expect(record.disabled).toBe(false);
    await fireEvent.click(record);
    await screen.findByText('Specialist input recorded.');
    expect(edits(calls)).toEqual([
      {
        kind: 'add-specialist',
        who: 'Kim Park',
        craft: 'engineering',
        level: 'e5',
        said: '',
        expectations: [X2],
        reviewed: [
          { description: '', link: 'https://example.com/pr/1' },
          { description: 'Three design reviews', link: null },
        ],
        ratings: { [X2]: { rating: 'beyond', reason: 'Reviews that teach' } },
        confidence: 'high',
        conflict: 'Same team in 2025',
      },
    ]);
    // The card shows their rating beside the owner's, and asks why they differ.
    const c = card(X2);
    expect(c.querySelector('.specialist-rating')?.textContent).toMatch(/Their rating:\s*Beyond\s*— Reviews that teach\s*· yours:\s*Meets/);
    expect(within(c).getByText('differs')).toBeTruthy();
    expect(within(c).getByText("Your rating differs from Kim Park's; say why")).toBeTruthy();
    expect(within(c).getByRole('link', { name: 'https://example.com/pr/1' })).toBeTruthy();
    expect(document.querySelector('[data-gap="differs"]')).not.toBeNull();
  });

  it('saves the reason the owner gives for differing, and the gap goes', async () => {
    const { calls } = await openCase(
      view({
        ratings: { [X1]: { rating: 'meets', reason: 'Plan held' } },
        specialists: [
          { id: 'sp-1', who: 'Kim Park', craft: 'engineering', said: '', expectations: [X1], ratings: { [X1]: { rating: 'not-yet', reason: 'One project' } } },
        ],
      }),
    );
    const c = card(X1);
    const reason = c.querySelector('.difference-reason') as HTMLTextAreaElement;
    await fireEvent.input(reason, { target: { value: ' Kim saw one project; I saw the year. ' } });
    await fireEvent.click(within(c).getByRole('button', { name: 'Save the reason' }));
    await screen.findByText('Reason saved.');
    expect(edits(calls)).toEqual([
      { kind: 'explain-difference', expectation: X1, reason: 'Kim saw one project; I saw the year.' },
    ]);
    expect(within(card(X1)).getByText('Why your rating differs')).toBeTruthy();
    expect(document.querySelector('[data-gap="differs"]')).toBeNull();
  });

  it('lists the craft’s expectations without a specialist view when the owner is of another craft', async () => {
    await openCase(view({ owner_craft: 'design' }));
    const gap = document.querySelector('[data-gap="no-specialist"]');
    expect(gap?.textContent).toContain('No specialist view yet');
    expect(gap?.textContent).toContain('Reviews code kindly');
    expect(gap?.textContent).not.toContain('Breaks work into milestones');
  });

  it('requests a view blind by default, and imports the answer', async () => {
    const { calls, backend } = await openCase();
    const request = screen.getByRole('button', { name: 'Request a specialist view…' }) as HTMLButtonElement;
    expect(request.disabled, 'nothing chosen to ask about').toBe(true);
    const about = screen.getByRole('group', { name: /About/ });
    await fireEvent.click(within(about).getByRole('checkbox', { name: /Breaks work into milestones/ }));
    expect((document.getElementById('sp-blind') as HTMLInputElement).checked).toBe(true);
    await fireEvent.click(request);
    await savePlain();
    await screen.findByText(/Request saved to \/home\/me\/specialist-request-candidate-7.json/);
    expect(calls.find((c) => c.cmd === 'case_request_save')?.args).toEqual({ id: 'case-1', expectations: [X1], blind: true, seal: PLAIN });

    backend.current = view(
      {
        specialists: [
          { id: 'sp-1', who: 'Rui Costa', craft: 'engineering', said: '', expectations: [X1], ratings: { [X1]: { rating: 'meets', reason: 'Clear plans' } } },
        ],
      },
      2,
    );
    await fireEvent.click(screen.getByRole('button', { name: 'Import a specialist view…' }));
    await screen.findByText('The view of Rui Costa is recorded.');
    expect(calls.find((c) => c.cmd === 'case_import_view')?.args).toEqual({ id: 'case-1', revision: 1 });
    expect(card(X1).querySelector('.specialist-rating')?.textContent).toContain('Clear plans');
  });
});

describe('a new case', () => {
  it('asks for the owner’s craft among the framework’s crafts', async () => {
    const backend = specialistBackend(view());
    const { calls } = await startApp({ ...backend.handlers, cases_list: () => [] });
    await fireEvent.click(document.getElementById('open-cases') as HTMLElement);
    await fireEvent.click(await screen.findByRole('button', { name: 'New case' }));
    await fireEvent.input(screen.getByLabelText('Candidate’s name'), { target: { value: 'Ana Lima' } });
    const craft = screen.getByLabelText('Your craft') as HTMLSelectElement;
    expect([...craft.options].map((o) => o.value)).toEqual(['', 'product', 'engineering']);
    await fireEvent.change(craft, { target: { value: 'product' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Start the case' }));
    await screen.findByRole('heading', { level: 1, name: /Ana Lima/ });
    expect(calls.find((c) => c.cmd === 'case_new')?.args).toMatchObject({ case: { name: 'Ana Lima', owner_craft: 'product' } });
  });
});
