// Where things of a case are, in words a reader knows: the form a draft was left in, the
// place a blind-review hint points at, the part of the case a history entry changed.
// Evidence and specialist input are named by their words, never by their ids.

import type { BlindHint } from '../bindings/BlindHint';
import type { Case } from '../bindings/Case';
import { shortText } from './cases';

/** A draft's form in words, and the expectation (an id) or section (`#anchor`) to bring into view. */
export function draftPlace(
  form: string,
  c: Case,
  text: ReadonlyMap<string, string>,
): { label: string; target: string | null } {
  const about = (id: string) => `“${shortText(text.get(id) ?? id, 60)}”`;
  if (form.startsWith('rating/')) {
    const id = form.slice('rating/'.length);
    return { label: `Rating of ${about(id)}`, target: id };
  }
  if (form.startsWith('evidence/new/')) {
    const id = form.slice('evidence/new/'.length);
    return { label: `New evidence on ${about(id)}`, target: id };
  }
  if (form.startsWith('evidence/')) {
    const ev = c.evidence.find((e) => e.id === form.slice('evidence/'.length));
    return ev === undefined
      ? { label: 'A correction of evidence since removed', target: null }
      : { label: `Correction of evidence “${shortText(ev.what, 60)}”`, target: ev.expectations[0] ?? null };
  }
  const sections: Record<string, [string, string]> = {
    specialist: ['Specialist input', 'specialist-title'],
    recommendation: ['Recommendation', 'recommendation-title'],
    decision: ['Decision', 'decision-title'],
  };
  const [label, anchor] = sections[form] ?? [form, ''];
  return { label, target: anchor === '' ? null : `#${anchor}` };
}

/** When the newest of `drafts` was typed, in the person's words. */
export function savedAt(drafts: { saved_at: string }[]): string {
  const newest = drafts.map((d) => d.saved_at).sort().at(-1) ?? '';
  return newest === '' ? 'just now' : newest.replace('T', ' at ').replace(/:\d\dZ$/, ' UTC');
}

/**
 * A blind hint's place in words: evidence and specialist input by what they say (the core
 * names a rating by its expectation's words already, and the other places by their names).
 */
export function hintPlace(hint: BlindHint, c: Case): string {
  const { at } = hint;
  if (at.kind === 'evidence') {
    const ev = c.evidence.find((e) => e.id === at.id);
    if (ev) return `evidence “${shortText(ev.what, 40)}”`;
  } else if (at.kind === 'specialist') {
    const input = c.specialists.find((s) => s.id === at.id);
    if (input) return `the specialist input of ${shortText(input.who, 40)}`;
  }
  return hint.place;
}

/**
 * A history entry of the trash (path `/trash`) in words: the value is `deleted` or
 * `restored`, as the store writes them.
 */
export function trashWords(value: unknown): string {
  return value === 'restored' ? 'Restored from the trash' : 'Deleted (moved to the trash)';
}

/** The part of a case a history entry changed (its JSON pointer `path`), in words. */
export function historyPlace(path: string, c: Case, text: ReadonlyMap<string, string>): string {
  if (path === '') return 'Case started';
  const parts = path.split('/').slice(1).map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'));
  const [head, id, ...rest] = parts;
  const exp = id !== undefined ? text.get(id) : undefined;
  const ev = head === 'evidence' || head === 'specialists' ? id : undefined;
  const evidence = ev !== undefined ? c.evidence.find((e) => e.id === ev) : undefined;
  const input = ev !== undefined ? c.specialists.find((x) => x.id === ev) : undefined;
  // Evidence and specialist input by their words, not their ids; an item since removed
  // is described by the values beside it.
  // A field of the decision, in words.
  const decisionFields: Record<string, string> = {
    promote: 'promotes',
    against_rule: 'reason for going against the promotion rule',
    deciders: 'who decided',
  };
  const what =
    head === 'decision' && id !== undefined
      ? (decisionFields[id] ?? id)
      : exp !== undefined
      ? `“${shortText(exp, 50)}”`
      : evidence !== undefined
        ? `“${shortText(evidence.what, 50)}”`
        : input !== undefined
          ? input.who
          : ev !== undefined
            ? undefined
            : id;
  const fields: Record<string, string> = {
    what: 'what happened',
    when: 'when',
    outcome: 'what came of it',
    reported_by: 'reported by',
    // The field's name in history stored before it was renamed.
    source: 'reported by',
    expectations: 'supports',
    link: 'link',
    said: 'what they said',
    who: 'who',
    craft: 'their craft',
  };
  rest.splice(0, rest.length, ...rest.map((r) => fields[r] ?? r.replaceAll('_', ' ')));
  const field: Record<string, string> = {
    evidence: 'Evidence',
    ratings: 'Rating',
    self_ratings: 'Self-rating',
    specialists: 'Specialist input',
    recommendation: 'Recommendation',
    decision: 'Decision',
  };
  const name = head === undefined ? '' : (field[head] ?? head.replaceAll('_', ' '));
  return [name, what, ...rest].filter((p) => p !== undefined).join(' · ');
}
