// Pure helpers of the calibration grid: where the keyboard goes next, how a cell's
// evidence reads in a few words, and the warnings' kinds in words.

import type { CellRef } from '../../bindings/CellRef';
import type { OtherRating } from '../../bindings/OtherRating';
import type { ScaleStep } from '../../bindings/ScaleStep';
import type { Strength } from '../../bindings/Strength';
import type { WarningKind } from '../../bindings/WarningKind';

/** A place in the grid: row, column, and which of the case's expectations in that cell. */
export type Position = { r: number; c: number; i: number };

/**
 * How many expectations each cell holds, by row then column; a cell with none still
 * counts as one place the focus can rest on.
 */
export type Shape = number[][];

/** The key of a cell, as warnings name it. */
export function cellKey(caseId: string, expectation: string): string {
  return `${caseId}\u0000${expectation}`;
}

/** Where `key` moves the focus from `at`; null when the key is not a move. */
export function move(at: Position, key: string, shape: Shape, ctrl = false): Position | null {
  const rows = shape.length;
  if (rows === 0) return null;
  const columns = shape[0]?.length ?? 0;
  const size = (r: number, c: number) => Math.max(1, shape[r]?.[c] ?? 1);
  const clamp = (r: number, c: number, i: number): Position => ({ r, c, i: Math.min(i, size(r, c) - 1) });
  switch (key) {
    case 'ArrowDown':
      if (at.i + 1 < size(at.r, at.c)) return { ...at, i: at.i + 1 };
      return at.r + 1 < rows ? { r: at.r + 1, c: at.c, i: 0 } : at;
    case 'ArrowUp':
      if (at.i > 0) return { ...at, i: at.i - 1 };
      return at.r > 0 ? { r: at.r - 1, c: at.c, i: size(at.r - 1, at.c) - 1 } : at;
    case 'ArrowRight':
      return at.c + 1 < columns ? clamp(at.r, at.c + 1, at.i) : at;
    case 'ArrowLeft':
      return at.c > 0 ? clamp(at.r, at.c - 1, at.i) : at;
    case 'Home':
      return ctrl ? { r: 0, c: 0, i: 0 } : { r: at.r, c: 0, i: 0 };
    case 'End':
      return ctrl ? { r: rows - 1, c: columns - 1, i: 0 } : { r: at.r, c: columns - 1, i: 0 };
    case 'PageDown':
      return clamp(Math.min(rows - 1, at.r + 5), at.c, 0);
    case 'PageUp':
      return clamp(Math.max(0, at.r - 5), at.c, 0);
    default:
      return null;
  }
}

/** How a cell's evidence holds up, for its look. */
export type Tone = 'none' | 'self-only' | 'weak' | 'thin' | 'corroborated';

/** A cell's evidence in a few words, with its tone and the longer sentence for the tooltip. */
export function strength(s: Strength): { tone: Tone; short: string; long: string } {
  if (s.items === 0) return { tone: 'none', short: 'No evidence', long: 'No evidence is attached.' };
  const sources = [
    [s.by_owner, 'the owner'],
    [s.by_peer, 'peers'],
    [s.by_specialist, 'specialists'],
    [s.by_candidate, 'the candidate'],
  ] as const;
  const from = sources.filter(([n]) => n > 0);
  const items = s.items === 1 ? '1 item' : `${s.items} items`;
  const weak = s.weak > 0 ? ` · ${s.weak} weak` : '';
  const long = `${items}, from ${from.map(([n, who]) => `${who} (${n})`).join(', ')}${
    s.weak > 0 ? `; ${s.weak} flagged as weak` : ''
  }.`;
  if (s.by_candidate === s.items) return { tone: 'self-only', short: `${items} · only their own`, long };
  const count = from.length === 1 ? '1 source' : `${from.length} sources`;
  const tone: Tone = s.weak > 0 ? 'weak' : s.corroborated ? 'corroborated' : 'thin';
  return { tone, short: `${items} · ${count}${weak}`, long };
}

/** A step of the scale by its id, in words; the id when the scale does not know it. */
export function stepName(scale: readonly ScaleStep[], id: string | null): string {
  if (id === null) return 'unrated';
  return scale.find((s) => s.id === id)?.name ?? id;
}

/** Where a rating sits on the scale, 1 for the lowest; 0 when unrated or off the scale. */
export function stepPosition(scale: readonly ScaleStep[], id: string | null): number {
  return id === null ? 0 : scale.findIndex((s) => s.id === id) + 1;
}

/** Another rater, in a word or two for the cell: Self, R1, S1, or a first name. */
export function raterShort(o: OtherRating): string {
  if (o.role === 'candidate') return 'Self';
  const numbered = /^(Reviewer|Specialist) (\d+)$/.exec(o.who);
  if (numbered) return `${numbered[1]?.[0] ?? ''}${numbered[2] ?? ''}`;
  return o.who.split(/\s+/)[0] ?? o.who;
}

/** Another rater, in full words for the tooltip. */
export function raterLong(o: OtherRating): string {
  switch (o.role) {
    case 'candidate':
      return 'The candidate';
    case 'specialist':
      return /^Specialist \d+$/.test(o.who) ? o.who : `${o.who} (specialist)`;
    case 'reviewer':
      return /^Reviewer \d+$/.test(o.who) ? o.who : `${o.who} (reviewer)`;
    case 'owner':
      return o.who;
  }
}

/** The warnings' kinds in words, in the order a committee reads them. */
export const WARNING_KINDS: Record<WarningKind, string> = {
  'unequal-evidence': 'Same rating, unequal evidence',
  'high-on-weak': 'High rating on weak evidence',
  'judges-person': 'Judges the person',
  recency: 'Recency',
  leniency: 'Owner leniency',
  'specialist-departed': 'Specialist’s view departed from',
  'decision-out-of-line': 'Decision out of line',
  compression: 'Compression',
};

/** Whether a warning's reference names this cell (or, with no expectation, its whole case). */
export function names(ref: CellRef, caseId: string, expectation: string | null): boolean {
  return ref.case === caseId && (ref.expectation === null || ref.expectation === undefined || ref.expectation === expectation);
}
