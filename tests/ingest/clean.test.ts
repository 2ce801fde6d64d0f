import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanText, remapPages } from '../../ingest/clean.js';
import { CORPUS, CORPUS_FILES } from './helpers.js';

const raw = (f: string) => readFileSync(path.join(CORPUS, f), 'utf8');
const removedOf = (f: string) => cleanText(raw(f)).removed.map((r) => [r.reason, r.text]);

describe('cleaning the real corpus', () => {
  it('001: drops the "All news | Print" header and the cookie banner with its "En savoir plus"', () => {
    const { text } = cleanText(raw(CORPUS_FILES[1]));
    expect(removedOf(CORPUS_FILES[1])).toEqual([
      ['navigation', 'All news'],
      ['separator', '|'],
      ['navigation', 'Print'],
      ['cookie-banner', expect.stringMatching(/^Notre site utilise des cookies/)],
      ['consent-button', 'En savoir plus'],
    ]);
    expect(text.startsWith('05 février 2018\n\nLes chefs d’INTERPOL et de l’ONU se saisissent')).toBe(true);
    expect(text.endsWith('renforçant encore les relations entre les deux organisations.')).toBe(true);
    for (const gone of ['All news', 'Print', 'cookies', 'En savoir plus']) expect(text).not.toContain(gone);
  });

  it('003: keeps the caption repeated 9 times once and drops the lone "/"', () => {
    const { text, removed } = cleanText(raw(CORPUS_FILES[3]));
    const caption = 'La 6ème édition du Dialogue s’est déroulée au siège de l’Organisation des Nations Unies à New York.';
    expect(text.split(caption).length - 1).toBe(1);
    expect(removed.filter((r) => r.reason === 'repeated')).toHaveLength(8);
    expect(removed.filter((r) => r.reason === 'separator').map((r) => r.text)).toEqual(['/']);
    expect(text.split('\n')).not.toContain('/');
    expect(text).toContain(`${caption}\n\nUne vision et une responsabilité communes`);
  });

  it('000: drops the trailing "Actualités associées"', () => {
    const { text } = cleanText(raw(CORPUS_FILES[0]));
    expect(removedOf(CORPUS_FILES[0])).toEqual([['related-links', 'Actualités associées']]);
    expect(text.endsWith('les atteintes au patrimoine culturel.')).toBe(true);
  });

  it('004: drops "Plus d\'informations :" and the link titles under it, keeps the photo caption', () => {
    const { text } = cleanText(raw(CORPUS_FILES[4]));
    expect(removedOf(CORPUS_FILES[4])).toEqual([
      ['related-links', "Plus d'informations :"],
      ['related-links', "Discours du directeur général de l'ONUDC lors de l'événement"],
      ['related-links', '25ème session de la Commission pour la prévention du crime et la justice pénale'],
      ['related-links', 'Programme des événements lors de la 25ème Commission sur le crime'],
    ]);
    expect(text).toContain('Photo : ONUDC');
    expect(text.endsWith('a expliqué M. Fedotov.')).toBe(true);
  });

  it('002: has no noise and comes out unchanged', () => {
    const r = raw(CORPUS_FILES[2]);
    expect(cleanText(r).text).toBe(r.trim());
  });

  it.each(CORPUS_FILES)('%s: wording intact — every kept line is a verbatim line of the file, every other line is reported', (f) => {
    const source = raw(f);
    const rawLines = source.split('\n').map((l) => l.trim());
    const { text, removed } = cleanText(source);
    const kept = text.split('\n').filter((l) => l !== '');
    for (const line of kept) expect(rawLines).toContain(line);
    const nonBlank = rawLines.filter((l) => l !== '');
    expect(kept.length + removed.length).toBe(nonBlank.length);
    // typographic apostrophes, guillemets and NBSPs survive as they are
    for (const ch of ['’', "'", '«', '»', '\u00a0']) {
      const inKept = kept.join('\n').split(ch).length - 1;
      const inRemoved = removed.map((r) => r.text).join('\n').split(ch).length - 1;
      expect(inKept + inRemoved, `${f} ${JSON.stringify(ch)}`).toBe(source.split(ch).length - 1);
    }
  });

  it('keeps the non-breaking spaces of French typography (43 000, « … »)', () => {
    const { text } = cleanText(raw(CORPUS_FILES[1]));
    expect(text).toContain('plus de 43\u00a0000\u00a0profils');
    expect(text).toContain('«\u00a0système mondial d’alerte rapide\u00a0»');
  });
});

describe('cleaning generic news boilerplate', () => {
  it('drops English cookie banners and their buttons, but not an article about cookies', () => {
    const input = [
      'Regulators fine a search engine',
      'The CNIL fined Google 150 million euros over its advertising cookies on Tuesday.',
      'This website uses cookies to improve your experience.',
      'Accept all',
      'Learn more',
      'La CNIL a infligé une amende à Google pour ses cookies publicitaires.',
      'Nous utilisons des cookies pour améliorer votre expérience. En poursuivant votre navigation, vous acceptez leur utilisation.',
      'Tout accepter | Refuser',
      'Paramétrer',
    ].join('\n');
    const { text, removed } = cleanText(input);
    expect(text.split('\n')).toEqual([
      'Regulators fine a search engine',
      'The CNIL fined Google 150 million euros over its advertising cookies on Tuesday.',
      'La CNIL a infligé une amende à Google pour ses cookies publicitaires.',
    ]);
    expect(removed.map((r) => r.reason)).toEqual(['cookie-banner', 'consent-button', 'consent-button', 'cookie-banner', 'consent-button', 'consent-button']);
  });

  it('drops navigation, share bars, separators and page numbers; keeps look-alikes inside sentences', () => {
    const input = [
      'Accueil › Actualités',
      'Partager | Imprimer',
      'Facebook Twitter LinkedIn',
      'Imprimer',
      'Retour en haut de page',
      '* * *',
      '———',
      'Page 2 sur 5',
      '3 / 12',
      'Le ministre a refusé d’imprimer le rapport avant sa publication.',
      'Accepter',
      'Lire aussi :',
      'Un autre article sur le même sujet',
      'Le texte reprend ici, avec une phrase complète.',
    ].join('\n');
    const { text } = cleanText(input);
    expect(text.split('\n')).toEqual([
      'Accueil › Actualités',
      'Le ministre a refusé d’imprimer le rapport avant sa publication.',
      'Accepter',
      'Le texte reprend ici, avec une phrase complète.',
    ]);
  });

  it('normalises stray whitespace without touching words', () => {
    const input = '\r\n\r\n  Titre   avec\tespaces  \r\n\u00a0\r\n\r\n\r\nCorps : 43\u00a0000 « mots ».\u00a0\n\n\n\nFin.  \n\n';
    expect(cleanText(input).text).toBe('Titre avec espaces\n\nCorps : 43\u00a0000 « mots ».\n\nFin.');
  });

  it('removes a line only from its third occurrence on, and never short repeated cells', () => {
    const twice = 'Légende photo\nTexte un.\nLégende photo\nTexte deux.';
    expect(cleanText(twice).text).toBe(twice);
    const thrice = 'Légende photo\nA.\nLégende photo\nB.\nLégende photo\nC.';
    expect(cleanText(thrice).text).toBe('Légende photo\nA.\nB.\nC.');
    const cells = 'Oui\nNon\nOui\nOui';
    expect(cleanText(cells).text).toBe(cells);
  });

  it('maps page spans onto the cleaned text', () => {
    const pageTexts = ['Rapport annuel\nPremière page.\nPage 1 sur 3', 'Rapport annuel\nSeconde page.\nPage 2 sur 3', 'Rapport annuel\nTroisième.'];
    const pages: { page: number; start: number; end: number }[] = [];
    let input = '';
    pageTexts.forEach((t, i) => {
      if (input) input += '\n\n';
      pages.push({ page: i + 1, start: input.length, end: input.length + t.length });
      input += t;
    });
    const cleaned = cleanText(input);
    expect(cleaned.text).toBe('Rapport annuel\nPremière page.\n\nSeconde page.\n\nTroisième.');
    const mapped = remapPages(pages, cleaned.segments);
    expect(mapped.map((p) => cleaned.text.slice(p.start, p.end))).toEqual(['Rapport annuel\nPremière page.', 'Seconde page.', 'Troisième.']);
  });
});
