import { describe, expect, it } from 'vitest';
import { initialState, reduce, type AppState } from './app-reducer';

function withEdits(): AppState {
  let s = initialState();
  s = reduce(s, { type: 'edit', patch: { profileVariables: ['age'] } });
  s = reduce(s, { type: 'edit', patch: { profileVariables: ['age', 'gender'] } });
  return s;
}

describe('app reducer', () => {
  it('edits mark the project dirty and undo/redo step through the doc history', () => {
    const s = withEdits();
    expect(s.project.dirty).toBe(true);
    const undone = reduce(s, { type: 'undo' });
    expect(undone.doc.profileVariables).toEqual(['age']);
    const twice = reduce(undone, { type: 'undo' });
    expect(twice.doc.profileVariables).toEqual([]);
    expect(reduce(twice, { type: 'undo' })).toBe(twice);
    const redone = reduce(twice, { type: 'redo' });
    expect(redone.doc.profileVariables).toEqual(['age']);
    const branched = reduce(undone, { type: 'edit', patch: { profileVariables: ['region'] } });
    expect(branched.future).toEqual([]);
  });

  it('ignores progress and results from a superseded run (stale revision)', () => {
    let s = reduce(initialState(), { type: 'job-start', job: 'segment', revision: 1 });
    s = reduce(s, { type: 'job-start', job: 'segment', revision: 2 });
    const stale = reduce(s, { type: 'job-done', job: 'segment', revision: 1, resultKey: 'old' });
    expect(stale).toBe(s);
    s = reduce(s, { type: 'job-progress', job: 'segment', revision: 2, lane: 'K=3', progress: { stage: 'final', current: 3, total: 10 } });
    expect(s.jobs.segment.progress['K=3']?.current).toBe(3);
    s = reduce(s, { type: 'job-failed', job: 'segment', revision: 2, error: 'The job was cancelled.', cancelled: true });
    expect(s.jobs.segment.status).toBe('cancelled');
  });

  it('saving clears the dirty flag and keeps the doc', () => {
    const s = reduce(withEdits(), { type: 'project-saved', name: 'wave1.segstudio', path: '/p/wave1.segstudio' });
    expect(s.project).toMatchObject({ name: 'wave1', path: '/p/wave1.segstudio', dirty: false });
    expect(s.doc.profileVariables).toEqual(['age', 'gender']);
  });

  it('state survives structuredClone and JSON (no functions, no class instances)', () => {
    const s = withEdits();
    expect(structuredClone(s)).toEqual(s);
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });
});
