// What the main area of the window shows, as a tagged union: a page that needs data
// carries it, so a level page without a level (or a comparison left over beside the home
// page) cannot be written down. Also what a page brings into view after a search hit.

import type { BandComparison } from '../bindings/BandComparison';
import type { Case } from '../bindings/Case';
import type { LevelDelta } from '../bindings/LevelDelta';
import type { LevelView } from '../bindings/LevelView';
import type { OpenedRequest } from '../bindings/OpenedRequest';

/** The page the main area shows, with what it shows. */
export type Page =
  /** The framework is being opened at startup. */
  | { page: 'loading' }
  /** No framework could be opened. */
  | { page: 'failed' }
  /** The tracks and levels of the open framework. */
  | { page: 'home' }
  | { page: 'level'; level: LevelView }
  | { page: 'compare'; delta: LevelDelta }
  | { page: 'band'; band: BandComparison }
  /** The list of cases. */
  | { page: 'cases' }
  /** One case in the editor; the case itself is the case store's (`CaseState.view`), which edits it. */
  | { page: 'case'; id: string }
  /** A specialist's answer to a request for their view, as the request came. */
  | { page: 'answer'; request: OpenedRequest }
  /** A reviewer's copy of a case, to rate on their own; it holds no one else's ratings. */
  | { page: 'review'; review: Case }
  /** Several promotion cases side by side; what shows is the calibration store's (`CalibrationState`). */
  | { page: 'calibrate' }
  /** "About Rung": the build, the bundled framework, the data folder, the licences; the page loads them. */
  | { page: 'about' };

/** The name of a page, without its data. */
export type PageName = Page['page'];

/** What a page should bring into view once it shows, after a search hit was opened. */
export type RevealTarget =
  /** `li.expectation[data-id]`; `words` are what the search marked, to open its examples if they matched. */
  | { kind: 'expectation'; id: string; words: string[] }
  /** The level's dimensions; `text` is the snippet, to find the dimension it came from. */
  | { kind: 'dimension'; text: string }
  /** `section.competency[data-competency]`, with its "How to judge this" open. */
  | { kind: 'competency'; id: string }
  /** A glossary entry on the home page. */
  | { kind: 'term'; id: string };

/** A target with the level (`TRACK/LEVEL`) it is on, null on the home page, and a serial number. */
export type Reveal = RevealTarget & { level: string | null; seq: number };

/** A level as `TRACK/LEVEL`, the key links and reveals use. */
export function levelKey(view: LevelView): string {
  return `${view.track_id}/${view.id}`;
}
