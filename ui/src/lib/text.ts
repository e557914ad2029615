// Words the UI builds from data: plurals, labels of tracks, locations of diagnostics.

import type { DiagnosticView } from '../bindings/DiagnosticView';
import type { TrackSummary } from '../bindings/TrackSummary';

/** `1 error`, `2 errors`. */
export function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** What the diagnostics badge says. */
export function problemsLabel(errors: number, warnings: number): string {
  return `${count(errors, 'error', 'errors')}, ${count(warnings, 'warning', 'warnings')}`;
}

/** `path:line:column`, as compilers write it. */
export function location(d: DiagnosticView): string {
  return `${d.path}:${d.line}:${d.column}`;
}

const CAREER_PATHS: Record<string, string> = {
  'individual-contributor': 'Individual contributor',
  manager: 'Manager',
};

/** `individual-contributor` reads as "Individual contributor". */
export function careerPathLabel(careerPath: string): string {
  return CAREER_PATHS[careerPath] ?? capitalise(careerPath.replace(/[-_]+/g, ' '));
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Crafts with a colour of their own; any other gets a neutral one. */
const CRAFTS = ['engineering', 'product', 'design', 'leadership'];

/** The class that gives a track's column its craft colour. */
export function craftClass(craft: string): string {
  const known = CRAFTS.includes(craft) ? craft : 'other';
  return `craft-${known}`;
}

const CAREER_PATH_ORDER = ['individual-contributor', 'manager'];

/**
 * Tracks grouped by craft (engineering, product, design, leadership, then any other
 * in the framework's order), individual contributors before managers within a group.
 */
export function orderTracks(tracks: readonly TrackSummary[]): TrackSummary[] {
  const rank = (list: string[], value: string) => {
    const i = list.indexOf(value);
    return i === -1 ? list.length : i;
  };
  const firstSeen = new Map<string, number>();
  tracks.forEach((t, i) => {
    if (!firstSeen.has(t.craft)) firstSeen.set(t.craft, i);
  });
  return tracks
    .map((track, index) => ({ track, index }))
    .sort(
      (a, b) =>
        rank(CRAFTS, a.track.craft) - rank(CRAFTS, b.track.craft) ||
        (firstSeen.get(a.track.craft) ?? 0) - (firstSeen.get(b.track.craft) ?? 0) ||
        rank(CAREER_PATH_ORDER, a.track.career_path) -
          rank(CAREER_PATH_ORDER, b.track.career_path) ||
        a.index - b.index,
    )
    .map(({ track }) => track);
}

/**
 * The order to show columns of tracks in, as indexes into `columns`: the home grid's
 * order (`orderTracks`), so that a track sits in the same place on every page. A track
 * the framework does not list goes last, in the order it came.
 */
export function columnOrder(columns: readonly { track: string }[], tracks: readonly TrackSummary[]): number[] {
  const ranked = orderTracks(tracks).map((t) => t.id);
  const rank = (id: string) => {
    const i = ranked.indexOf(id);
    return i === -1 ? ranked.length : i;
  };
  return columns
    .map((_, i) => i)
    .sort((a, b) => rank(columns[a]?.track ?? '') - rank(columns[b]?.track ?? '') || a - b);
}

/** `value` escaped for a double-quoted attribute selector. */
export function attributeValue(value: string): string {
  return value.replace(/["\\]/g, '\\$&');
}
