// Judging aids (what a reviewer sees in work that is not yet at a level, meets it or goes
// beyond it, and anchor examples) under "How to judge this": on the level page, on the
// compare page for both levels, and in the case editor for the level argued for.

import { fireEvent, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { AidsView } from '../src/bindings/AidsView';
import type { CaseView } from '../src/bindings/CaseView';
import type { LevelDelta } from '../src/bindings/LevelDelta';
import { card, openCaseNamed, summary } from './case-harness';
import { openE2 } from './harness';

/** The text of each part of the aids inside `root`, by part. */
function parts(root: Element): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const list of root.querySelectorAll('ul.aids-list')) {
    const name = list.previousElementSibling?.textContent ?? '';
    out[name] = [...list.querySelectorAll('li')].map((li) => li.textContent ?? '');
  }
  return out;
}

describe('judging aids', () => {
  it('shows the aids of the level under "How to judge this", only the parts it has', async () => {
    await openE2();
    const section = document.querySelector('section.competency[data-competency="engineering-craft"]')!;
    const judge = section.querySelector<HTMLDetailsElement>('details.judge')!;
    expect(judge.open).toBe(false);
    const aids = within(judge as HTMLElement).getByRole('group', { name: 'At this level (band 2)' });
    expect(parts(aids)).toEqual({
      'Not yet': ['Tests cover the normal path only.'],
      Meets: ['Teammates change their code without asking them.', 'Tests cover failures too.'],
      Anchors: ['A billing change tested for a declined card.'],
    });
    expect(aids.querySelector('em')?.textContent).toBe('failures');
    // A competency without aids shows none.
    const delivery = document.querySelector('section.competency[data-competency="delivery"]')!;
    expect(delivery.querySelector('.aids')).toBeNull();
  });

  it('shows the aids of both levels on the compare page', async () => {
    const aids = (band: number, meets: string): AidsView => ({
      band,
      level: null,
      not_yet: [],
      meets: [meets],
      beyond: [],
      anchors: [],
    });
    const delta: LevelDelta = {
      track: 'eng',
      track_name: 'Software Engineer',
      from: { id: 'e2', title: 'Software Engineer II', band: 2 },
      to: { id: 'e3', title: 'Software Engineer III', band: 3 },
      dimensions: [],
      competencies: [
        {
          competency: 'engineering-craft',
          name: 'Engineering craft',
          new: [],
          stronger: [],
          carried: [],
          dropped: [],
          from_aids: aids(2, 'Tests cover failures.'),
          to_aids: aids(3, 'Features ship with alerts.'),
        },
        { competency: 'delivery', name: 'Delivery', new: [], stronger: [], carried: [], dropped: [] },
      ],
      counts: { new: 0, stronger: 0, carried: 0, dropped: 0 },
    };
    await openE2({ level_delta: () => delta });
    await fireEvent.click(screen.getByRole('button', { name: 'What changes at Software Engineer III' }));
    await screen.findByRole('heading', { level: 1, name: 'From Software Engineer II to Software Engineer III' });
    const craft = document.querySelector<HTMLElement>('section[data-competency="engineering-craft"]')!;
    const judge = craft.querySelector('details.compare-aids')!;
    expect(judge.querySelector('summary')?.textContent).toBe('How to judge this at each level');
    const from = within(craft).getByRole('group', { name: 'Software Engineer II (band 2)' });
    const to = within(craft).getByRole('group', { name: 'Software Engineer III (band 3)' });
    expect(parts(from)).toEqual({ Meets: ['Tests cover failures.'] });
    expect(parts(to)).toEqual({ Meets: ['Features ship with alerts.'] });
    expect(document.querySelector('section[data-competency="delivery"] details.compare-aids')).toBeNull();
  });

  it('shows the aids of the level argued for in the case editor', async () => {
    const x = 'eng/e2/reviews-changes';
    const view: CaseView = {
      case: {
        id: 'case-1',
        candidate: { name: 'Ana Lima', alias: 'Candidate 7' },
        track: 'eng',
        current_level: 'e1',
        target_level: 'e2',
        framework: { name: 'Acme ladders', version: '2026.1', hash: 'c76acfc64314', commit: null, scale: [] },
        expectations: [{ id: x, competency: 'engineering-craft', text: 'Reviews changes.', new: true }],
        evidence: [],
        ratings: {},
        self_ratings: {},
        specialists: [],
        recommendation: null,
        decision: null,
        issued: 0,
        self_assessment: false,
      },
      revision: 1,
      coverage: {
        no_evidence: [x],
        self_only: [],
        judges_person: [],
        unrated: [x],
        no_reason: [],
        total: 1,
        supported: 0,
        with_evidence: 0,
      },
      findings: [],
      rule: null,
      drift: null,
      ratings: [{ expectation: x, candidate: null, owner: null, differ: false }],
      texts: [{ id: x, html: 'Reviews changes.' }],
      blind_hints: [],
      competencies: [
        {
          id: 'engineering-craft',
          name: 'Engineering craft',
          evidence: [],
          questions: [],
          aids: {
            band: 2,
            level: 'e2',
            not_yet: ['Reviews only check that it runs.'],
            meets: ['Reviews point to the missing test.'],
            beyond: ['Other teams ask for their review.'],
            anchors: [],
          },
        },
      ],
    };
    await openCaseNamed('Ana Lima', {
      cases_list: () => [summary(view)],
      case_view: () => view,
      case_history: () => [],
    });
    const section = document.querySelector<HTMLElement>('section.case-competency[data-competency="engineering-craft"]')!;
    const judge = section.querySelector('details.judge')!;
    expect(judge.querySelector('summary')?.textContent).toContain('How to judge this');
    const aids = within(section).getByRole('group', { name: 'At the level argued for (band 2)' });
    expect(parts(aids)).toEqual({
      'Not yet': ['Reviews only check that it runs.'],
      Meets: ['Reviews point to the missing test.'],
      Beyond: ['Other teams ask for their review.'],
    });
    // Beside the rating of each expectation too, folded.
    const beside = card(x).querySelector<HTMLDetailsElement>('.ratings details.card-aids')!;
    expect(beside.open).toBe(false);
    expect(parts(within(beside).getByRole('group', { name: 'Signals at band 2' }))).toEqual(parts(aids));
  });
});
