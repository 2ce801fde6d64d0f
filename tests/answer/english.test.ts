/**
 * English answers rendered by the real offline translator (Debian's Apertium, installed by
 * `pretest`): every quoted sentence gets an English rendering, labelled as machine translation,
 * while the French sentence stays what is cited; the short answer is English with its date and
 * number written faithfully. Without the engine the suite is skipped locally; CI must run it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusViewOf } from '../../answer/corpus.js';
import { LEAD_IN_TRANSLATED } from '../../answer/messages.js';
import { createAnswerer } from '../../answer/pipeline.js';
import type { Answerer } from '../../answer/types.js';
import { silentLogger } from '../../core/logger.js';
import { apertiumAvailability, openTranslator, type Translator } from '../../text/index.js';
import { buildTestIndex, corpusTexts, type TestIndex } from '../helpers/test-index.js';
import { expectVerbatimAnswer } from './verbatim.js';

const available = apertiumAvailability('fr-en').available;
if (!available && process.env.CI) throw new Error('Apertium is required under CI: scripts/ensure-apertium.mjs should have installed it');

describe.runIf(available)('English renderings (real Apertium)', () => {
  const corpus = corpusTexts();
  let index: TestIndex;
  let translator: Translator;
  let answerer: Answerer;

  beforeAll(async () => {
    index = await buildTestIndex();
    translator = openTranslator('fr-en')!;
    answerer = createAnswerer({ retriever: index.retriever, logger: silentLogger, corpus: corpusViewOf(index.service), translator });
  });
  afterAll(async () => {
    await translator?.close();
    await index?.close();
  });

  it('renders every quoted sentence in English, labelled, with the French sentence still cited', async () => {
    const a = await answerer.answer({ message: 'How many member countries does INTERPOL have?' });
    expectVerbatimAnswer(a, corpus);
    expect(a.translatedBy).toMatch(/^apertium /);
    expect(a.answer).toContain(LEAD_IN_TRANSLATED.en);
    for (const q of a.quotes ?? []) {
      expect(q.translation, `rendering of "${q.text.slice(0, 40)}…"`).toBeTruthy();
      expect(q.translation).not.toBe(q.text);
      expect(a.answer).toContain(`“${q.translation}” [${q.n}]`);
    }
    expect(a.shortAnswer?.text).toMatch(/^192 /);
    expect(a.shortAnswer?.original).toBe('192 pays membres');
  });

  it('writes dates and numbers faithfully in the English short answer', async () => {
    const when = await answerer.answer({ message: 'When was the UNODC–INTERPOL agreement signed?' });
    expect(when.shortAnswer?.text).toBe('On 23 May 2016');
    const many = await answerer.answer({ message: 'How many foreign terrorist fighter profiles does INTERPOL hold?' });
    expect(many.shortAnswer?.text).toMatch(/^More than 43,000 /);
    expect(many.answer).not.toMatch(/\d \d{3}\b/);
  });

  it('answers French questions in French, untranslated', async () => {
    const a = await answerer.answer({ message: 'Combien de pays membres compte INTERPOL ?' });
    expect(a.translatedBy).toBeUndefined();
    expect(a.quotes?.every((q) => q.translation === undefined)).toBe(true);
  });
});
