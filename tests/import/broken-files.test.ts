import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors';
import { readSurveyBytes } from '../../core/data/read-survey';
import { loadDataset } from '../../core/node/data/load-dataset';
import { answers, column, fixture, fixtureBytes } from './import-helpers';

async function refusal(name: string): Promise<InputError> {
  const error = await loadDataset(fixture(`broken/${name}`)).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  // The in-memory (browser) path refuses the same file with the same message.
  const again = await readSurveyBytes(fixtureBytes(`broken/${name}`), fixture(`broken/${name}`)).then(
    () => null,
    (e: unknown) => e,
  );
  expect((again as InputError).message).toBe((error as InputError).message);
  return error as InputError;
}

describe('broken files are refused with a message naming the problem', () => {
  const cases: [string, InputError['code'], RegExp][] = [
    ['fake.sav', 'file-format', /named like an SPSS system file but is something else.*Readable formats: CSV/],
    ['fake.xlsx', 'file-format', /named like an Excel workbook.*zip archives/],
    ['legacy.xls', 'file-format', /Excel 97–2003 \(.xls\).*save it as .xlsx or CSV/],
    ['survey.json', 'file-format', /not a survey format.*SPSS \(.sav, .zsav\) and Excel \(.xlsx\)/],
    ['ragged.csv', 'csv-structure', /Data row 2 \(line 3\) .* has 2 fields but the header has 3/],
    ['ragged-wide.csv', 'csv-structure', /Data row 2 \(line 3\) .* has 4 fields but the header has 3/],
    ['unclosed-quote.csv', 'csv-structure', /opens in data row 1 \(line 2\) and is never closed/],
    ['bad-closing-quote.csv', 'csv-structure', /data row 1 \(line 2\) has text after its closing quote/],
    ['binary-junk.csv', 'file-format', /NUL bytes .*not a text CSV file/],
    ['nul-bytes.csv', 'file-format', /NUL bytes \(the first at byte 11\)/],
    ['empty.csv', 'file-empty', /is empty \(0 bytes\)/],
    ['blank-lines-only.csv', 'file-empty', /no header row and no respondents/],
    ['header-only.csv', 'data-insufficient', /has a header row \(3 columns\) but no respondents/],
    ['truncated.sav', 'file-truncated', /truncated\.sav/],
  ];
  for (const [name, code, message] of cases) {
    it(`${name} → ${code}`, async () => {
      const error = await refusal(name);
      expect(error.message).toMatch(message);
      expect(error.message).toContain(name);
      if (name !== 'truncated.sav') expect(error.code).toBe(code);
      if (/ragged|quote/.test(name)) expect(error.location.row).toBeGreaterThan(0);
    });
  }

  it('reads a single respondent with a notice that analyses need more', async () => {
    const dataset = await loadDataset(fixture('broken/single-respondent.csv'));
    expect(dataset.rows).toBe(1);
    expect(dataset.notices.some((n) => n.severity === 'strong-warning' && /single respondent/.test(n.message))).toBe(true);
  });

  it('refuses a missing path and a folder as unreadable', async () => {
    await expect(loadDataset('/no/such/survey.csv')).rejects.toThrow(/Cannot read '\/no\/such\/survey.csv' \(no such file\)/);
    await expect(loadDataset(fixture('broken'))).rejects.toThrow(/is a folder/);
  });

  it('refuses --sheet for a file that is not a workbook', async () => {
    await expect(loadDataset(fixture('utf8.csv'), { sheet: 'Sheet1' })).rejects.toThrow(/--sheet only applies to Excel workbooks/);
  });
});

describe('large fields and late problems', () => {
  const dir = mkdtempSync(join(tmpdir(), 'segstudio-import-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a 5 MB quoted field (with delimiters and line breaks) intact', async () => {
    const big = 'word, more\n'.repeat(480_000); // 5.28 MB
    const file = join(dir, 'big-field.csv');
    writeFileSync(file, `id,open_answer,q1\n1,"${big}",Agree\n2,short,Disagree\n`);
    const dataset = await loadDataset(file);
    expect(dataset.rows).toBe(2);
    const open = column(dataset, 'open_answer');
    expect(open.text![0]!.length).toBe(big.length - 1); // cells are trimmed: the final \n goes
    expect(answers(column(dataset, 'q1'))).toEqual(['Agree', 'Disagree']);
  });

  it('names the data row of a ragged row far into a streamed file', async () => {
    const rows = Array.from({ length: 50_000 }, (_, i) => `${i + 1},${i % 5},x`);
    rows[41_999] = '42000,3';
    const file = join(dir, 'late-ragged.csv');
    writeFileSync(file, `id,q,t\n${rows.join('\n')}\n`);
    await expect(loadDataset(file)).rejects.toThrow(/Data row 42000 \(line 42001\) .* has 2 fields but the header has 3/);
  });

  it('refuses a quote left open in a large file quickly, naming its row (no hang, bounded memory)', async () => {
    const row = '1,2,some plain answer text without quotes\n';
    const file = join(dir, 'open-quote-big.csv');
    writeFileSync(file, `a,b,c\n1,"2,oops\n${row.repeat(Math.ceil((34 * 1024 * 1024) / row.length))}`);
    await expect(loadDataset(file)).rejects.toThrow(/(opens in data row 1 \(line 2\) and is never closed|Data row 1 of .* \(from line 2\) runs past 32 M characters)/);
  });

  it('names the line of a NUL byte far into a streamed file', async () => {
    const rows = Array.from({ length: 30_000 }, (_, i) => `${i + 1},answer`);
    rows[20_000] = '20001,ans\u0000wer';
    const file = join(dir, 'late-nul.csv');
    writeFileSync(file, `id,t\n${rows.join('\n')}\n`);
    await expect(loadDataset(file)).rejects.toThrow(/NUL byte on line 20002/);
  });
});
