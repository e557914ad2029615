// A calibration as the core lays it out, for the calibration page's tests: three cases
// on band 2 across crafts (an engineer, a product manager, and a second engineer), blind,
// rows by shared competency with one case's expectations stacked, and warnings naming
// cells and a whole case.

import type { Calibration } from '../src/bindings/Calibration';
import type { CaseSummary } from '../src/bindings/CaseSummary';
import type { Cell } from '../src/bindings/Cell';
import type { Strength } from '../src/bindings/Strength';

export const SCALE = [
  { id: 'not-yet', name: 'Not yet' },
  { id: 'meets', name: 'Meets' },
  { id: 'beyond', name: 'Beyond' },
];

const none: Strength = {
  items: 0,
  by_candidate: 0,
  by_owner: 0,
  by_peer: 0,
  by_specialist: 0,
  weak: 0,
  corroborated: false,
  ids: [],
};

function strength(over: Partial<Strength>): Strength {
  return { ...none, ...over };
}

function cell(caseId: string, expectation: string, over: Partial<Cell> = {}): Cell {
  return {
    case: caseId,
    expectation,
    text: `The words of ${expectation}.`,
    new: true,
    rating: 'meets',
    rating_name: 'Meets',
    reason: `Why ${caseId} meets ${expectation}.`,
    others: [],
    spread: 0,
    evidence: strength({ items: 3, by_owner: 1, by_peer: 2, corroborated: true, ids: ['ev-1', 'ev-2', 'ev-3'] }),
    recalibrated: null,
    warnings: [],
    ...over,
  };
}

export const W_UNEQUAL = 'unequal-evidence:case-a:case-b:delivery';
export const W_RECENCY = 'recency:case-c';

/** The calibration, blind unless `revealed`; `change` applies a rating changed in calibration. */
export function calibration(
  options: { revealed?: boolean; changed?: boolean; acknowledged?: boolean } = {},
): Calibration {
  const { revealed = false, changed = false, acknowledged = false } = options;
  const label = (alias: string, name: string) => (revealed ? name : alias);
  return {
    blind: !revealed,
    scale: SCALE,
    across_tracks: true,
    columns: [
      {
        case: 'case-a',
        label: label('Candidate 1', 'Ada Lovelace'),
        track: 'eng',
        track_name: 'Software Engineer',
        current_level: 'e1',
        target_level: 'e2',
        target_name: 'Software Engineer II (band 2)',
        band: 2,
        craft: 'engineering',
        owner: revealed ? 'Grace Hopper' : null,
        owner_craft: 'engineering',
        period: { from: '2026-01-01', to: '2026-06-30' },
        outcome: null,
        promote: null,
        reviewers: [revealed ? 'Alan Turing' : 'Reviewer 1'],
      },
      {
        case: 'case-b',
        label: label('Candidate 2', 'Barbara Liskov'),
        track: 'pm',
        track_name: 'Product Manager',
        current_level: 'p0',
        target_level: 'p1',
        target_name: 'Associate Product Manager (band 2)',
        band: 2,
        craft: 'product',
        owner: revealed ? 'Grace Hopper' : null,
        owner_craft: 'engineering',
        period: { from: '2026-01-01', to: '2026-06-30' },
        outcome: null,
        promote: null,
        reviewers: [],
      },
      {
        case: 'case-c',
        label: label('Candidate 3', 'Edsger Dijkstra'),
        track: 'eng',
        track_name: 'Software Engineer',
        current_level: 'e1',
        target_level: 'e2',
        target_name: 'Software Engineer II (band 2)',
        band: 2,
        craft: 'engineering',
        owner: revealed ? 'Grace Hopper' : null,
        owner_craft: 'engineering',
        period: null,
        outcome: 'Promoted',
        promote: true,
        reviewers: [],
      },
    ],
    rows: [
      {
        key: 'delivery',
        competency: 'delivery',
        competency_name: 'Delivery',
        title: 'Delivery',
        spread: 2,
        cells: [
          [
            cell('case-a', 'eng/e2/ships', {
              rating: changed ? 'meets' : 'beyond',
              rating_name: changed ? 'Meets' : 'Beyond',
              spread: 2,
              others: [
                {
                  who: 'self',
                  role: 'candidate',
                  rating: 'beyond',
                  rating_name: 'Beyond',
                  reason: 'I shipped it all.',
                },
                {
                  who: revealed ? 'Alan Turing' : 'Reviewer 1',
                  role: 'reviewer',
                  rating: 'not-yet',
                  rating_name: 'Not yet',
                  reason: 'Only one release.',
                },
              ],
              recalibrated: changed
                ? {
                    expectation: 'eng/e2/ships',
                    before: 'beyond',
                    after: 'meets',
                    reason: 'One release is not a pattern.',
                    at: '2026-07-02T10:00:00Z',
                  }
                : null,
              warnings: [W_UNEQUAL],
            }),
            cell('case-a', 'eng/e2/plans', { text: 'Plans the work of a quarter.' }),
          ],
          [
            cell('case-b', 'pm/p1/ships', {
              rating: 'beyond',
              rating_name: 'Beyond',
              evidence: strength({ items: 1, by_candidate: 1, ids: ['ev-9'] }),
              warnings: [W_UNEQUAL],
            }),
          ],
          [
            cell('case-c', 'eng/e2/ships', {
              evidence: strength({ items: 2, by_owner: 2, weak: 1, ids: ['ev-4', 'ev-5'] }),
            }),
          ],
        ],
      },
      {
        key: 'craft',
        competency: 'craft',
        competency_name: 'Craft',
        title: 'Craft',
        spread: 0,
        cells: [
          [cell('case-a', 'eng/e2/reviews')],
          [],
          [cell('case-c', 'eng/e2/reviews', { rating: null, rating_name: null, reason: '', evidence: none })],
        ],
      },
    ],
    warnings: [
      {
        key: W_UNEQUAL,
        kind: 'unequal-evidence',
        sentence:
          'Candidate 1 and Candidate 2 are both rated Beyond on delivery, but Candidate 2’s rating rests on one item of their own.',
        cells: [
          { case: 'case-a', expectation: 'eng/e2/ships' },
          { case: 'case-b', expectation: 'pm/p1/ships' },
        ],
        cases: ['case-a', 'case-b'],
        acknowledged: acknowledged
          ? { warning: W_UNEQUAL, reason: 'The product work was seen by all of us.', at: '2026-07-02T11:00:00Z' }
          : null,
      },
      {
        key: W_RECENCY,
        kind: 'recency',
        sentence: 'Most of Candidate 3’s evidence comes from the last fifth of the review period.',
        cells: [{ case: 'case-c', expectation: null }],
        cases: ['case-c'],
        acknowledged: null,
      },
    ],
  };
}

/** The cases as the list shows them: the three above, one on band 3, and a self-assessment. */
export const caseList: CaseSummary[] = [
  summary('case-a', 'Ada Lovelace', 'Candidate 1', 'eng', 'e1', 'e2'),
  summary('case-b', 'Barbara Liskov', 'Candidate 2', 'pm', 'p0', 'p1'),
  summary('case-c', 'Edsger Dijkstra', 'Candidate 3', 'eng', 'e1', 'e2'),
  summary('case-d', 'Donald Knuth', 'Candidate 4', 'eng', 'e2', 'e3'),
  { ...summary('self-1', 'Ada Lovelace', 'Candidate', 'eng', 'e2', 'e3'), self_assessment: true },
];

function summary(
  id: string,
  name: string,
  alias: string,
  track: string,
  current: string,
  target: string,
): CaseSummary {
  return {
    id,
    name,
    alias,
    track,
    current_level: current,
    target_level: target,
    names: null,
    supported: 1,
    with_evidence: 2,
    total: 5,
    decided: null,
    self_assessment: false,
  };
}
