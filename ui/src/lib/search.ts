// Words and pieces the search panel builds from the backend's results, as pure functions.

import type { Filters } from '../bindings/Filters';
import type { Hit } from '../bindings/Hit';
import type { HitKind } from '../bindings/HitKind';
import type { TrackSummary } from '../bindings/TrackSummary';
import { capitalise, orderTracks } from './text';

/** What each kind of hit is called in its tag. */
export const KIND_LABELS: Record<HitKind, string> = {
  expectation: 'Expectation',
  level: 'Level',
  dimension: 'Dimension',
  competency: 'Competency',
  term: 'Glossary',
};

/** A run of a snippet's text, marked when the query matched it. */
export type SnippetPart = { text: string; mark: boolean };

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (entity, name: string) => {
    const lower = name.toLowerCase();
    if (lower.startsWith('#')) {
      const code = lower.startsWith('#x') ? parseInt(lower.slice(2), 16) : parseInt(lower.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return ENTITIES[lower] ?? entity;
  });
}

/**
 * Splits a snippet (escaped text whose only markup is `<mark>`) into runs of plain and
 * marked text. Anything else that looks like markup stays text: the panel renders the
 * runs as text nodes, never as HTML.
 */
export function snippetParts(html: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let mark = false;
  for (const piece of html.split(/(<\/?mark>)/i)) {
    const tag = piece.toLowerCase();
    if (tag === '<mark>') mark = true;
    else if (tag === '</mark>') mark = false;
    else if (piece !== '') {
      const text = decode(piece);
      const last = parts.at(-1);
      if (last && last.mark === mark) last.text += text;
      else parts.push({ text, mark });
    }
  }
  return parts;
}

/** The words a snippet marks, without repeats, as they are written. */
export function markedWords(parts: readonly SnippetPart[]): string[] {
  return [...new Set(parts.filter((p) => p.mark).map((p) => p.text.trim()).filter((w) => w !== ''))];
}

/** Where a hit sits: its track and level, leaving out what its title already says. */
export function hitPlace(hit: Hit, tracks: readonly TrackSummary[]): string {
  const track = hit.track === null ? undefined : tracks.find((t) => t.id === hit.track);
  const level = hit.level === null ? undefined : track?.levels.find((l) => l.id === hit.level);
  const names = [track?.name ?? hit.track, level?.title ?? hit.level];
  return names
    .filter((name): name is string => name !== null && name !== undefined && name !== '' && name !== hit.title)
    .join(' · ');
}

/** The crafts of the framework, in the order of the home page's columns. */
export function crafts(tracks: readonly TrackSummary[]): string[] {
  return [...new Set(orderTracks(tracks).map((t) => t.craft))];
}

/** `design` reads as "Design", `people-ops` as "People ops". */
export function craftLabel(craft: string): string {
  return capitalise(craft.replace(/[-_]+/g, ' '));
}

/** Whether a query has anything to look for: quotes and punctuation alone do not. */
export function searchable(query: string): boolean {
  return /[\p{L}\p{N}]/u.test(query);
}

/** No filter at all. */
export function noFilters(): Filters {
  return { track: null, craft: null, level: null, band: null, competency: null };
}

/** Two filters narrow the same way. */
export function sameFilters(a: Filters, b: Filters): boolean {
  return (
    a.track === b.track &&
    a.craft === b.craft &&
    a.level === b.level &&
    a.band === b.band &&
    a.competency === b.competency
  );
}

/** `1 result`, `12 results`; `the best 30 of 112` when the list stops short. */
export function resultsLabel(shown: number, total: number): string {
  if (total > shown) return `The best ${shown} of ${total} results`;
  return `${total} ${total === 1 ? 'result' : 'results'}`;
}
