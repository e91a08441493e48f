/**
 * The controller end to end in-process: the real core analyses on the bundled sample, a fake
 * bridge in memory, and a job client that runs specs on this thread (same runAnalysis as the Web
 * Worker). Checks caching by settings, K-range extension, and project save → reopen identity.
 */
import { readRepoBytes } from '../../tests/support/repo-files';
import { describe, expect, it } from 'vitest';
import type { BridgeApi, SaveProjectRequest } from '../../electron/contract';
import { createStore } from '../state/store';
import type { JobClient } from '../workers/job-client';
import { runAnalysis, type AnalysisSpec, type ResultOf } from '../workers/analysis-jobs';
import { createController } from './controller';
import type { WavesResult } from '../workers/waves-job';

const sample = readRepoBytes('resources/sample/survey.csv');

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

function memoryBridge(): BridgeApi & { saved: SaveProjectRequest[]; decks: string[]; exports: string[]; files: { name: string; bytes: Uint8Array }[]; dirty: boolean[]; recovery: string[] } {
  const files: { name: string; bytes: Uint8Array }[] = [];
  const saved: SaveProjectRequest[] = [];
  const dirty: boolean[] = [];
  const recovery: string[] = [];
  const decks: string[] = [];
  const exports: string[] = [];
  return {
    saved,
    decks,
    exports,
    files,
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
      if (typeof request.content !== 'string') files.push({ name: request.suggestedName, bytes: request.content });
      return null;
    },
    openImageFile: async () => null,
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

  it('a persona edit and the deck theme are saved in the project, reopen, and reach the deck and the exports', async () => {
    const { store, bridge, controller } = setup();
    await controller.openSample();
    await controller.runFactors();
    controller.edit({ segment: { ...store.getState().doc.segment, kMin: 3, kMax: 3, starts: 3, stabilityReplicates: 0 } });
    await controller.runSegments();
    await controller.runProfiles();
    const profile = controller.currentProfile();
    expect(profile?.k).toBe(3);
    expect(() => controller.editPersona(1, { name: '  ' })).toThrow(/needs a name/);
    controller.editPersona(1, { name: 'Weekend Explorers', icon: 'leaf' });
    controller.editTheme({ primary: '#123456', client: 'Acme Ltd' });
    controller.edit({ valueVariable: 'monthly_spend' });
    const personas = store.getState().doc.personas;
    expect(personas.map((p) => p.draft)).toEqual([true, false, true]);
    expect(personas[1]).toMatchObject({ segment: 1, name: 'Weekend Explorers', icon: 'leaf' });
    const priority = controller.priority('monthly_spend')!;
    expect(priority.map((r) => r.rank).sort()).toEqual([1, 2, 3]);
    expect(priority.every((r) => r.valueIndex !== null && r.valueIndex > 0)).toBe(true);

    await controller.saveProject(false);
    const saved = JSON.parse(bridge.saved[0]!.text) as { personas: { name: string }[]; theme: { primary: string; client: string }; profile: { valueVariable: string } };
    expect(saved.personas[1]!.name).toBe('Weekend Explorers');
    expect(saved.theme).toMatchObject({ primary: '#123456', client: 'Acme Ltd' });
    expect(saved.profile.valueVariable).toBe('monthly_spend');

    const reopened = setup();
    await reopened.controller.openProjectText(bridge.saved[0]!.text, 'study.segstudio', null);
    expect(reopened.store.getState().doc.personas[1]?.name).toBe('Weekend Explorers');
    const html = reopened.controller.currentDeckHtml()!;
    expect(html).toContain('Weekend Explorers');
    expect(html).toContain('#123456');
    expect(html).toContain('Value = monthly_spend');
    expect(html).not.toMatch(/<script/i);
    await reopened.controller.exportDeckHtml();
    expect(reopened.bridge.exports.at(-1)).toBe(html);
    await reopened.controller.exportTable('assignments-sav');
    await reopened.controller.exportTable('profiles-xlsx');
    await reopened.controller.exportTable('assignments-csv');
    const [sav, xlsx, csv] = reopened.bridge.files;
    expect(sav?.name).toBe('survey-segments.sav');
    expect(new TextDecoder('latin1').decode(sav!.bytes.subarray(0, 4))).toBe('$FL2');
    expect(new TextDecoder().decode(sav!.bytes)).toContain('Weekend Explorers');
    expect(xlsx?.name).toBe('survey-profiles.xlsx');
    expect([xlsx!.bytes[0], xlsx!.bytes[1]]).toEqual([0x50, 0x4b]);
    const lines = new TextDecoder().decode(csv!.bytes).trim().split('\n');
    const header = lines[0]!.split(',');
    expect(header.slice(0, 6)).toEqual(['row', 'id', 'status', 'segment', 'segment_letter', 'segment_name']);
    expect(header.slice(6)).toEqual(Array.from({ length: header.length - 6 }, (_, s) => `p_${String.fromCharCode(65 + s)}`));
    expect(header.length).toBeGreaterThan(7); // a latent profile model: posterior probabilities per segment
    expect(lines).toHaveLength(1501);
    const b = lines.map((l) => l.split(',')).find((f) => f[2] === 'assigned' && f[4] === 'B' && f[5] === 'Weekend Explorers');
    expect(b).toBeDefined();
    const p = b!.slice(6).map(Number);
    expect(p.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 5);
    expect(Math.max(...p)).toBe(p[1]); // the modal segment is the assigned one
  });

  it('builds the typing tool in a job, exports its questionnaire and weights, and rebuilds it on reopen', async () => {
    const { store, bridge, controller } = setup();
    await controller.openSample();
    await controller.runFactors();
    controller.edit({ segment: { ...store.getState().doc.segment, kMin: 3, kMax: 3, starts: 3, stabilityReplicates: 0 } });
    await controller.runSegments();
    await controller.runProfiles();
    controller.edit({ typing: { ...store.getState().doc.typing, maxItems: 3 } });
    await controller.runTyping();
    const tool = controller.currentTyping()!;
    expect(tool.items.length).toBeGreaterThan(0);
    expect(tool.items.length).toBeLessThanOrEqual(3);
    expect(tool.curve.length).toBe(tool.items.length);
    expect(tool.holdout.counts.flat().reduce((a, b) => a + b, 0)).toBe(tool.holdout.n);
    controller.editPersona(0, { name: 'Renamed After Build' });
    await controller.exportTyping('json');
    await controller.exportTyping('html');
    const json = JSON.parse(bridge.exports.at(-2)!) as { segments: { name: string }[]; weights: number[][] };
    expect(json.segments[0]!.name).toBe('Renamed After Build');
    expect(json.weights).toHaveLength(3);
    expect(bridge.exports.at(-1)).toMatch(/^<!DOCTYPE html>[\s\S]*Renamed After Build/);

    await controller.saveProject(false);
    const reopened = setup();
    await reopened.controller.openProjectText(bridge.saved[0]!.text, 'study.segstudio', null);
    expect(reopened.controller.currentTyping()?.holdout.accuracy).toBe(tool.holdout.accuracy);
  });

  it('scores a later wave with the frozen model; a wave with a changed code frame is refused', async () => {
    const { store, bridge, controller } = setup();
    await controller.openSample();
    await controller.runFactors();
    controller.edit({ segment: { ...store.getState().doc.segment, kMin: 3, kMax: 3, starts: 3, stabilityReplicates: 0 } });
    await controller.runSegments();
    await controller.runProfiles();
    bridge.openSurveyFile = async () => ({ name: 'wave2.csv', bytes: sample, path: null });
    await controller.scoreWave();
    const job = store.getState().jobs.waves;
    expect(job.error).toBeNull();
    const result = controller.cache.get<WavesResult>(job.resultKey!)!;
    expect(result.waveRows).toBe(1500);
    expect(result.waves.map((w) => w.wave)).toEqual(['reference', 'wave2']);
    // The same respondents scored again: the shares agree and no change is significant.
    for (const c of result.changes) expect(Math.abs(c.difference)).toBeLessThan(0.03);
    expect(result.changes.some((c) => c.significant)).toBe(false);

    const text = new TextDecoder().decode(sample);
    const changed = text.replace(/^([^,\n]*,)Strongly agree,/gm, '$1Totally agree,');
    bridge.openSurveyFile = async () => ({ name: 'wave3.csv', bytes: new TextEncoder().encode(changed), path: null });
    await controller.scoreWave();
    expect(store.getState().jobs.waves.status).toBe('error');
    expect(store.getState().jobs.waves.error).toMatch(/q01/);
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
