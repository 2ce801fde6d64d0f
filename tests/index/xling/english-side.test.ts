import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Passage } from '../../../core/types.js';
import { EnglishSide } from '../../../index/xling/english-side.js';
import { apertiumAvailability, openTranslator, type Translator } from '../../../text/translate.js';

const available = apertiumAvailability('fr-en').available;
if (process.env['CI'] === 'true' && !available) throw new Error('Apertium is required under CI (scripts/ensure-apertium.mjs)');

function passage(id: string, text: string): Passage {
  return { id, source: `${id}.txt`, title: id, date: null, text, start: 0, end: text.length, ordinal: 0 };
}

/** The real translator, counting what it is asked to translate. */
function counting(inner: Translator): Translator & { count: number } {
  const t = {
    count: 0,
    direction: inner.direction,
    engine: inner.engine,
    translate: (texts: readonly string[]) => {
      t.count += texts.length;
      return inner.translate(texts);
    },
    warm: () => inner.warm(),
    close: () => inner.close(),
  };
  return t;
}

describe.skipIf(!available)('EnglishSide (real Apertium)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'english-side-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const passages = [passage('p1', 'Je sais où il habite.'), passage('p2', 'Le chat dort sur le lit.'), passage('p3', 'Il pleut depuis trois jours.')];

  it('finds a passage through its English rendering, and translates each text once across restarts', async () => {
    const cacheFile = path.join(dir, 'translations.jsonl');
    const first = counting(openTranslator('fr-en')!);
    const side = new EnglishSide(first, cacheFile, (await import('../../../core/logger.js')).silentLogger);
    await side.sync(passages);
    expect(first.count).toBe(3);
    expect(side.size).toBe(3);
    expect(side.search('The cat is sleeping on the bed', 3)[0]?.id).toBe('p2');
    expect(side.search('It has been raining for three days', 3)[0]?.id).toBe('p3');

    const second = counting(openTranslator('fr-en')!);
    const again = new EnglishSide(second, cacheFile, (await import('../../../core/logger.js')).silentLogger);
    await again.sync([...passages.slice(1), passage('p4', 'Le roi parle à son peuple.')]);
    expect(second.count).toBe(1);
    expect(again.size).toBe(3);
    expect(again.search('The king speaks to his people', 3)[0]?.id).toBe('p4');
    expect(again.search('where he lives', 3).map((h) => h.id)).not.toContain('p1');
  }, 60_000);

  it('stays off above maxPassages', async () => {
    const t = counting(openTranslator('fr-en')!);
    const side = new EnglishSide(t, null, (await import('../../../core/logger.js')).silentLogger, { maxPassages: 2 });
    await side.sync(passages);
    expect(t.count).toBe(0);
    expect(side.size).toBe(0);
    expect(side.search('cat', 3)).toEqual([]);
  });
});

describe('EnglishSide when the engine fails', () => {
  it('never fails a refresh: search goes on with what was translated', async () => {
    let calls = 0;
    const broken: Translator = {
      direction: 'fr-en',
      engine: 'broken',
      translate: () => {
        calls++;
        return Promise.reject(new Error('no answer in 15000 ms'));
      },
      warm: () => Promise.resolve(),
      close: () => Promise.resolve(),
    };
    const side = new EnglishSide(broken, null, (await import('../../../core/logger.js')).silentLogger);
    await expect(side.sync([passage('p1', 'Le chat dort.')])).resolves.toBeUndefined();
    expect(calls).toBe(3);
    expect(side.size).toBe(0);
    expect(side.search('cat', 3)).toEqual([]);
  });
});
