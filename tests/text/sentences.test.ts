import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanText } from '../../ingest/clean.js';
import { splitSentences } from '../../text/sentences.js';
import { CORPUS, CORPUS_FILES } from '../ingest/helpers.js';

const split = (text: string) => splitSentences(text).map((s) => text.slice(s.start, s.end));

describe('French sentence splitting', () => {
  it('does not split after M., MM., Mme, Dr., initials', () => {
    expect(split('Le Secrétaire général, M. Stock, a parlé. MM. Guterres et Stock ont signé. Mme Dupont et le Dr. Martin étaient là. J. Stock et J.-P. Dupont aussi.')).toEqual([
      'Le Secrétaire général, M. Stock, a parlé.',
      'MM. Guterres et Stock ont signé.',
      'Mme Dupont et le Dr. Martin étaient là.',
      'J. Stock et J.-P. Dupont aussi.',
    ]);
  });

  it('does not split after p. ex., cf., art., n°, No.', () => {
    expect(split('Certaines menaces, p. ex. La cybercriminalité, sont citées (cf. Art. 5 du traité, n° 12). Voir le No. 3 de la revue. Fin.')).toEqual([
      'Certaines menaces, p. ex. La cybercriminalité, sont citées (cf. Art. 5 du traité, n° 12).',
      'Voir le No. 3 de la revue.',
      'Fin.',
    ]);
  });

  it('keeps « … » quotations whole when the closing guillemet follows the punctuation', () => {
    const text = '« Nous devons agir. Demain ! », a conclu M. Stock. « Pourquoi ? » demande-t-il. Il ajoute « C’est fini. » Puis il part.';
    expect(split(text)).toEqual([
      '« Nous devons agir.',
      'Demain ! », a conclu M. Stock.',
      '« Pourquoi ? » demande-t-il.',
      'Il ajoute « C’est fini. »',
      'Puis il part.',
    ]);
    expect(split('« Seule la coopération nous permettra d’affronter celles de demain », a conclu M. Stock. Un long passé.')).toEqual([
      '« Seule la coopération nous permettra d’affronter celles de demain », a conclu M. Stock.',
      'Un long passé.',
    ]);
    // With French non-breaking spaces inside the guillemets, as in the corpus.
    expect(split('« Le partenariat est clair\u00a0», a déclaré M. Stock. « Trop\u00a0! » Fin.')).toEqual([
      '« Le partenariat est clair\u00a0», a déclaré M. Stock.',
      '« Trop\u00a0! »',
      'Fin.',
    ]);
  });

  it('never splits inside numbers, times, URLs or at ; and :', () => {
    expect(split('Quelque 4,5 milliards de recherches ; plus de 43 000 profils. Version 1.5 publiée à 10h30 sur www.interpol.int/fr. Le taux : 3.2 %. Fin.')).toEqual([
      'Quelque 4,5 milliards de recherches ; plus de 43 000 profils.',
      'Version 1.5 publiée à 10h30 sur www.interpol.int/fr.',
      'Le taux : 3.2 %.',
      'Fin.',
    ]);
  });

  it('handles ! ? ellipses and etc.', () => {
    expect(split('Vraiment ? Oui ! Il hésita… puis partit. Il attendit... Rien. Les armes, la drogue, etc. Le reste suit. Il a dit (…) Que faire.')).toEqual([
      'Vraiment ?',
      'Oui !',
      'Il hésita… puis partit.',
      'Il attendit...',
      'Rien.',
      'Les armes, la drogue, etc.',
      'Le reste suit.',
      'Il a dit (…) Que faire.',
    ]);
  });

  it('ends a sentence at every line break and flags heading lines', () => {
    const text = 'Un long passé de coopération\nINTERPOL a un long passé. Le Bureau a ouvert en 2004.\n\n05 février 2018\nUne phrase sans point\nsuite';
    const spans = splitSentences(text);
    expect(spans.map((s) => [text.slice(s.start, s.end), s.heading])).toEqual([
      ['Un long passé de coopération', true],
      ['INTERPOL a un long passé.', false],
      ['Le Bureau a ouvert en 2004.', false],
      ['05 février 2018', true],
      ['Une phrase sans point', true],
      ['suite', true],
    ]);
  });

  it('corpus: "M. Stock" and "MM. António Guterres" never end a sentence; spans are trimmed and ordered', () => {
    for (const f of CORPUS_FILES) {
      const text = cleanText(readFileSync(path.join(CORPUS, f), 'utf8')).text;
      const spans = splitSentences(text);
      let prevEnd = 0;
      for (const s of spans) {
        expect(s.start).toBeGreaterThanOrEqual(prevEnd);
        const t = text.slice(s.start, s.end);
        expect(t).toBe(t.trim());
        expect(t).not.toMatch(/(?:^|\s)MM?\.$/u);
        expect(t).not.toMatch(/^Stock\b/u);
        prevEnd = s.end;
      }
    }
    const t1 = cleanText(readFileSync(path.join(CORPUS, CORPUS_FILES[1]), 'utf8')).text;
    expect(split(t1)).toContain(
      'Lors de leur première réunion, les Secrétaires Généraux de l’ONU et d’INTERPOL, MM. António Guterres et Jürgen Stock, ont abordé les domaines d’intérêt commun dans lesquels les deux organisations peuvent encore rationaliser et renforcer leur coopération au profit de leurs pays membres.',
    );
    expect(split(t1)).toContain('INTERPOL collabore avec l’ONU depuis 1949.');
  });
});
