// Glossary terms beyond the level page: the backend marks them in a case's expectations
// and "How to judge this", in a comparison of two levels and in a band's cells, and the
// one tooltip of the window explains each on hover, wherever it is.

import { fireEvent, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { BandComparison } from '../src/bindings/BandComparison';
import type { CaseView } from '../src/bindings/CaseView';
import type { ExpectationRef } from '../src/bindings/ExpectationRef';
import type { LevelDelta } from '../src/bindings/LevelDelta';
import { openCaseNamed, summary } from './case-harness';
import { openE2, startApp } from './harness';

const MILESTONES = 'Breaks work into <span class="term" data-term="milestone">milestones</span>.';

/** Hovers the marked term inside `within` and checks the tooltip explains it. */
async function explainsMilestone(within: Element) {
  const term = within.querySelector<HTMLElement>('span.term[data-term="milestone"]');
  expect(term, within.outerHTML).not.toBeNull();
  const tooltip = document.querySelector<HTMLElement>('#term-tooltip')!;
  await fireEvent.mouseOver(term!);
  expect(tooltip.hidden).toBe(false);
  expect(tooltip.querySelector('strong')?.textContent).toBe('Milestone');
  expect(tooltip.textContent).toContain('A point where something agreed is finished');
  await fireEvent.mouseOut(term!, { relatedTarget: document.body });
  await waitFor(() => expect(tooltip.hidden).toBe(true));
}

const X1 = 'eng/e2/breaks-work-into-milestones';

function caseView(): CaseView {
  return {
    case: {
      id: 'case-1',
      candidate: { name: 'Ana Lima', alias: 'Candidate 7' },
      track: 'eng',
      current_level: 'e1',
      target_level: 'e2',
      framework: { name: 'Acme ladders', version: '2026.1', hash: 'c76acfc64314', commit: null, scale: [] },
      expectations: [{ id: X1, competency: 'delivery', text: 'Breaks work into milestones.', new: true }],
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
      no_evidence: [X1],
      self_only: [],
      judges_person: [],
      unrated: [X1],
      no_reason: [],
      total: 1,
      supported: 0,
      with_evidence: 0,
    },
    findings: [],
    rule: null,
    drift: null,
    ratings: [{ expectation: X1, candidate: null, owner: null, differ: false }],
    texts: [{ id: X1, html: MILESTONES }],
    blind_hints: [],
    competencies: [
      {
        id: 'delivery',
        name: 'Delivery',
        evidence: ['A plan whose <span class="term" data-term="milestone">milestones</span> held'],
        questions: ['Which one slipped?'],
      },
    ],
  };
}

describe('glossary terms outside the level page', () => {
  it('explains a term of a case expectation and of its "How to judge this"', async () => {
    const view = caseView();
    await openCaseNamed('Ana Lima', {
      cases_list: () => [summary(view)],
      case_view: () => view,
      case_history: () => [],
    });
    await explainsMilestone(document.querySelector(`.case-expectation[data-id="${X1}"]`)!);
    const judge = document.querySelector<HTMLDetailsElement>('section[data-competency="delivery"] details.judge')!;
    judge.open = true;
    await explainsMilestone(judge);
  });

  it('explains a term of an expectation on the compare page', async () => {
    const ref = (id: string, level: string, band: number, html: string): ExpectationRef => ({
      id: `eng/${level}/${id}`,
      level,
      level_title: level,
      band,
      text: html.replace(/<[^>]*>/g, ''),
      html,
    });
    const delta: LevelDelta = {
      track: 'eng',
      track_name: 'Software Engineer',
      from: { id: 'e2', title: 'Software Engineer II', band: 2 },
      to: { id: 'e3', title: 'Software Engineer III', band: 3 },
      dimensions: [],
      competencies: [
        {
          competency: 'delivery',
          name: 'Delivery',
          new: [ref('breaks-work', 'e3', 3, MILESTONES)],
          stronger: [],
          carried: [],
          dropped: [],
        },
      ],
      counts: { new: 1, stronger: 0, carried: 0, dropped: 0 },
    };
    await openE2({ level_delta: () => delta });
    await fireEvent.click(screen.getByRole('button', { name: 'What changes at Software Engineer III' }));
    await screen.findByRole('heading', { level: 1, name: 'From Software Engineer II to Software Engineer III' });
    await explainsMilestone(document.querySelector('section[data-competency="delivery"]')!);
  });

  it('explains a term of a cell on the band page', async () => {
    const band: BandComparison = {
      band: 2,
      name: 'Developing',
      summary: 'Delivers small pieces alone.',
      columns: [
        {
          track: 'eng',
          track_name: 'Software Engineer',
          craft: 'engineering',
          level: { id: 'e2', title: 'Software Engineer II', band: 2 },
          summary_html: 'Ships features.',
        },
      ],
      dimensions: [],
      competencies: [
        {
          id: 'delivery',
          name: 'Delivery',
          shared: true,
          cells: [
            [
              {
                id: X1,
                level: 'e2',
                level_title: 'Software Engineer II',
                band: 2,
                text: 'Breaks work into milestones.',
                html: MILESTONES,
              },
            ],
          ],
        },
      ],
    };
    await startApp({ band_comparison: () => band });
    await fireEvent.click(document.querySelector<HTMLButtonElement>('button[data-band-compare="2"]')!);
    await screen.findByRole('heading', { level: 1, name: 'Band 2: Developing' });
    await explainsMilestone(document.querySelector('tr[data-row="delivery"]')!);
  });
});
