// Which evidence forms of the case page are open, and how each ties to its draft. One per
// case page (CasePage creates it) and shared by its parts, because a form inside one
// expectation's card is opened or closed from elsewhere too: by the link of a restored
// draft, when the case opens on a draft, and by "Discard all drafts".

import type { CaseState } from './cases.svelte';

/** What ties an evidence form to its draft: the props `EvidenceForm` takes for it. */
export type DraftProps = {
  draft: Record<string, string> | null;
  focus: boolean;
  onkeep: (fields: Record<string, string>) => void;
  ondiscard: () => void;
};

export class CaseForms {
  /** The expectation whose new-evidence form is open. */
  adding = $state<string | null>(null);
  /** The piece of evidence being corrected, as `EXPECTATION/EVIDENCE` (one card's copy). */
  editing = $state<string | null>(null);
  /** The draft whose evidence form the case opened by itself: it does not take the focus. */
  quiet = $state<string | null>(null);
  /** Per piece of evidence, the expectation chosen in its "Also supports…" list (shared by its copies). */
  attachTo = $state<Record<string, string>>({});
  /** Counts "Discard all drafts", so the rating forms start again from what is saved. */
  epoch = $state(0);

  readonly #cases: CaseState;

  constructor(cases: CaseState) {
    this.#cases = cases;
  }

  /** The props that tie the evidence form `form` to its draft. */
  evidenceDraft(form: string): DraftProps {
    return {
      draft: this.#cases.draft(form),
      focus: this.quiet !== form,
      onkeep: (fields) => this.#cases.keepDraft(form, fields),
      ondiscard: () => void this.#cases.discardDraft(form),
    };
  }

  /** Says so when a closed form's text stays as a draft. */
  keptAsDraft(form: string): void {
    if (this.quiet === form) this.quiet = null;
    if (this.#cases.draft(form) !== null)
      this.#cases.status = 'What you typed is kept as a draft; the form brings it back when you open it again.';
  }

  /** The evidence form a draft was left in, opened again (a rating or section form is always open). */
  openDraft(form: string): void {
    const rest = form.slice('evidence/'.length);
    if (!form.startsWith('evidence/')) return;
    if (rest.startsWith('new/')) {
      this.adding = rest.slice('new/'.length);
    } else {
      const ev = this.#cases.view?.case.evidence.find((e) => e.id === rest);
      if (ev !== undefined && ev.expectations[0] !== undefined) this.editing = `${ev.expectations[0]}/${ev.id}`;
    }
  }
}
