import { afterAll, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../core/logger.js';
import { apertiumAvailability, clip, escapeStream, openTranslator, unescapeStream, type Translator } from '../../text/translate.js';

// The real engine (Debian's Apertium, installed by `pretest`). Without it the suite is skipped
// locally, but CI must exercise it: there a missing engine fails.
const available = apertiumAvailability('fr-en').available && apertiumAvailability('en-fr').available;
if (!available && process.env.CI) {
  throw new Error('Apertium is required under CI: scripts/ensure-apertium.mjs should have installed it');
}

describe('stream escaping', () => {
  it('round-trips the characters the Apertium stream format reserves', () => {
    const text = 'a/b <c> [d] ^e$ @f \\g {h}';
    expect(escapeStream(text)).toBe('a\\/b \\<c\\> \\[d\\] \\^e\\$ \\@f \\\\g \\{h\\}');
    expect(unescapeStream(escapeStream(text))).toBe(text);
  });
  it('turns NUL and other control characters into spaces (NUL separates records)', () => {
    expect(escapeStream('a\u0000b\u0007c\nd\te')).toBe('a b c\nd\te');
  });
  it('clips a long text at a sentence end, else a word boundary', () => {
    expect(clip('Une phrase assez longue. Une autre phrase.', 30)).toBe('Une phrase assez longue.');
    expect(clip('mot mot mot mot mot', 10)).toBe('mot mot');
    expect(clip('court', 10)).toBe('court');
  });
});

describe('openTranslator without the engine', () => {
  it('returns null and logs why and how to install', () => {
    const logger = memoryLogger();
    expect(openTranslator('fr-en', { modesDir: '/nonexistent', logger })).toBeNull();
    const line = logger.lines.find((l) => l.msg === 'translation unavailable');
    expect(line?.fields.hint).toMatch(/apt-get install apertium apertium-fr-es apertium-eng-spa/);
  });
});

describe.runIf(available)('Apertium translator (real engine)', () => {
  const opened: Translator[] = [];
  const open = (direction: 'fr-en' | 'en-fr', options = {}) => {
    const t = openTranslator(direction, options);
    if (!t) throw new Error('translator unavailable');
    opened.push(t);
    return t;
  };
  afterAll(async () => {
    await Promise.all(opened.map((t) => t.close()));
  });

  it('translates French to English through Spanish, keeping dates and names', async () => {
    const fr = open('fr-en');
    const [out] = await fr.translate([
      'Lors de leur première réunion, le 5 février 2018, les deux responsables ont évoqué la lutte contre le terrorisme.',
    ]);
    expect(out).toMatch(/first meeting/);
    expect(out).toMatch(/5 February 2018/);
    expect(out).toMatch(/terrorism/);
    expect(fr.engine).toBe('apertium fr-es|spa-eng');
  });

  it('translates English to French', async () => {
    const en = open('en-fr');
    const [out] = await en.translate(['The meeting took place in Lyon.']);
    expect(out).toMatch(/réunion/i);
    expect(out).toMatch(/Lyon/);
  });

  it('keeps order across a batch, concurrent callers and reserved characters', async () => {
    const fr = open('fr-en');
    const texts = Array.from({ length: 40 }, (_, i) => `Le chat numéro ${i} dort [${i}] / <${i}>.`);
    const [a, b] = await Promise.all([fr.translate(texts.slice(0, 20)), fr.translate(texts.slice(20))]);
    const all = [...a, ...b];
    expect(all).toHaveLength(40);
    all.forEach((out, i) => {
      expect(out).toContain(String(i));
      expect(out).toMatch(/cat/i);
      expect(out).toContain(`[${i}]`);
      expect(out).toContain(`<${i}>`);
    });
  });

  it('passes blank texts through and answers again from the cache', async () => {
    const fr = open('fr-en');
    expect(await fr.translate(['', '   '])).toEqual(['', '   ']);
    const [first] = await fr.translate(['Il pleut à Paris.']);
    const [again] = await fr.translate(['Il pleut à Paris.']);
    expect(again).toBe(first);
  });

  it('rejects when the engine hangs past its deadline, then recovers with a fresh engine', async () => {
    const fr = open('fr-en', { timeoutMs: 1, msPerChar: 0 });
    await expect(fr.translate(['Une phrase qui ne reviendra pas à temps.'])).rejects.toThrow(/no answer in/);
    const healthy = open('fr-en');
    await expect(healthy.translate(['Bonjour.'])).resolves.toHaveLength(1);
  });

  it('stops waiting when the caller aborts', async () => {
    const fr = open('fr-en');
    const controller = new AbortController();
    const pending = fr.translate(['Une autre phrase, assez longue pour ne pas être immédiate.'], { signal: controller.signal });
    controller.abort(new Error('client left'));
    await expect(pending).rejects.toThrow('client left');
  });
});
