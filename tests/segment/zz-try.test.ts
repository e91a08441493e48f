import { test } from 'vitest';
import { readFileSync } from 'node:fs';
import { drainSteps } from '../../core/jobs/run-steps';
import { fitMixtureRange, isFailedFit, MULTISTART_DEFAULTS } from '../../core/segment/multistart';
import { lpaModel } from '../../core/segment/lpa/lpa-model';
import { lpaDataFromMatrix } from '../../core/segment/lpa/lpa-data';
import { COVARIANCE_MODELS } from '../../core/segment/lpa/covariance-models';
test('try', () => {
  const lines = readFileSync('/work/shared/oracle/data/banknote.csv','utf8').trim().split('\n').slice(1);
  const x = new Float64Array(lines.length*6);
  lines.forEach((l,i)=>l.split(',').slice(1).forEach((v,j)=>x[i*6+j]=Number(v)));
  const data = lpaDataFromMatrix(x, lines.length, 6);
  const oracle = JSON.parse(readFileSync('/work/shared/oracle/results/mclust_banknote_six_models.json','utf8'));
  COVARIANCE_MODELS.forEach((m, mi) => {
    const t0 = Date.now();
    const r = drainSteps(fitMixtureRange(lpaModel(m), data, { ...MULTISTART_DEFAULTS, classes: [1,6], seed: 1, tolerance: 1e-7*200 }));
    const row = r.fits.map((f, g) => isFailedFit(f) ? `G${f.k}: FAIL` : `G${f.k}: ${(-f.fit.bic).toFixed(2)} vs ${oracle.bic_table.values[g][mi]} rep ${f.bestLogLikReplicated}/${f.startsFinal} fail ${f.startsFailed} it ${f.iterations}`);
    console.log(m, Date.now()-t0, 'ms\n  ' + row.join('\n  '));
  });
});
