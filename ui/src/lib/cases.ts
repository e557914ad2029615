// Pure helpers of the case screens: labels, short texts, the lookups the editor's parts
// share, and the gap list's groups.

import type { CaseView } from '../bindings/CaseView';
import type { Drifted } from '../bindings/Drifted';
import type { Finding } from '../bindings/Finding';
import type { FrameworkView } from '../bindings/FrameworkView';
import type { Names } from '../bindings/Names';
import type { RatingPair } from '../bindings/RatingPair';
import type { Reporter } from '../bindings/Reporter';

/** Who reported a piece of evidence, as a reader says it. */
export const REPORTERS: { id: Reporter; label: string }[] = [
  { id: 'owner', label: 'Case owner' },
  { id: 'peer', label: 'Peer' },
  { id: 'specialist', label: 'Specialist' },
  { id: 'self', label: 'Self-reported' },
];

export function reporterLabel(reporter: Reporter): string {
  return REPORTERS.find((r) => r.id === reporter)?.label ?? reporter;
}

/** An expectation's markdown as one short line of plain words. */
export function shortText(markdown: string, max = 90): string {
  const plain = markdown
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`#>]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (plain.length <= max) return plain;
  const cut = plain.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}

/** An expectation's markdown as plain words, whole. */
export function plainText(markdown: string): string {
  return shortText(markdown, Number.POSITIVE_INFINITY);
}

/** The element id of an expectation's card in the editor. */
export function cardId(expectation: string): string {
  return `x-${expectation.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

/** What the parts of the case editor look up by expectation id, built once per case view. */
export type CaseIndex = {
  /** An expectation's words as HTML, glossary terms marked. */
  html: ReadonlyMap<string, string>;
  /** An expectation's words as markdown, as the case pinned them. */
  text: ReadonlyMap<string, string>;
  /** The self-rating beside the owner's rating. */
  pairs: ReadonlyMap<string, RatingPair>;
  /** How an expectation reads differently in the framework now. */
  drift: ReadonlyMap<string, Drifted>;
  /** The name of a step of the case's scale, by its id. */
  scaleName: ReadonlyMap<string, string>;
};

export function caseIndex(view: CaseView): CaseIndex {
  return {
    html: new Map(view.texts.map((t) => [t.id, t.html])),
    text: new Map(view.case.expectations.map((e) => [e.id, e.text])),
    pairs: new Map(view.ratings.map((p) => [p.expectation, p])),
    drift: new Map((view.drift?.changes ?? []).map((d) => [d.id, d])),
    scaleName: new Map(view.case.framework.scale.map((s) => [s.id, s.name])),
  };
}

/** One group of the gap list. */
export type GapGroup = {
  key: 'no-evidence' | 'self-only' | 'judges-person' | 'unrated' | 'no-reason' | 'differs' | 'no-specialist' | 'weak';
  title: string;
  /** What to do about it, in a few words. */
  hint: string;
  ids: string[];
};

/**
 * The gaps of a case, worst first. A self-assessment has no "only self-reported" group:
 * all of its evidence is the person's own.
 */
export function gapGroups(view: CaseView): GapGroup[] {
  const c = view.coverage;
  const weak = new Set(
    view.findings.flatMap((f) => view.case.evidence.find((e) => e.id === f.evidence)?.expectations ?? []),
  );
  const order = view.case.expectations.map((e) => e.id);
  const groups: GapGroup[] = [
    { key: 'no-evidence', title: 'No evidence', hint: 'add what happened', ids: c.no_evidence },
    {
      key: 'self-only',
      title: 'Only self-reported',
      hint: 'ask someone who saw it',
      ids: view.case.self_assessment ? [] : c.self_only,
    },
    {
      key: 'judges-person',
      title: 'Only words about the person',
      hint: 'reword it as what they did; until then it does not count',
      ids: c.judges_person,
    },
    { key: 'unrated', title: 'Not rated', hint: 'choose a rating', ids: c.unrated },
    { key: 'no-reason', title: 'Rated without a reason', hint: 'say why', ids: c.no_reason },
    {
      key: 'differs',
      title: "Your rating differs from a specialist's",
      hint: 'say why',
      ids: [...new Set((c.unexplained ?? []).map((d) => d.expectation))],
    },
    { key: 'no-specialist', title: 'No specialist view yet', hint: 'ask someone of the craft', ids: c.no_specialist ?? [] },
    { key: 'weak', title: 'Weak evidence', hint: 'see the suggestion', ids: order.filter((id) => weak.has(id)) },
  ];
  return groups.filter((g) => g.ids.length > 0);
}

/** Whether a piece of evidence judges the person: it supports nothing until reworded. */
export function judgesPerson(view: CaseView, evidence: string): boolean {
  return view.findings.some((f) => f.evidence === evidence && f.weakness === 'personality');
}

/** The findings about one piece of evidence. */
export function findingsOf(view: CaseView, evidence: string): Finding[] {
  return view.findings.filter((f) => f.evidence === evidence);
}

/** What a case or a line of the case list says of its track and levels. */
type Placed = { track: string; current_level: string; target_level: string; names?: Names | null };

/**
 * A case's track as a reader knows it: the name the case pinned, else the open
 * framework's, else (a case of a framework not open) its id.
 */
export function caseTrack(c: Placed, framework: FrameworkView | null): string {
  return c.names?.track ?? framework?.tracks.find((x) => x.id === c.track)?.name ?? c.track;
}

/**
 * A case's level as `Senior Product Designer (band 4)`: never the bare id, which means
 * different things on different tracks, unless nothing else is known.
 */
export function caseLevel(c: Placed, which: 'current' | 'target', framework: FrameworkView | null): string {
  const pinned = c.names?.[which];
  if (pinned) return `${pinned.title} (band ${pinned.band})`;
  const id = which === 'current' ? c.current_level : c.target_level;
  const level = framework?.tracks.find((x) => x.id === c.track)?.levels.find((l) => l.id === id);
  return level ? `${level.title} (band ${level.band})` : id;
}

/** A phrase as a sentence: its first letter capital, a full stop at the end. */
export function sentence(text: string): string {
  const t = text.trim();
  if (t === '') return t;
  const end = /[.!?…]$/.test(t) ? '' : '.';
  return t.charAt(0).toUpperCase() + t.slice(1) + end;
}

/** Today as `YYYY-MM-DD`, for a decision's date. */
export function today(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * A value from a case's history as a reader says it: a rating with its reason, evidence
 * as what happened, an expectation by its words rather than its ID.
 */
export function describeValue(
  value: unknown,
  scale: ReadonlyMap<string, string>,
  texts: ReadonlyMap<string, string>,
): string {
  if (value === undefined || value === null) return '—';
  if (typeof value === 'string') {
    const text = texts.get(value);
    if (text !== undefined) return `“${shortText(text, 60)}”`;
    return value === '' ? '(empty)' : (scale.get(value) ?? value);
  }
  if (Array.isArray(value)) {
    return value.length === 0 ? '(none)' : value.map((v) => describeValue(v, scale, texts)).join(', ');
  }
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value !== 'object') return String(value);
  const o = value as Record<string, unknown>;
  const str = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : '');
  if ('rating' in o && 'reason' in o) {
    const reason = str('reason');
    return `${scale.get(str('rating')) ?? str('rating')}${reason === '' ? ' (no reason)' : ` — ${reason}`}`;
  }
  if ('what' in o) {
    const when = str('when');
    const outcome = str('outcome');
    // History stored before the field was renamed calls it `source`.
    const key = 'reported_by' in o ? 'reported_by' : 'source';
    const by = REPORTERS.find((r) => r.id === o[key])?.label ?? str(key);
    return `${by}: ${str('what')}${when ? ` (${when})` : ''}${outcome ? ` → ${outcome}` : ''}`;
  }
  if ('who' in o && 'said' in o) return `${str('who')} (${str('craft')}): ${str('said')}`;
  if ('outcome' in o && 'rationale' in o) {
    const promotes = o.promote === true ? ', promotes' : '';
    const against = str('against_rule') === '' ? '' : `, against the promotion rule because “${str('against_rule')}”`;
    return `${str('outcome')}: ${str('rationale')}${promotes}${against}`;
  }
  return JSON.stringify(value);
}
