/** Query expansions: acronyms the corpus defines, number words, multi-word names. */
import { describe, expect, it } from 'vitest';
import type { Passage } from '../../../core/types.js';
import { numberWordValue } from '../../../text/number-words.js';
import { AcronymTable, findDefinitions } from '../../../index/retrieve/acronyms.js';
import { analyseQuestion, type CorpusContext } from '../../../index/retrieve/query.js';
import { DEFAULT_QUESTION } from '../../../index/retrieve/query.js';
import { corpusTexts } from '../../helpers/test-index.js';

describe('acronym definitions', () => {
  it('finds "long form (SHORT)" in the corpus, French function words included', () => {
    const found = new Map<string, string>();
    for (const text of corpusTexts().values()) for (const d of findDefinitions(text)) found.set(d.short, d.long.join(' '));
    expect(found.get('onu')).toBe('organis nation uni');
    expect(found.get('blt')).toBe('bureau lutt terror'); // Bureau de lutte contre le terrorisme
    expect(found.get('cct')).toBe('comit terror'); // Comité contre le terrorisme: "contre" lends its C
    expect(found.get('onudc')).toBe('offic nation uni drogu crim');
    expect(found.has('dect')).toBe(false); // "sa Direction exécutive (DECT)": the letters do not fit
  });

  it('rejects parentheses that are not definitions', () => {
    expect(findDefinitions('Le rapport annuel (PDF) est publié.')).toEqual([]);
    expect(findDefinitions('Il est parti (OK) hier.')).toEqual([]);
  });

  it('keeps the table in step with the passages (incremental)', () => {
    const p = (id: string, text: string): Passage => ({ id, source: 's', title: '', date: null, text, start: 0, end: text.length, ordinal: 0 });
    const table = new AcronymTable();
    table.sync([p('1', 'Le Fonds monétaire international (FMI) a parlé.')]);
    expect(table.longForm('fmi')).toEqual(['fond', 'monetair', 'international']);
    table.sync([]);
    expect(table.longForm('fmi')).toBeUndefined();
  });
});

describe('question expansion', () => {
  const table = new AcronymTable();
  table.sync([{ id: '1', source: 's', title: '', date: null, text: 'Organisation des Nations Unies (ONU).', start: 0, end: 10, ordinal: 0 }]);
  const corpus: CorpusContext = { vocabulary: null, isName: () => false, acronyms: table };
  const analyse = (q: string) => analyseQuestion(q, undefined, corpus, { ...DEFAULT_QUESTION, lexicon: null });

  it('merges a long form in the question into one group that also accepts the acronym', () => {
    const q = analyse('Que fait INTERPOL avec les Nations Unies ?');
    const g = q.groups.findIndex((x) => x.text === 'nations unies');
    expect(g).toBeGreaterThanOrEqual(0);
    const alts = q.analysis.terms.filter((t) => t.group === g).map((t) => t.stems.join(' '));
    expect(alts).toEqual(expect.arrayContaining(['nation uni', 'onu']));
    expect(q.groups[g]!.entity).toBe(true);
  });

  it('gives an acronym its long form as a phrase alternative', () => {
    const q = analyse('Que fait l’ONU ?');
    const g = q.groups.findIndex((x) => x.text === 'onu');
    expect(q.analysis.terms.filter((t) => t.group === g).map((t) => t.stems.join(' '))).toContain('organis nation uni');
  });

  it('adds digits to number words', () => {
    expect(numberWordValue('sixieme')).toBe('6');
    expect(numberWordValue('sixth')).toBe('6');
    expect(numberWordValue('un')).toBeUndefined();
    const q = analyse('Quel était le thème de la sixième édition ?');
    const g = q.groups.findIndex((x) => x.text === 'sixieme');
    expect(q.analysis.terms.filter((t) => t.group === g).map((t) => t.stems.join(' '))).toContain('6');
  });

  it('merges consecutive name words into one group (a name is one concept)', () => {
    const q = analyse('Qui a rencontré António Guterres ?');
    expect(q.groups.map((g) => g.text)).toContain('antonio guterres');
    const g = q.groups.findIndex((x) => x.text === 'antonio guterres');
    const masses = q.analysis.terms.filter((t) => t.group === g).reduce((s, t) => s + t.weight * t.weight, 0);
    expect(masses).toBeCloseTo(q.analysis.groups[g]!.mass, 9);
  });
});
