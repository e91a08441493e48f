/**
 * The controller end to end in-process: the real core analyses on the bundled sample, a fake
 * bridge in memory, and a job client that runs specs on this thread (same runAnalysis as the Web
 * Worker). Checks caching by settings, K-range extension, and project save → reopen identity.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BridgeApi, SaveProjectRequest } from '../../electron/contract';
import { createStore } from '../state/store';
import type { JobClient } from '../workers/job-client';
import { runAnalysis, type AnalysisSpec, type ResultOf } from '../workers/analysis-jobs';
import { createController } from './controller';

const sample = new Uint8Array(readFileSync(new URL('../../resources/sample/survey.csv', import.meta.url)));

function inProcessJobs(): JobClient & { runs: string[] } {
  const runs: string[] = [];
  return {
    runs,
    run<S extends AnalysisSpec>(spec: S, run = {}) {
      runs.push(spec.kind === 'segment' ? `segment:${spec.k}` : spec.kind);
      return runAnalysis(spec, run) as Promise<ResultOf<S>>;
    },
    dispose() {},
  };
}

function memoryBridge(): BridgeApi & { saved: SaveProjectRequest[]; decks: string[]; exports: string[]; dirty: boolean[]; recovery: string[] } {
  const saved: SaveProjectRequest[] = [];
  const dirty: boolean[] = [];
  const recovery: string[] = [];
  const decks: string[] = [];
  const exports: string[] = [];
  return {
    saved,
    decks,
    exports,
    dirty,
    recovery,
    openSurveyFile: async () => null,
    openSampleSurvey: async () => ({ name: 'survey.csv', bytes: sample, path: null }),
    openProject: async () => null,
    openRecent: async () => {
      throw new Error('none');
    },
    recentFiles: async () => [],
    saveProject: async (request) => {
      saved.push(request);
      return { name: request.suggestedName, path: null };
    },
    exportFile: async (request) => {
      exports.push(typeof request.content === 'string' ? request.content : '');
      return null;
    },
    saveDeckPdf: async (request) => {
      decks.push(request.html);
      return null;
    },
    writeRecovery: async (text) => {
      recovery.push(text);
    },
    readRecovery: async () => null,
    clearRecovery: async () => {},
    setDirty: async (value) => {
      dirty.push(value);
    },
    onMenuCommand: () => () => {},
  };
}

function setup() {
  const store = createStore();
  const jobs = inProcessJobs();
  const bridge = memoryBridge();
  const controller = createController({ store, bridge, jobs, now: () => new Date('2026-11-23T08:00:00Z') });
  return { store, jobs, bridge, controller };
}

describe('controller on the bundled sample', () => {
  it('opens the sample with the battery and profile variables guessed', async () => {
    const { store, controller } = setup();
    await controller.openSample();
    const s = store.getState();
    expect(s.survey?.rows).toBe(1500);
    expect(s.doc.codebook.batteryItems).toHaveLength(24);
    expect(s.doc.profileVariables).toContain('gender');
    expect(s.doc.profileVariables).not.toContain('duration');
  });

  it('caches results by settings: an unchanged rerun and a return to an earlier rotation do no work', async () => {
    const { store, jobs, controller } = setup();
    await controller.openSample();
    await controller.runFactors();
    expect(store.getState().jobs.efa.status).toBe('done');
    await controller.runFactors();
    expect(jobs.runs.filter((r) => r === 'efa')).toHaveLength(1);
    controller.edit({ factor: { ...store.getState().doc.factor, rotation: 'varimax' } });
    await controller.runFactors();
    controller.edit({ factor: { ...store.getState().doc.factor, rotation: 'oblimin' } });
    await controller.runFactors();
    expect(jobs.runs.filter((r) => r === 'efa')).toHaveLength(2);
  });

  it('extending the K range fits only the new K, and a saved project reopens with identical results', async () => {
    const { store, jobs, bridge, controller } = setup();
    await controller.openSample();
    await controller.runFactors();
    controller.edit({ segment: { ...store.getState().doc.segment, kMin: 2, kMax: 3, starts: 3, stabilityReplicates: 2 } });
    await controller.runSegments();
    controller.edit({ segment: { ...store.getState().doc.segment, kMax: 4 } });
    await controller.runSegments();
    expect(jobs.runs.filter((r) => r.startsWith('segment'))).toEqual(['segment:2', 'segment:3', 'segment:4']);
    const stability = controller.segmentFits().map((f) => f.stability?.meanAri ?? NaN);
    expect(stability.every((ari) => ari > 0 && ari <= 1)).toBe(true);
    const chosenK = store.getState().doc.segment.chosenK;
    expect(chosenK).not.toBeNull();
    const before = controller.segmentFits().map((f) => [f.k, f.logLik, f.bic, f.sizes, f.stability]);

    await controller.saveProject(false);
    expect(store.getState().project.dirty).toBe(false);
    const text = bridge.saved[0]!.text;

    const reopened = setup();
    await reopened.controller.openProjectText(text, 'study.segstudio', null);
    expect(reopened.store.getState().doc.segment.chosenK).toBe(chosenK);
    expect(reopened.controller.segmentFits().map((f) => [f.k, f.logLik, f.bic, f.sizes, f.stability])).toEqual(before);
    expect(reopened.store.getState().jobs.profile.status).toBe('done');

    await reopened.controller.exportDeck();
    expect(reopened.bridge.decks[0]).toMatch(/^<!DOCTYPE html>[\s\S]*Appendix: technical detail/);
    await reopened.controller.exportAssignments();
    const csv = reopened.bridge.exports[0]!.trim().split('\n');
    expect(csv[0]).toBe('row,id,segment');
    expect(csv).toHaveLength(1501);
    expect(csv[1]).toMatch(/^1,100001,[A-Z]?$/);
  });

  it('tells the shell when the project becomes dirty and clean, and autosaves the recovery file', async () => {
    const { store, bridge, controller } = setup();
    await controller.openSample();
    controller.edit({ profileVariables: ['age'] });
    controller.edit({ profileVariables: ['age', 'gender'] });
    expect(bridge.dirty).toEqual([true]);
    await new Promise((resolve) => setTimeout(resolve, 1_700));
    expect(bridge.recovery).toHaveLength(1);
    expect(JSON.parse(bridge.recovery[0]!).profile.profileVariables).toEqual(['age', 'gender']);
    await controller.saveProject(false);
    expect(bridge.dirty).toEqual([true, false]);
    controller.undo();
    expect(store.getState().doc.profileVariables).toEqual(['age']);
    expect(bridge.dirty).toEqual([true, false, true]);
  });

  it('asks before unsaved work is replaced by another file, and keeps it when told to', async () => {
    const store = createStore();
    const questions: string[] = [];
    const controller = createController({ store, bridge: memoryBridge(), jobs: inProcessJobs(), confirmDiscard: (q) => (questions.push(q), false) });
    await controller.openSample();
    controller.edit({ profileVariables: ['region'] });
    await controller.openSample();
    expect(questions).toHaveLength(1);
    expect(store.getState().doc.profileVariables).toEqual(['region']);
  });

  it('a latent profile model on the battery items keeps respondents with some answers missing (FIML)', async () => {
    const { store, controller } = setup();
    await controller.openSample();
    controller.edit({ segment: { ...store.getState().doc.segment, basis: 'items', model: 'lpa', covariance: 'EEI', kMin: 2, kMax: 2, starts: 2, stabilityReplicates: 0 } });
    await controller.runSegments();
    const [fit] = controller.segmentFits();
    expect(fit?.failed).toBeNull();
    expect(fit!.assignments.filter((a) => a < 0).length).toBe(0);
  });

  it('a damaged project is refused with a message and the open survey stays', async () => {
    const { store, controller } = setup();
    await controller.openSample();
    await controller.openProjectText('{"kind": "segstudio-project", "schemaVersion": 1', 'broken.segstudio', null);
    expect(store.getState().message?.text).toMatch(/not valid JSON/);
    expect(store.getState().survey?.rows).toBe(1500);
  });
});
