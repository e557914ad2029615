// The search box's state: what is typed, which filters are on, and the answer to the
// latest search. Typing asks the backend after a short pause; an answer that arrives
// after a newer search was sent is dropped, so the results never go back to an older query.
// While the open framework is still being indexed, a search waits for the index.

import * as ipc from '../ipc';
import type { Filters } from '../bindings/Filters';
import type { Results } from '../bindings/Results';
import { noFilters, sameFilters, searchable } from '../lib/search';
import { Latest } from './latest';

/** How long typing must pause before the backend is asked. */
export const DEBOUNCE_MS = 80;

/** The results of one search, with the query and filters that produced them. */
export type Answer = Results & { query: string; filters: Filters };

export class SearchState {
  /** What is in the box. */
  query = $state('');
  /** The craft the results are narrowed to, if any. */
  craft = $state<string | null>(null);
  /** Whether the results are narrowed to the track of the open level. */
  thisTrack = $state(false);
  /** The answer to the latest search; null while the box is empty. */
  answer = $state.raw<Answer | null>(null);
  /** Why the latest search failed. */
  error = $state<string | null>(null);
  /** The index of the hit that Enter opens. */
  active = $state(0);

  /** The track of the open level, or null when no level is open. */
  readonly #currentTrack: () => string | null;
  /** The searches sent: an answer that arrives after a newer search was sent is dropped. */
  readonly #requests = new Latest();
  #timer: ReturnType<typeof setTimeout> | undefined;

  /** Resolves once the open framework's search index is ready. */
  readonly #untilReady: () => Promise<void>;

  constructor(currentTrack: () => string | null, untilReady: () => Promise<void> = () => Promise.resolve()) {
    this.#currentTrack = currentTrack;
    this.#untilReady = untilReady;
  }

  /** The filters sent with the next search. */
  get filters(): Filters {
    const track = this.thisTrack ? this.#currentTrack() : null;
    return { ...noFilters(), track, craft: track === null ? this.craft : null };
  }

  get hasFilters(): boolean {
    const f = this.filters;
    return f.track !== null || f.craft !== null;
  }

  /** The box changed: search again after a pause, or at once forget the results if it is empty. */
  type(query: string): void {
    this.query = query;
    this.#cancel();
    if (!searchable(query)) {
      this.#forget();
      return;
    }
    this.#timer = setTimeout(() => void this.run(), DEBOUNCE_MS);
  }

  /** Narrows to one craft, or widens again when it is the craft already chosen. */
  toggleCraft(craft: string): void {
    const on = this.filters.craft !== craft;
    this.craft = on ? craft : null;
    if (on) this.thisTrack = false;
    void this.run();
  }

  /** Narrows to the open level's track, or widens again. */
  toggleThisTrack(): void {
    const on = this.filters.track === null;
    this.thisTrack = on;
    if (on) this.craft = null;
    void this.run();
  }

  clearFilters(): void {
    this.craft = null;
    this.thisTrack = false;
    void this.run();
  }

  /** Searches again if what is shown no longer answers the box and the filters (the page changed). */
  refresh(): void {
    const answer = this.answer;
    if (!searchable(this.query)) return;
    if (answer === null || answer.query !== this.query || !sameFilters(answer.filters, this.filters)) {
      void this.run();
    }
  }

  /** Searches now for what is in the box. */
  async run(): Promise<void> {
    this.#cancel();
    const query = this.query;
    const filters = this.filters;
    if (!searchable(query)) {
      this.#forget();
      return;
    }
    await this.#requests.run(
      // Typed while the index is being built: runs once it is ready, unless a newer search
      // was typed meanwhile (then only that one counts).
      async (request) => {
        await this.#untilReady();
        // A newer search was typed meanwhile: its answer is the one wanted.
        if (!request.current()) throw new Error('superseded');
        return ipc.search(query, filters);
      },
      (results) => {
        this.answer = { ...results, query, filters };
        this.error = null;
        this.active = 0;
      },
      (error) => {
        this.answer = null;
        this.error = ipc.errorMessage(error);
      },
    );
  }

  /** Moves the active hit by `delta`, round the ends. */
  move(delta: number): void {
    const count = this.answer?.hits.length ?? 0;
    if (count === 0) return;
    this.active = (((this.active + delta) % count) + count) % count;
  }

  /** Empties the box and forgets everything, filters included (another framework opened). */
  reset(): void {
    this.query = '';
    this.craft = null;
    this.thisTrack = false;
    this.#cancel();
    this.#forget();
  }

  #forget(): void {
    this.#requests.drop(); // an answer on its way is no longer wanted
    this.answer = null;
    this.error = null;
    this.active = 0;
  }

  #cancel(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
