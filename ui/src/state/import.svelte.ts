// "Import a framework…": the panel's state. The person picks a file or a folder, sees the
// format detected and, for a CSV, each column's role, changes what they want, and imports;
// meanwhile the shell says how far it has got.

import * as ipc from '../ipc';
import type { ImportColumn } from '../bindings/ImportColumn';
import type { ImportProgress } from '../bindings/ImportProgress';
import type { ImportReportView } from '../bindings/ImportReportView';
import type { ImportSourceView } from '../bindings/ImportSourceView';

/** The formats the person may name instead of the one detected, as `--from` takes them. */
export const FORMATS: { value: string; label: string }[] = [
  { value: 'csv', label: 'CSV table' },
  { value: 'markdown', label: 'Markdown pages, a heading per level' },
  { value: 'progression', label: 'Markdown with the matrix in front matter' },
  { value: 'yaml', label: 'YAML or JSON' },
  { value: 'rung-html', label: 'A page exported by Rung' },
];

/** The roles a CSV column may have, as `--column ROLE=NAME` takes them. */
export const ROLES: { value: string; label: string }[] = [
  { value: 'track', label: 'Track' },
  { value: 'level', label: 'Level (its name, one row per expectation)' },
  { value: 'competency', label: 'Competency' },
  { value: 'text', label: 'Expectation' },
  { value: 'example', label: 'Examples' },
  { value: 'note', label: 'Note on the level' },
  { value: 'description', label: 'What the competency covers' },
  { value: 'ignore', label: 'Ignore' },
];

/** The sentence under the progress bar. */
export function progressWords(p: ImportProgress): string {
  const n = (x: number) => x.toLocaleString('en');
  switch (p.stage) {
    case 'opening':
      return `Opening ${p.source}…`;
    case 'file':
      return p.total > 1 ? `Reading ${p.name} (file ${n(p.index + 1)} of ${n(p.total)})…` : `Reading ${p.name}…`;
    case 'rows':
      return `Reading ${p.name}: ${n(p.rows)} rows, ${p.percent}% of the file…`;
    case 'mapping':
      return `Mapping ${p.name}: ${n(p.rows)} of ${n(p.total)} rows…`;
    case 'building':
      return `Making the framework’s files: ${n(p.done)} of ${n(p.total)} levels…`;
    case 'writing':
      return `Writing the framework: ${n(p.done)} of ${n(p.total)} files…`;
  }
}

/** How full the progress bar is, 0 to 1; `null` when it cannot say. */
export function progressShare(p: ImportProgress): number | null {
  switch (p.stage) {
    case 'file':
      return p.total > 1 ? p.index / p.total : null;
    case 'rows':
      return p.percent / 100;
    case 'mapping':
      return p.total > 0 ? p.rows / p.total : null;
    case 'building':
    case 'writing':
      return p.total > 0 ? p.done / p.total : null;
    default:
      return null;
  }
}

export class ImportState {
  /** Whether the panel is showing. */
  open = $state(false);
  /** The source picked, or null before one is. */
  source = $state.raw<ImportSourceView | null>(null);
  /** The format named by the person; `''` is the one detected. */
  format = $state('');
  /** Each column's role, as the person leaves it (the detected one to begin with). */
  roles = $state<(string | null)[]>([]);
  /** Waiting for the system's picker. */
  picking = $state(false);
  /** Importing. */
  running = $state(false);
  /** What the shell said last about how far the import has got. */
  progress = $state.raw<ImportProgress | null>(null);
  /** How many times the shell said so, in the last import (the end-to-end test reads it). */
  events = $state(0);

  readonly #fail: (message: string) => void;

  constructor(fail: (message: string) => void) {
    this.#fail = fail;
  }

  /** Whether the columns of a CSV are shown, with their roles. */
  get showColumns(): boolean {
    const source = this.source;
    if (source === null || source.folder || source.columns.length === 0) return false;
    return (this.format || source.format) === 'csv';
  }

  /** Whether some column holds the expectation's text: the long form, not a matrix. */
  get longForm(): boolean {
    return this.roles.includes('text');
  }

  /** Opens the panel. */
  begin(): void {
    this.open = true;
  }

  /** Closes the panel and forgets the source, unless an import is running. */
  close(): void {
    if (this.running) return;
    this.open = false;
    this.source = null;
    this.progress = null;
  }

  /**
   * Lets the person pick a file or a folder, or takes the page handed to Rung that the
   * shell named `waiting`; nothing changes if they cancel.
   */
  async pick(folder: boolean, waiting: number | null = null): Promise<void> {
    this.picking = true;
    try {
      const source = await ipc.frameworkImportSource(folder, waiting);
      if (source === null) return;
      this.source = source;
      this.format = '';
      this.roles = source.columns.map((c) => c.role);
    } catch (error) {
      this.#fail(ipc.errorMessage(error));
    } finally {
      this.picking = false;
    }
  }

  /**
   * Imports the picked source into a folder the person picks and resolves to the report;
   * `null` if they cancelled or it failed (the failure is reported). The panel closes
   * once the import is done.
   */
  async run(): Promise<ImportReportView | null> {
    const source = this.source;
    if (source === null || this.running) return null;
    // Only the roles the person changed are named; the others are detected again.
    const columns: ImportColumn[] = this.showColumns
      ? source.columns
          .map((c, i) => ({ name: c.name, role: this.roles[i] ?? null }))
          .filter((c, i) => c.role !== source.columns[i]!.role)
      : [];
    this.running = true;
    this.progress = null;
    this.events = 0;
    try {
      const report = await ipc.frameworkImport(this.format || null, columns, (p) => {
        this.progress = p;
        this.events += 1;
      });
      if (report !== null) {
        this.open = false;
        this.source = null;
      }
      return report;
    } catch (error) {
      this.#fail(ipc.errorMessage(error));
      return null;
    } finally {
      this.running = false;
      this.progress = null;
    }
  }
}
