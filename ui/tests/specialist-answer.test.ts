// A specialist answers a request in Rung, against a mocked backend: the request opened from
// the cases page shows blind as it came (each expectation with its evidence and judging
// help), the form fills in the view, and saving sends it with the request's text.

import { fireEvent, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { AppError } from '../src/bindings/AppError';
import type { OpenedRequest } from '../src/bindings/OpenedRequest';
import { startApp, type Handler } from './harness';
import { PLAIN, savePlain } from './sealing';

const X1 = 'eng/e2/breaks-work-into-milestones';
const X2 = 'eng/e2/reviews-code';

const request: OpenedRequest = {
  text: '{"rung_specialist_request": 1}\n',
  candidate: 'Candidate 7',
  blind: true,
  track: 'Engineering',
  target_level: 'E2',
  scale: [
    { id: 'not-yet', name: 'Not yet' },
    { id: 'meets', name: 'Meets' },
    { id: 'beyond', name: 'Beyond' },
  ],
  expectations: [
    { id: X1, competency: 'delivery', text: 'Breaks work into milestones.', new: true },
    { id: X2, competency: 'craft', text: 'Reviews code kindly.', new: true, craft_specific: true },
  ],
  evidence: [
    {
      id: 'ev-1',
      what: 'Planned the billing migration',
      when: '2026-03',
      outcome: 'Shipped in four steps',
      link: null,
      reported_by: 'owner',
      expectations: [X1],
    },
  ],
  guides: [
    {
      id: 'delivery',
      name: 'Delivery',
      evidence: ['A plan with <em>dates</em>'],
      questions: ['What did they cut?'],
    },
  ],
  view: {
    who: '',
    craft: '',
    level: '',
    said: '',
    reviewed: [],
    ratings: { [X1]: { rating: '', reason: '' }, [X2]: { rating: '', reason: '' } },
    confidence: null,
    conflict: '',
  },
};

async function openAnswer(overrides: Record<string, Handler> = {}) {
  const app = await startApp({
    cases_list: () => [],
    specialist_request_open: () => request,
    specialist_answer_save: () => '/home/me/specialist-view-candidate-7.json',
    ...overrides,
  });
  await fireEvent.click(document.getElementById('open-cases') as HTMLElement);
  await fireEvent.click(await screen.findByRole('button', { name: 'Answer a specialist request…' }));
  await screen.findByRole('heading', { level: 1, name: 'Your view of Candidate 7' });
  return app;
}

describe('answering a specialist request', () => {
  it('shows the request blind, each expectation with its evidence and judging help', async () => {
    await openAnswer();
    expect(screen.getByText(/This request is blind/)).toBeTruthy();
    const first = screen.getByRole('region', { name: 'Breaks work into milestones.' });
    expect(within(first).getByText('Planned the billing migration')).toBeTruthy();
    expect(within(first).getByText('What did they cut?')).toBeTruthy();
    expect(first.querySelector('.answer-guide em')?.textContent).toBe('dates');
    const second = screen.getByRole('region', { name: 'Reviews code kindly.' });
    expect(within(second).getByText('No evidence is attached to this expectation.')).toBeTruthy();
    expect(document.body.textContent).not.toContain('Ana Lima');
  });

  it('saves the view filled in with the request it answers', async () => {
    const { calls } = await openAnswer();
    const save = screen.getByRole('button', { name: 'Save the answer…' }) as HTMLButtonElement;
    expect(save.disabled, 'nobody and nothing said yet').toBe(true);
    await fireEvent.input(screen.getByLabelText('Who you are'), { target: { value: ' Bo Chen ' } });
    await fireEvent.input(screen.getByLabelText('Your craft'), { target: { value: 'engineering' } });
    await fireEvent.input(screen.getByLabelText('Your level'), { target: { value: 'e5' } });
    await fireEvent.change(screen.getByLabelText('Your confidence'), { target: { value: 'high' } });
    await fireEvent.change(screen.getByLabelText('Your rating of “Reviews code kindly.”'), { target: { value: 'beyond' } });
    await fireEvent.input(screen.getByLabelText('Why you rate “Reviews code kindly.” so'), {
      target: { value: 'Reviews that teach' },
    });
    await fireEvent.input(screen.getByLabelText(/What you reviewed/), {
      target: { value: 'https://example.com/pr/1\nThe payments service\n' },
    });
    await fireEvent.input(screen.getByLabelText(/Conflict of interest/), { target: { value: 'None' } });
    expect(save.disabled).toBe(false);
    await fireEvent.click(save);
    await savePlain();
    await screen.findByText(/Saved as \/home\/me\/specialist-view-candidate-7.json/);
    expect(calls.find((c) => c.cmd === 'specialist_answer_save')?.args).toEqual({
      seal: PLAIN,
      text: request.text,
      view: {
        who: 'Bo Chen',
        craft: 'engineering',
        level: 'e5',
        said: '',
        reviewed: [
          { description: '', link: 'https://example.com/pr/1' },
          { description: 'The payments service', link: null },
        ],
        ratings: { [X1]: { rating: '', reason: '' }, [X2]: { rating: 'beyond', reason: 'Reviews that teach' } },
        confidence: 'high',
        conflict: 'None',
      },
    });
  });

  it('says why an answer is refused, and goes back to the cases', async () => {
    await openAnswer({
      specialist_answer_save: () => {
        throw { kind: 'refused', message: '`superb` is not on the rating scale' } satisfies AppError;
      },
    });
    await fireEvent.input(screen.getByLabelText('Who you are'), { target: { value: 'Bo Chen' } });
    await fireEvent.input(screen.getByLabelText('What you say'), { target: { value: 'Solid.' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Save the answer…' }));
    await savePlain();
    expect((await screen.findByRole('alert')).textContent).toContain('is not on the rating scale');
    await fireEvent.click(document.getElementById('back-cases') as HTMLElement);
    await screen.findByRole('heading', { level: 1, name: 'Promotion cases' });
  });

  it('stays on the cases page when the request cannot be read', async () => {
    await startApp({
      cases_list: () => [],
      specialist_request_open: () => {
        throw { kind: 'refused', message: 'this is not a Rung specialist request' } satisfies AppError;
      },
    });
    await fireEvent.click(document.getElementById('open-cases') as HTMLElement);
    await fireEvent.click(await screen.findByRole('button', { name: 'Answer a specialist request…' }));
    await screen.findByText(/this is not a Rung specialist request/);
    expect(screen.getByRole('heading', { level: 1, name: 'Promotion cases' })).toBeTruthy();
  });
});
