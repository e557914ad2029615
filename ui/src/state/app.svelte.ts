// The state of the window: which framework is open, which page shows, what went wrong.
// One `AppState` per window (App creates it), so tests start from a clean slate. Every
// call to the backend goes through `ipc.ts`; this module decides what the UI does with
// the answer.

import * as ipc from '../ipc';
import { sealing } from './sealing.svelte';
import type { FileToOpen } from '../bindings/FileToOpen';
import type { FrameworkView } from '../bindings/FrameworkView';
import type { Hit } from '../bindings/Hit';
import type { ImportReportView } from '../bindings/ImportReportView';
import type { LastView } from '../bindings/LastView';
import type { LevelRef } from '../bindings/LevelRef';
import type { LevelView } from '../bindings/LevelView';
import type { TermView } from '../bindings/TermView';
import { markedWords, snippetParts } from '../lib/search';
import { orderTracks } from '../lib/text';
import { SearchState } from './search.svelte';
import { LoadingState } from './loading.svelte';
import { CaseState } from './cases.svelte';
import { CalibrationState, usualBand } from './calibration.svelte';
import { ImportState } from './import.svelte';
import { Latest, type Request } from './latest';
import { levelKey, type Page, type Reveal, type RevealTarget } from './page';

export class AppState {
  /** The open framework, or null before one opened. */
  framework = $state.raw<FrameworkView | null>(null);
  /** The page the main area shows, with what it shows. */
  showing = $state.raw<Page>({ page: 'loading' });
  /** The sentence of the last failure, shown in the error banner. */
  error = $state<string | null>(null);
  /** What is being opened right now, for a quiet status line. */
  busy = $state<string | null>(null);
  diagnosticsOpen = $state(false);
  /** The report of the last "Import a framework…", shown until the person hides it. */
  importReport = $state.raw<ImportReportView | null>(null);
  /** Hide expectations inherited from lower levels. */
  onlyNew = $state(false);
  /** The track whose role definition is open on the home page. */
  roleTrack = $state<string | null>(null);
  /** `TRACK/LEVEL` of the level last shown, so home can give its link the focus back. */
  returnTo = $state<string | null>(null);
  /** A quiet message about something that happened on its own, such as a reload. */
  notice = $state<string | null>(null);
  /**
   * How many times the shell said the open framework changed on disk. The shell says so
   * only when a file's content changed; the end-to-end test reads this from the page.
   */
  reloads = $state(0);
  /** What the page should bring into view; pages claim it once (`claimReveal`). */
  reveal = $state.raw<Reveal | null>(null);

  /** Promotion cases and self-assessments. */
  readonly cases = new CaseState(
    (message) => (this.error = message),
    (message) => (this.notice = message),
  );

  /** Promotion cases side by side, for calibration. */
  readonly calibration = new CalibrationState((message) => (this.error = message));

  /** "Import a framework…": the panel that picks the source and its options. */
  readonly importer = new ImportState((message) => (this.error = message));

  /** How far opening the framework has got; search waits for its index. */
  readonly loading = new LoadingState();

  readonly search = new SearchState(
    () => (this.showing.page === 'level' ? this.showing.level.track_id : null),
    () => this.loading.untilReady(),
  );

  glossary: Map<string, TermView> = $derived(
    new Map((this.framework?.glossary ?? []).map((term) => [term.id, term])),
  );

  isBundled: boolean = $derived(this.framework?.source.kind === 'bundled');

  /** The pages asked for: an answer that arrives after a newer request is dropped. */
  readonly #requests = new Latest();
  #revealSeq = 0;
  /** The serial number of the last reveal a page acted on; not state, so claiming re-runs nothing. */
  #claimed = 0;

  /** Set while the page of the last session is being brought back; nothing is remembered meanwhile. */
  #restoring = $state(false);
  /** The page last handed to the shell to remember, as JSON. */
  #remembered: string | null = null;
  /** The files handed to Rung that the window has acted on, by token: each once. */
  readonly #filesOpened = new Set<number>();

  /** Opens whatever the shell opens at startup, then the page the person was on last time. */
  async start(): Promise<void> {
    this.#restoring = true;
    try {
      await this.#openWith('Opening the framework…', () => ipc.openStartup());
      if (this.framework === null) return;
      let last: LastView | null = null;
      try {
        last = await ipc.lastView();
      } catch {
        // Nothing remembered is the same as home.
      }
      if (last !== null && last.page !== 'home') await this.#restore(last);
    } finally {
      this.#restoring = false;
    }
    // A file double-clicked to start Rung opens its import over whatever came back.
    let waiting: FileToOpen | null = null;
    try {
      waiting = await ipc.pendingOpen();
    } catch {
      // Nothing waiting is the same as no file.
    }
    if (waiting !== null) await this.openFile(waiting);
  }

  /**
   * A file handed to Rung while the window is up (the shell's `open-file` event). Before
   * the first framework is open, `start` asks for it instead.
   */
  async fileArrived(file: FileToOpen): Promise<void> {
    if (this.showing.page === 'loading') return;
    await this.openFile(file);
  }

  /**
   * Opens the import for a file handed to Rung, once per file: a case file is imported
   * as "Import a case file…" would (asking for its passphrase when it has one) and the
   * case opens; a framework page opens "Import a framework…" on it. A file Rung refused
   * says why.
   */
  async openFile(file: FileToOpen): Promise<void> {
    if (this.#filesOpened.has(file.token)) return;
    this.#filesOpened.add(file.token);
    switch (file.kind) {
      case 'refused':
        this.error = file.message;
        return;
      case 'case':
        await this.openCases();
        if (this.showing.page !== 'cases') return;
        await this.importCase(file.token, file.name);
        return;
      case 'framework':
        this.importFramework();
        await this.importer.pick(false, file.token);
        return;
    }
  }

  async #restore(view: LastView): Promise<void> {
    const restoring = this.#requests.next();
    switch (view.page) {
      case 'level':
        await this.openLevel(view.track, view.level);
        break;
      case 'compare':
        await this.openCompare(view.track, view.from, view.to);
        break;
      case 'band':
        await this.openBand(view.band);
        break;
      case 'cases':
        await this.openCases();
        return;
      case 'case':
        await this.openCase(view.id);
        break;
      case 'home':
        return;
    }
    // The person went somewhere meanwhile, or the page is shown: nothing to say.
    if (!restoring.current() || this.showing.page !== 'home') return;
    // What was open last time is gone (renamed in the framework, or a deleted case).
    this.error = null;
    this.notice = 'The page you were on last time is no longer there; Rung opened the tracks and levels instead.';
  }

  /** The page showing now, as the shell remembers it for the next launch; null while none is. */
  get currentView(): LastView | null {
    const shown = this.showing;
    switch (shown.page) {
      case 'home':
        return { page: 'home' };
      case 'level':
        return { page: 'level', track: shown.level.track_id, level: shown.level.id };
      case 'compare':
        return { page: 'compare', track: shown.delta.track, from: shown.delta.from.id, to: shown.delta.to.id };
      case 'band':
        return { page: 'band', band: shown.band.band };
      case 'cases':
        return { page: 'cases' };
      case 'case':
        return { page: 'case', id: shown.id };
      // An answer is not kept between launches: the request file is, so the cases page opens.
      case 'answer':
      // Nor is a reviewer's copy being rated: the file is.
      case 'review':
        return { page: 'cases' };
      // A calibration starts blind from its list each launch.
      case 'calibrate':
        return { page: 'cases' };
      // "About Rung" is not a place to come back to: the page before it stays remembered.
      case 'about':
      case 'loading':
      case 'failed':
        return null;
    }
  }

  /** Hands the page showing now to the shell to remember, when it changed (App runs it in an effect). */
  rememberView(): void {
    const view = this.currentView;
    if (this.#restoring || view === null) return;
    const key = JSON.stringify(view);
    if (key === this.#remembered) return;
    this.#remembered = key;
    // Only a convenience for the next launch: a failure to remember is not worth a banner.
    ipc.rememberView(view).catch(() => (this.#remembered = null));
  }

  /** Opens the framework built into Rung. */
  openBundled(): Promise<void> {
    return this.#openWith('Opening the bundled framework…', () =>
      ipc.openFramework({ kind: 'bundled' }),
    );
  }

  /** Lets the person pick a folder; nothing changes if they cancel. */
  chooseFolder(): Promise<void> {
    return this.#openWith('Opening the folder…', () => ipc.chooseFolder());
  }

  /** "Import a framework…": shows the panel that picks the source and its options. */
  importFramework(): void {
    this.error = null;
    this.importer.begin();
  }

  /**
   * The import panel's Import: the shell asks for an empty folder and imports there; the
   * report is kept to show, and the written folder opens. Nothing changes if the person
   * cancels. The window stays usable meanwhile, and what the person opens meanwhile does
   * not drop the report.
   */
  async runImport(): Promise<void> {
    this.error = null;
    const report = await this.importer.run();
    if (report === null) return;
    this.importReport = report;
    await this.#openWith('Opening the imported framework…', () =>
      ipc.openFramework({ kind: 'folder', path: report.folder }),
    );
  }

  #openWith(what: string, open: () => Promise<FrameworkView | null>): Promise<void> {
    // How far the shell has got is asked until the framework is open and search is ready.
    this.loading.begin();
    return this.#load(
      what,
      open,
      (framework) => {
        if (framework === null) {
          // Cancelled: keep what is open.
          if (this.framework === null) this.showing = { page: 'failed' };
          return;
        }
        this.framework = framework;
        this.showing = { page: 'home' };
        this.error = null;
        this.roleTrack = null;
        this.returnTo = null;
        this.reveal = null;
        this.search.reset();
        this.diagnosticsOpen = framework.errors > 0;
      },
      (error) => {
        this.error = ipc.errorMessage(error);
        if (this.framework === null) this.showing = { page: 'failed' };
      },
    ).finally(() => this.loading.settle());
  }

  /**
   * Asks the backend for what a page shows, as the latest request: `busy` says `what`
   * meanwhile, and `done` or `failed` (by default: the error banner) runs only if the
   * person asked for nothing else before the answer came.
   */
  #load<T>(
    what: string,
    work: (request: Request) => Promise<T>,
    done: (value: T) => void,
    failed: (error: unknown) => void = (error) => this.#fail(error),
  ): Promise<void> {
    this.busy = what;
    return this.#requests.run(
      work,
      (value) => {
        done(value);
        this.busy = null;
      },
      (error) => {
        failed(error);
        this.busy = null;
      },
    );
  }

  /** Shows why a request failed in the error banner. */
  #fail(error: unknown): void {
    this.error = ipc.errorMessage(error);
  }

  /**
   * The open folder changed on disk and the shell reloaded it: show the new version,
   * keep the person where they are (the pages keep their scroll, open sections, focus
   * and forms), and say what happened.
   */
  async reloaded(framework: FrameworkView): Promise<void> {
    const open = this.framework;
    if (open === null || JSON.stringify(open.source) !== JSON.stringify(framework.source)) return;
    this.reloads++;
    this.framework = framework;
    if (framework.errors > 0) this.diagnosticsOpen = true;
    const shown = this.showing;
    if (shown.page === 'compare' || shown.page === 'band') {
      await this.#refreshComparison(shown);
      return;
    }
    if (shown.page === 'calibrate') {
      await this.calibration.load();
      this.notice = 'The framework changed on disk; the calibration shows the new version.';
      return;
    }
    if (shown.page === 'case') {
      // What changed in the framework since the case began may have changed too.
      const id = shown.id;
      await this.cases.open(id);
      // Only while that case still shows: the person may have moved on meanwhile.
      if (this.showing.page === 'case' && this.cases.view?.case.id === id)
        this.notice = 'The framework changed on disk; the case shows what changed since it began.';
      return;
    }
    const level = shown.page === 'level' ? shown.level : null;
    if (level === null) {
      this.notice = 'The framework changed on disk; Rung shows the new version.';
      return;
    }
    const stillThere = framework.tracks.some(
      (t) => t.id === level.track_id && t.levels.some((l) => l.id === level.id),
    );
    if (!stillThere) {
      this.goHome();
      this.notice = `“${level.title}” is no longer in the framework; it was removed or renamed on disk.`;
      return;
    }
    // The person asked for something meanwhile: its answer is already the new version,
    // and asking again here would leave it waiting forever.
    if (this.busy !== null) return;
    await this.#requests.run(
      () => ipc.levelView(level.track_id, level.id),
      (view) => {
        if (JSON.stringify(view) === JSON.stringify(level)) {
          this.notice = 'The framework changed on disk; this level did not.';
          return;
        }
        this.showing = { page: 'level', level: view };
        this.notice = 'This level changed on disk; Rung shows the new version.';
      },
      (error) => this.#fail(error),
    );
  }

  /** Shows one level of a track, then brings `target` into view if one is given. */
  openLevel(track: string, level: string, target: RevealTarget | null = null): Promise<void> {
    return this.#load(
      'Opening the level…',
      () => ipc.levelView(track, level),
      (view) => this.#show(view, target),
    );
  }

  #show(view: LevelView, target: RevealTarget | null): void {
    // An inherited expectation hides under "Only what is new": show it.
    if (
      target?.kind === 'expectation' &&
      this.onlyNew &&
      view.competencies.some((c) => c.expectations.some((e) => e.id === target.id && e.inherited))
    ) {
      this.onlyNew = false;
    }
    this.showing = { page: 'level', level: view };
    this.error = null;
    this.returnTo = levelKey(view);
    this.reveal = target === null ? null : { ...target, level: levelKey(view), seq: ++this.#revealSeq };
  }

  /** Moves to the level below (`previous`) or above (`next`) the one shown. */
  step(direction: 'previous' | 'next'): Promise<void> {
    if (this.showing.page !== 'level') return Promise.resolve();
    const level = this.showing.level;
    const target: LevelRef | null = level[direction];
    if (target === null) return Promise.resolve();
    return this.openLevel(level.track_id, target.id);
  }

  /**
   * Shows what changes from level `from` of `track` to `to` (the next level when null).
   */
  openCompare(track: string, from: string, to: string | null): Promise<void> {
    return this.#openPage(
      'Comparing the levels…',
      () => ipc.levelDelta(track, from, to),
      (delta) => (this.showing = { page: 'compare', delta }),
    );
  }

  /** Shows every track's level on band `band`, side by side. */
  openBand(band: number): Promise<void> {
    return this.#openPage(
      'Lining up the band…',
      () => ipc.bandComparison(band),
      (band) => (this.showing = { page: 'band', band }),
    );
  }

  #openPage<T>(what: string, fetch: () => Promise<T>, show: (value: T) => void): Promise<void> {
    return this.#load(what, fetch, (value) => {
      show(value);
      this.error = null;
      this.reveal = null;
    });
  }

  /** After a reload: the comparison again, or home with a notice when it no longer exists. */
  async #refreshComparison(shown: Extract<Page, { page: 'compare' | 'band' }>): Promise<void> {
    // The person asked for something meanwhile: its answer is already the new version.
    if (this.busy !== null) return;
    await this.#requests.run<Page>(
      async () => {
        if (shown.page === 'band') return { page: 'band', band: await ipc.bandComparison(shown.band.band) };
        const d = shown.delta;
        return { page: 'compare', delta: await ipc.levelDelta(d.track, d.from.id, d.to.id) };
      },
      (page) => {
        this.showing = page;
        this.notice = 'The framework changed on disk; Rung shows the new version.';
      },
      () => {
        this.goHome();
        this.notice = 'What you were comparing is no longer in the framework; it changed on disk.';
      },
    );
  }

  /** "About Rung". */
  openAbout(): void {
    this.#requests.drop();
    this.busy = null;
    this.showing = { page: 'about' };
    this.reveal = null;
    this.notice = null;
  }

  /** The list of cases. */
  async openCases(): Promise<void> {
    this.#requests.drop();
    this.busy = null;
    this.showing = { page: 'cases' };
    this.reveal = null;
    this.notice = null;
    await this.cases.refresh();
  }

  /**
   * Several promotion cases side by side: the set shown last, read again, else the usual
   * set (the candidates of one band across crafts).
   */
  async openCalibrate(): Promise<void> {
    this.#requests.drop();
    this.busy = null;
    this.showing = { page: 'calibrate' };
    this.reveal = null;
    this.notice = null;
    await this.cases.refresh();
    if (this.showing.page !== 'calibrate') return;
    if (this.calibration.chosen) {
      await this.calibration.load();
      return;
    }
    const band = usualBand(this.cases.list ?? [], this.framework);
    await this.calibration.choose(band === null ? {} : { band });
  }

  /** One case in the editor. */
  openCase(id: string): Promise<void> {
    return this.#load(
      'Opening the case…',
      (request) => this.cases.open(id, request),
      (opened) => {
        if (!opened) return;
        this.showing = { page: 'case', id };
        this.notice = null;
      },
    );
  }

  /** Starts a case and opens it. */
  async newCase(c: ipc.NewCase): Promise<boolean> {
    const started = await this.cases.create(c);
    if (started && this.cases.view !== null) {
      this.#requests.drop();
      this.showing = { page: 'case', id: this.cases.view.case.id };
    }
    return started;
  }

  /**
   * Brings in a case file (the one handed to Rung named `waiting`, called `name`, else one
   * picked) and opens what it was: a case added, a case with a reviewer's rated copy taken
   * in, or a reviewer's copy to rate; says which. Resolves to whether anything opened.
   */
  async importCase(waiting: number | null = null, name: string | null = null): Promise<boolean> {
    const arrived = await this.cases.importCase(waiting);
    if (arrived === null) return false;
    this.#requests.drop();
    this.busy = null;
    this.error = null;
    switch (arrived.kind) {
      case 'case':
        this.showing = { page: 'case', id: arrived.view.case.id };
        this.notice = name === null ? null : `Imported the case file ${name}.`;
        return true;
      case 'review':
        this.showing = { page: 'case', id: arrived.view.case.id };
        this.notice = `Took ${arrived.reviewer}'s review${name === null ? '' : ` (${name})`} into this case: their ratings are under Reviewers.`;
        return true;
      case 'rate':
        this.showing = { page: 'review', review: arrived.copy };
        this.notice = name === null ? null : `Opened ${name}: a copy of a case for you to review.`;
        return true;
    }
  }

  /** Opens a specialist request the person picks, to answer it on its own page. */
  async answerRequest(): Promise<void> {
    try {
      const request = await sealing.open((passphrase) => ipc.specialistRequestOpen(passphrase));
      if (request === null) return;
      this.#requests.drop();
      this.busy = null;
      this.error = null;
      this.notice = null;
      this.showing = { page: 'answer', request };
    } catch (error) {
      this.error = ipc.errorMessage(error);
    }
  }

  /** Opens a reviewer's copy of a case the person picks, to rate it on its own page. */
  async reviewCase(): Promise<void> {
    try {
      const review = await sealing.open((passphrase) => ipc.reviewOpen(passphrase));
      if (review === null) return;
      this.#requests.drop();
      this.busy = null;
      this.error = null;
      this.notice = null;
      this.showing = { page: 'review', review };
    } catch (error) {
      this.error = ipc.errorMessage(error);
    }
  }

  /** Back to the tracks and levels. */
  goHome(): void {
    if (this.framework === null) return;
    // An answer still on its way must not pull the person back to a level.
    this.#requests.drop();
    this.busy = null;
    this.showing = { page: 'home' };
  }

  /** Goes where a search hit points. */
  openHit(hit: Hit): Promise<void> {
    const [targetTrack, targetLevel] = hit.target.split('/');
    const track = hit.track ?? targetTrack;
    const level = hit.level ?? targetLevel;
    switch (hit.kind) {
      case 'expectation': {
        const words = markedWords(snippetParts(hit.snippet_html));
        return this.openLevel(track, level, { kind: 'expectation', id: hit.target, words });
      }
      case 'dimension': {
        const text = snippetParts(hit.snippet_html)
          .map((p) => p.text)
          .join('');
        return this.openLevel(track, level, { kind: 'dimension', text });
      }
      case 'level':
        return this.openLevel(track, level);
      case 'term':
        this.showTerm(hit.target);
        return Promise.resolve();
      case 'competency':
        return this.showCompetency(hit.target, hit.title);
    }
  }

  /** The glossary entry of a term, on the home page. */
  showTerm(id: string): void {
    if (this.framework === null) return;
    this.goHome(); // also drops a level still on its way
    this.reveal = { kind: 'term', id, level: null, seq: ++this.#revealSeq };
  }

  /**
   * A competency: on the open level if it has it, else on the lowest level of the first
   * track that has it (the open level's track first, then the home page's order).
   */
  async showCompetency(id: string, name: string): Promise<void> {
    const target: RevealTarget = { kind: 'competency', id };
    const open = this.showing.page === 'level' ? this.showing.level : null;
    if (open !== null && open.competencies.some((c) => c.id === id)) {
      this.#show(open, target);
      return;
    }
    const framework = this.framework;
    if (framework === null) return;
    const tracks = orderTracks(framework.tracks).sort(
      (a, b) => Number(b.id === open?.track_id) - Number(a.id === open?.track_id),
    );
    await this.#load(
      'Finding the competency…',
      async (request): Promise<{ view: LevelView } | { failure: unknown }> => {
        let failure: unknown = null;
        for (const track of tracks) {
          const lowest = track.levels[0];
          if (lowest === undefined) continue;
          let view: LevelView | null = null;
          try {
            view = await ipc.levelView(track.id, lowest.id);
          } catch (error) {
            failure = error;
          }
          // The person went elsewhere: ask no further.
          if (!request.current()) break;
          if (view !== null && view.competencies.some((c) => c.id === id)) return { view };
        }
        return { failure };
      },
      (found) => {
        if ('view' in found) this.#show(found.view, target);
        else
          this.error =
            found.failure === null
              ? `No level of this framework shows the competency “${name}”.`
              : ipc.errorMessage(found.failure);
      },
    );
  }

  /** Whether `reveal` is still to be acted on; true once, for the page that acts on it. */
  claimReveal(reveal: Reveal): boolean {
    if (reveal.seq <= this.#claimed) return false;
    this.#claimed = reveal.seq;
    return true;
  }

  /** Whether a page still has to bring something into view. */
  get revealPending(): boolean {
    return this.reveal !== null && this.reveal.seq > this.#claimed;
  }

  toggleRole(track: string): void {
    this.roleTrack = this.roleTrack === track ? null : track;
  }

  /** Opens an address outside the app in the system's browser. */
  async openExternal(url: string): Promise<void> {
    try {
      await ipc.openExternal(url);
    } catch (error) {
      this.error = ipc.errorMessage(error);
    }
  }

  dismissError(): void {
    this.error = null;
  }
}
