// What the case tests share: a case as the list shows it, the editor opened on a case
// against a mocked backend, and ways to read the editor and the edits it sent.

import { fireEvent, screen } from '@testing-library/svelte';
import type { CaseSummary } from '../src/bindings/CaseSummary';
import type { CaseView } from '../src/bindings/CaseView';
import type { Edit } from '../src/bindings/Edit';
import { startApp, type Call, type Handler } from './harness';

/** The case as the list of cases shows it. */
export function summary(v: CaseView): CaseSummary {
  return {
    id: v.case.id,
    name: v.case.candidate.name,
    alias: v.case.candidate.alias,
    track: v.case.track,
    current_level: v.case.current_level,
    target_level: v.case.target_level,
    names: v.case.names ?? null,
    supported: v.coverage.supported,
    with_evidence: v.coverage.with_evidence,
    total: v.coverage.total,
    decided: v.case.decision?.outcome ?? null,
    self_assessment: v.case.self_assessment,
  };
}

/** Starts the window on `handlers`, then opens the case named `name` from the list. */
export async function openCaseNamed(name: string, handlers: Record<string, Handler>) {
  const app = await startApp(handlers);
  await fireEvent.click(document.getElementById('open-cases') as HTMLElement);
  await fireEvent.click(await screen.findByRole('button', { name }));
  await screen.findByRole('heading', { level: 1, name: new RegExp(name) });
  return app;
}

/** The editor's card of one expectation. */
export function card(id: string): HTMLElement {
  const el = document.querySelector<HTMLElement>(`.case-expectation[data-id="${id}"]`);
  if (el === null) throw new Error(`no card ${id}`);
  return el;
}

/** The edits the window sent, in order. */
export function edits(calls: Call[]): Edit[] {
  return calls.filter((c) => c.cmd === 'case_edit').map((c) => c.args.edit as Edit);
}
