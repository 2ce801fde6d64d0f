/**
 * Page-true citations on a real PDF printed by Chromium: the passage quoting the fact starts on
 * page 1 and runs onto page 2, where the fact is. The passage reports both pages; the chat
 * citation names page 2, the page of the sentence it quotes.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnswerer } from '../../answer/pipeline.js';
import { corpusViewOf } from '../../answer/corpus.js';
import { silentLogger } from '../../core/logger.js';
import { pageAt } from '../../core/pages.js';
import { buildTestIndex, type TestIndex } from '../helpers/test-index.js';
import { PANGOLIN_FACT, pangolinReportHtml, printPdf } from '../helpers/pdf.js';

let dir = '';
let index: TestIndex;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pages-'));
  await fs.mkdir(path.join(dir, 'corpus'));
  await fs.writeFile(path.join(dir, 'corpus', 'note-pangolins.pdf'), await printPdf(pangolinReportHtml()));
  index = await buildTestIndex({ corpusDir: path.join(dir, 'corpus') });
}, 120_000);
afterAll(async () => {
  await index?.close();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

describe('a passage that runs from page 1 onto page 2', () => {
  it('lists both pages, and the fact maps to page 2', () => {
    const passage = index.service.passagesOf('note-pangolins.pdf').find((p) => p.text.includes(PANGOLIN_FACT));
    expect(passage, 'a passage holds the fact').toBeDefined();
    expect(passage!.page).toBe(1);
    expect(passage!.pageSpans?.map((s) => s.page)).toEqual([1, 2]);
    expect(pageAt(passage!, passage!.text.indexOf(PANGOLIN_FACT))).toBe(2);
    expect(pageAt(passage!, 0)).toBe(1);
  });

  it('is cited with the page of the quoted sentence (2) and every page it covers', async () => {
    const answerer = createAnswerer({ retriever: index.retriever, logger: silentLogger, corpus: corpusViewOf(index.service) });
    const a = await answerer.answer({ message: "Combien de pangolins vivants l'opération Thunder a-t-elle permis de saisir ?" });
    expect(a.answered).toBe(true);
    const quote = a.quotes?.find((q) => q.text.includes('870 pangolins'));
    expect(quote, JSON.stringify(a)).toBeDefined();
    const cited = a.citations.find((c) => c.n === quote!.n)!;
    expect(cited.pages).toEqual([1, 2]);
    expect(cited.page).toBe(2);
  });
});
