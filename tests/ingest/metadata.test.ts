import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanText } from '../../ingest/clean.js';
import { documentMetadata, extractDate, extractTitle } from '../../ingest/metadata.js';
import { CORPUS, CORPUS_FILES } from './helpers.js';

const cleaned = (f: string) => cleanText(readFileSync(path.join(CORPUS, f), 'utf8')).text;

describe('metadata of the real corpus', () => {
  const got = CORPUS_FILES.map((f) => ({ file: f, ...documentMetadata(cleaned(f), {}, f) }));

  it('prints title and date for all five files', () => {
    // Shown in the test output on purpose: the lead asked to see what the heuristics give.
    console.log(got.map((g) => `${g.file}  ${g.date ?? 'null      '}  ${g.title}`).join('\n'));
    expect(got).toHaveLength(5);
  });

  it('titles: first short heading-like line before the body, never the date line', () => {
    expect(got.map((g) => g.title)).toEqual([
      // 000 opens on a 336-char lead paragraph (no headline): its later headings are section
      // headings, so the title is the lead sentence without its dateline, cut at a word.
      'Dans un monde où les menaces sont de plus en plus complexes et interconnectées, les Secrétaires…',
      'Les chefs d’INTERPOL et de l’ONU se saisissent des questions de sécurité mondiale',
      'Antiterrorisme',
      'Le Dialogue INTERPOL étudie le lien entre la sécurité internationale et le développement durable',
      "Un accord entre l'ONUDC et INTERPOL crée un partenariat pour lutter contre la criminalité transnationale organisée et les défis du terrorisme",
    ]);
  });

  it('dates: the first full date of the head, not years or event dates from the body', () => {
    expect(got.map((g) => g.date)).toEqual([
      null, // only "en 2018", "en 1997", "2030" in the text
      '2018-02-05', // "05 février 2018" line
      null, // "En décembre 2018" is month + year in the body
      '2022-12-10', // "10 décembre 2022", not "les 8 et 9 décembre"
      '2016-05-23', // "23 mai 2016 - Lors …", after the headline and the photo caption
    ]);
  });
});

describe('metadata rules', () => {
  it('loader-provided title and date win', () => {
    expect(documentMetadata('Un titre\n\n5 mars 2019\nTexte.', { title: ' Titre  HTML ', date: '2020-01-01' }, 'a/b.html')).toEqual({
      title: 'Titre HTML',
      date: '2020-01-01',
    });
  });

  it('falls back to the lead sentence (dateline removed, cut at a word), then to the file name', () => {
    const text =
      'PARIS (AFP) – Une seule longue phrase qui ne ressemble pas du tout à un titre parce qu’elle est bien trop longue pour en être un et se termine par un point. Suite.';
    expect(documentMetadata(text, {}, 'dossier/Mon Fichier.TXT')).toEqual({
      title: 'Une seule longue phrase qui ne ressemble pas du tout à un titre parce qu’elle est bien trop longue…',
      date: null,
    });
    expect(documentMetadata('Court.', {}, 'dossier/Mon Fichier.TXT').title).toBe('Court');
    expect(documentMetadata('', {}, 'dossier/Mon Fichier.TXT')).toEqual({ title: 'Mon Fichier', date: null });
  });

  it('a heading after the first body paragraph is a section heading, not the title', () => {
    const body = 'x'.repeat(250) + ' fin.';
    expect(extractTitle(`${body}\nIntertitre\nSuite du texte.`)).toBeNull();
  });

  it('skips captions and dates when looking for a title', () => {
    expect(extractTitle('Photo : AFP\n12 mars 2021\nLe vrai titre\nTexte.')).toBe('Le vrai titre');
  });

  it('does not take a date from far down the body', () => {
    const body = Array.from({ length: 10 }, (_, i) => `Paragraphe ${i + 1} sans date.`).join('\n');
    expect(extractDate(`Titre\n${body}\nLe 5 mars 2019, la réunion a eu lieu.`)).toBeNull();
    expect(extractDate(`Titre\nLe 5 mars 2019, la réunion a eu lieu.\n${body}`)).toBe('2019-03-05');
  });
});
