// A small framework, typed with the IPC bindings: two tracks on three bands, a level with
// inherited expectations, a glossary term marked in an expectation, two diagnostics,
// links of every kind in a level's HTML, and search hits of every kind the UI opens.

import type { FrameworkView } from '../src/bindings/FrameworkView';
import type { Hit } from '../src/bindings/Hit';
import type { LevelView } from '../src/bindings/LevelView';
import type { Results } from '../src/bindings/Results';
import type { RoleView } from '../src/bindings/RoleView';

const role = (name: string): RoleView => ({
  purpose_html: `<p>Why the ${name} exists.</p>`,
  responsibilities_html: '<ul><li>Ships work.</li></ul>',
  decision_rights_html: '<p>Decides how.</p>',
  working_with_others_html: '<p>Works with everyone.</p>',
});

export const framework: FrameworkView = {
  source: { kind: 'bundled' },
  name: 'Acme ladders',
  version: '2026.1',
  hash: 'c76acfc64314',
  intro_html: '<p>Levels that share a <strong>band</strong> ask for comparable scope.</p>',
  guide: null,
  bands: [
    { number: 1, name: 'Entry', summary: 'Learns the craft.' },
    { number: 2, name: 'Developing', summary: 'Delivers small pieces alone.' },
    { number: 3, name: 'Established', summary: 'Owns features.' },
  ],
  // Product first, to check that the grid groups engineering before product.
  tracks: [
    {
      id: 'pm',
      name: 'Product Manager',
      craft: 'product',
      career_path: 'individual-contributor',
      summary: 'Decides which problems the team solves.',
      levels: [
        { id: 'p1', title: 'Associate Product Manager', band: 2 },
        { id: 'p2', title: 'Product Manager', band: 3 },
      ],
      role: role('product manager'),
    },
    {
      id: 'eng',
      name: 'Software Engineer',
      craft: 'engineering',
      career_path: 'individual-contributor',
      summary: 'Builds and runs software.',
      levels: [
        { id: 'e1', title: 'Software Engineer I', band: 1 },
        { id: 'e2', title: 'Software Engineer II', band: 2 },
        { id: 'e3', title: 'Software Engineer III', band: 3 },
      ],
      role: role('software engineer'),
    },
  ],
  glossary: [
    {
      id: 'milestone',
      term: 'Milestone',
      used_in: [],
      definition_html: '<p>A point where something agreed is finished and can be checked.</p>',
    },
    {
      id: 'component-design',
      term: 'Component',
      used_in: ['design'],
      definition_html: '<p>A reusable piece of interface, such as a button.</p>',
    },
  ],
  diagnostics: [
    {
      severity: 'error',
      code: 'unknown-competency',
      path: 'tracks/eng/e2.md',
      line: 7,
      column: 3,
      message: 'unknown competency `Delivry` (did you mean `Delivery`?)',
      help: 'the competencies of track `eng` are `Delivery`',
    },
    {
      severity: 'warning',
      code: 'vague-wording',
      path: 'tracks/pm/p1.md',
      line: 12,
      column: 1,
      message: 'expectation describes a person, not what they do',
      help: null,
    },
  ],
  errors: 1,
  warnings: 1,
};

export const cleanFramework: FrameworkView = {
  ...framework,
  diagnostics: [],
  errors: 0,
  warnings: 0,
};

export const folderFramework: FrameworkView = {
  ...cleanFramework,
  source: { kind: 'folder', path: '/home/sam/ladders' },
  name: 'Sam’s ladders',
};

export const e2: LevelView = {
  track_id: 'eng',
  track_name: 'Software Engineer',
  craft: 'engineering',
  id: 'e2',
  title: 'Software Engineer II',
  band: 2,
  band_name: 'Developing',
  summary_html:
    '<p>Delivers small features. Read <a href="https://example.com/guide" rel="noopener noreferrer">the guide</a>, ' +
    '<a href="#delivery-notes">the notes</a>, <a href="javascript:alert(1)">this</a> or ' +
    '<a href="other.md">that</a>.</p>',
  intro_html: '<p id="delivery-notes">Notes on delivery.</p>',
  dimensions: [
    { id: 'scope', name: 'Scope', text_html: '<p>Small features of one to three weeks.</p>' },
    { id: 'autonomy', name: 'Autonomy', text_html: '<p>Plans their own work.</p>' },
  ],
  competencies: [
    {
      id: 'delivery',
      name: 'Delivery',
      shared: true,
      description_html: '<p>Turning agreed work into finished results.</p>',
      evidence_html: ['Work that shipped, with dates.'],
      questions_html: ['What did this person finish?'],
      expectations: [
        {
          id: 'eng/e2/breaks-work-into-milestones',
          html: 'Breaks a feature into <span class="term" data-term="milestone">milestones</span> that each reach users.',
          examples_html: ['Splits a settings page into three releases.', 'Ships the API first.'],
          from_level: 'e2',
          from_title: 'Software Engineer II',
          inherited: false,
        },
        {
          id: 'eng/e1/finishes-tasks',
          html: 'Finishes tasks of a few days that someone else described.',
          examples_html: [],
          from_level: 'e1',
          from_title: 'Software Engineer I',
          inherited: true,
        },
      ],
    },
    {
      id: 'engineering-craft',
      name: 'Engineering craft',
      shared: false,
      description_html: '<p>The quality of the code.</p>',
      evidence_html: [],
      questions_html: [],
      aids: {
        band: 2,
        level: null,
        not_yet: ['Tests cover the normal path only.'],
        meets: ['Teammates change their code without asking them.', 'Tests cover <em>failures</em> too.'],
        beyond: [],
        anchors: ['A billing change tested for a declined card.'],
      },
      expectations: [
        {
          id: 'eng/e2/reviews-changes',
          html: 'Reviews the changes of teammates within a day.',
          examples_html: [],
          from_level: 'e2',
          from_title: 'Software Engineer II',
          inherited: false,
        },
        {
          id: 'eng/e1/writes-tests',
          html: 'Writes tests for each change.',
          examples_html: ['Adds a test that fails before the fix.'],
          from_level: 'e1',
          from_title: 'Software Engineer I',
          inherited: true,
        },
      ],
    },
  ],
  previous: { id: 'e1', title: 'Software Engineer I', band: 1 },
  next: { id: 'e3', title: 'Software Engineer III', band: 3 },
  promotion: 'Every expectation new at this level is rated Meets or above.',
  source: 'tracks/eng/e2.md',
};

/** A level reached by stepping from e2, reduced to what the tests look at. */
export function neighbour(id: 'e1' | 'e3'): LevelView {
  const title = id === 'e1' ? 'Software Engineer I' : 'Software Engineer III';
  return {
    ...e2,
    id,
    title,
    band: id === 'e1' ? 1 : 3,
    previous: id === 'e1' ? null : { id: 'e2', title: e2.title, band: 2 },
    next: id === 'e1' ? { id: 'e2', title: e2.title, band: 2 } : null,
    source: `tracks/eng/${id}.md`,
  };
}

/** Hits as the backend returns them for “review”: one of each kind the tests open. */
export const reviewHits: Hit[] = [
  {
    kind: 'level',
    title: 'Associate Product Manager',
    snippet_html: 'Runs the <mark>review</mark> of a small feature &amp; its launch.',
    track: 'pm',
    level: 'p1',
    competency: null,
    target: 'pm/p1',
    score: 9.5,
  },
  {
    kind: 'expectation',
    title: 'Software Engineer II',
    snippet_html: '<mark>Reviews</mark> the changes of teammates within a day.',
    track: 'eng',
    level: 'e2',
    competency: 'engineering-craft',
    target: 'eng/e2/reviews-changes',
    score: 8.25,
  },
  {
    kind: 'term',
    title: 'Milestone',
    snippet_html: 'A point where something agreed is finished and can be <mark>checked</mark>.',
    track: null,
    level: null,
    competency: null,
    target: 'milestone',
    score: 4,
  },
  {
    kind: 'competency',
    title: 'Engineering craft',
    snippet_html: 'The quality of the code, and its <mark>review</mark>.',
    track: null,
    level: null,
    competency: 'engineering-craft',
    target: 'engineering-craft',
    score: 3,
  },
];

export function results(hits: Hit[], total = hits.length, total_unfiltered: number | null = null): Results {
  return { hits, total, total_unfiltered };
}
