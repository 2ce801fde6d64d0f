import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.js';
import { loaderFor, loaderForMimeType, supportedExtensions } from '../../ingest/loaders/index.js';
import { decodeText } from '../../ingest/loaders/decode.js';
import { htmlToDocument } from '../../ingest/loaders/html.js';
import { markdownToDocument } from '../../ingest/loaders/markdown.js';
import { FIXTURES, NEWS_HTML, docxFile, imageOnlyPdf, tempDir, twoPagePdf } from './helpers.js';

const enc = (s: string) => new TextEncoder().encode(s);

async function load(name: string, bytes: Uint8Array) {
  return loaderFor(name, bytes).load(bytes, name);
}

async function loadError(name: string, bytes: Uint8Array): Promise<AppError> {
  try {
    await load(name, bytes);
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error(`expected ${name} to fail`);
}

describe('text loader', () => {
  it('reads UTF-8 and strips the BOM', async () => {
    const doc = await load('a.txt', new Uint8Array([0xef, 0xbb, 0xbf, ...enc('Été « 43\u00a0000 »')]));
    expect(doc.text).toBe('Été « 43\u00a0000 »');
    expect(doc.format).toBe('txt');
  });

  it('detects Latin-1 / Windows-1252 text instead of producing mojibake', async () => {
    const original =
      'Les Secrétaires généraux de l’ONU et d’INTERPOL se sont réunis à New York.\n' +
      'La coopération sera renforcée « dès demain », a déclaré M. Stock ; près de 43 000 profils.\n' +
      'Cybercriminalité, sûreté maritime, santé mondiale : les priorités évoquées sont nombreuses.\n';
    const bytes = iconv.encode(original, 'windows-1252');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow(); // really not UTF-8
    const doc = await load('latin.txt', bytes);
    expect(doc.text).toBe(original);
    expect(doc.encoding).toMatch(/windows-1252|iso-8859-1/);

    const pureLatin1 = 'Élément clé : la sécurité à l\'échelle régionale, évidemment. Garçon, où êtes-vous ?\n'.repeat(3);
    expect((await load('latin1.txt', iconv.encode(pureLatin1, 'latin1'))).text).toBe(pureLatin1);
  });

  it('reads UTF-16 with a BOM', async () => {
    const bytes = iconv.encode('Sécurité mondiale', 'utf-16le', { addBOM: true });
    expect((await load('u16.txt', bytes)).text).toBe('Sécurité mondiale');
  });

  it('refuses binary junk named .txt and empty files with DOCUMENT_UNREADABLE', async () => {
    const junk = new Uint8Array(4096);
    let x = 12345;
    for (let i = 0; i < junk.length; i++) {
      x = (x * 1103515245 + 12345) >>> 0;
      junk[i] = x >>> 24;
    }
    const e1 = await loadError('junk.txt', junk);
    expect(e1.code).toBe('DOCUMENT_UNREADABLE');
    expect(e1.message).toMatch(/binary/);

    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    expect((await loadError('image.txt', png)).message).toMatch(/binary/);

    const e2 = await loadError('empty.txt', new Uint8Array(0));
    expect(e2.code).toBe('DOCUMENT_UNREADABLE');
    expect(e2.message).toMatch(/empty/);
    expect((await loadError('blank.txt', enc(' \n\t\n'))).message).toMatch(/only whitespace/);
  });
});

describe('HTML loader', () => {
  it('extracts the article text with parse5, dropping scripts, styles, nav, header, footer, aside, cookie banner', async () => {
    const doc = await load('page.html', enc(NEWS_HTML));
    expect(doc.format).toBe('html');
    expect(doc.title).toBe('Coopération renforcée entre l’ONU et INTERPOL');
    expect(doc.date).toBe('2019-03-14');
    for (const gone of ['SCRIPT TEXT', 'STYLE TEXT', 'LATE SCRIPT', 'All news', 'Print', 'cookies', 'Accepter', 'En savoir plus',
      'Mon site', 'Mentions légales', 'Publicité', 'Texte caché', 'Facebook']) {
      expect(doc.text, gone).not.toContain(gone);
    }
    const lines = doc.text.split('\n');
    expect(lines).toContain('Coopération renforcée entre l’ONU et INTERPOL');
    expect(lines).toContain('Un long passé');
    expect(lines).toContain('Cybercriminalité');
    expect(lines).toContain('Terrorisme');
    expect(lines).toContain('Année | Recherches');
    expect(lines).toContain('2017 | 4,5 milliards');
    // Inline markup and source line breaks collapse; entities decode; NBSP stays NBSP.
    expect(doc.text).toContain('NEW YORK – Les Secrétaires généraux ont signé un accord. M. Stock a salué « une étape importante ».');
    expect(doc.text).toContain('depuis 1949\u00a0; près de 43\u00a0000 profils');
    // Block elements become line breaks: paragraphs separated by a blank line.
    expect(doc.text).toMatch(/accord\. M\. Stock a salué « une étape importante »\.\n\nUn long passé\n\nINTERPOL/);
  });

  it('falls back to <title> minus the site name, and to <time datetime> for the date', () => {
    const doc = htmlToDocument(
      '<html><head><title>Le Dialogue INTERPOL étudie le lien – INTERPOL</title></head>' +
        '<body><p>Texte.</p><time datetime="2022-12-10T08:00:00Z">10 décembre</time></body></html>',
    );
    expect(doc.title).toBe('Le Dialogue INTERPOL étudie le lien');
    expect(doc.date).toBe('2022-12-10');
    expect(htmlToDocument('<p>Pas de date ici, en 2018.</p>').date).toBeUndefined();
  });

  it('decodes a Latin-1 page declared by <meta charset>', async () => {
    const html = '<!doctype html><html><head><meta charset="iso-8859-1"><title>Sécurité</title></head><body><p>Déclaration à l\'ONU</p></body></html>';
    const doc = await load('latin.htm', iconv.encode(html, 'latin1'));
    expect(doc.text).toBe("Déclaration à l'ONU");
    expect(doc.title).toBe('Sécurité');
  });
});

describe('Markdown loader', () => {
  it('strips markup syntax, keeps words, takes the title from the first # heading', () => {
    const md = [
      '# Un accord entre l’ONUDC et *INTERPOL*',
      '',
      'Publié le **23 mai 2016** par [l’ONUDC](https://www.unodc.org/ "site").',
      '',
      '## Les menaces',
      '',
      '- la _cybercriminalité_ ;',
      '* le `trafic` d’armes ;',
      '1. le blanchiment d\\*argent.',
      '',
      '> « Nous nous réjouissons », a dit M. Fedotov.',
      '',
      '![Photo de la signature](photo.jpg)',
      '',
      '| Année | Accord |',
      '|-------|--------|',
      '| 2016 | signé |',
      '',
      '---',
      '',
      '```',
      'code gardé',
      '```',
      'Texte avec <abbr title="Office">ONUDC</abbr> &amp; INTERPOL.',
      '',
      '[ref]: https://example.org',
    ].join('\n');
    const doc = markdownToDocument(md);
    expect(doc.title).toBe('Un accord entre l’ONUDC et INTERPOL');
    expect(doc.text.split('\n')).toEqual([
      'Un accord entre l’ONUDC et INTERPOL',
      '',
      'Publié le 23 mai 2016 par l’ONUDC.',
      '',
      'Les menaces',
      '',
      'la cybercriminalité ;',
      'le trafic d’armes ;',
      'le blanchiment d*argent.',
      '',
      '« Nous nous réjouissons », a dit M. Fedotov.',
      '',
      'Photo de la signature',
      '',
      'Année | Accord',
      '2016 | signé',
      '',
      '',
      'code gardé',
      'Texte avec ONUDC & INTERPOL.',
      '',
    ]);
  });

  it('reads front matter and setext headings', async () => {
    const fm = markdownToDocument('---\ntitle: "Titre du front matter"\ndate: 2020-03-01\n---\nCorps du texte.');
    expect(fm.title).toBe('Titre du front matter');
    expect(fm.date).toBe('2020-03-01');
    expect(fm.text).toBe('Corps du texte.');
    const setext = await load('s.md', enc('Le grand titre\n==============\n\nTexte.'));
    expect(setext.title).toBe('Le grand titre');
    expect(setext.text).toBe('Le grand titre\n\nTexte.');
    expect(setext.format).toBe('md');
  });
});

describe('DOCX loader (files written with the docx package)', () => {
  const body = [
    'Les Secrétaires généraux de l’ONU et d’INTERPOL se sont entretenus à New York.',
    '« La coopération nous permettra de lutter efficacement », a conclu M. Stock.',
  ];

  it('extracts paragraphs and takes the title from the Title/Heading 1 paragraph', async () => {
    const doc = await load('note.docx', await docxFile({ heading: 'Coopération ONU – INTERPOL', coreTitle: 'Titre des propriétés', body }));
    expect(doc.format).toBe('docx');
    expect(doc.title).toBe('Coopération ONU – INTERPOL');
    const paragraphs = doc.text.split(/\n+/);
    expect(paragraphs).toEqual(['Coopération ONU – INTERPOL', 'Contexte', ...body]);
  });

  it('falls back to the core-properties title when there is no level-1 heading', async () => {
    const doc = await load('note.docx', await docxFile({ coreTitle: 'Note sur la coopération', body }));
    expect(doc.title).toBe('Note sur la coopération');
  });

  it('refuses a damaged DOCX', async () => {
    const bytes = await docxFile({ body });
    const err = await loadError('broken.docx', bytes.subarray(0, 200));
    expect(err.code).toBe('DOCUMENT_UNREADABLE');
  });
});

describe('PDF loader (unpdf; files written with pdf-lib)', () => {
  it('extracts text per page with 1-based page spans', async () => {
    const doc = await load('rapport.pdf', await twoPagePdf());
    expect(doc.format).toBe('pdf');
    expect(doc.title).toBe('Rapport de test');
    expect(doc.pages?.map((p) => p.page)).toEqual([1, 2]);
    const [p1, p2] = doc.pages!;
    expect(doc.text.slice(p1!.start, p1!.end)).toBe(
      'Première page : l’accord « Paix » a été signé. Deuxième ligne de la page un. M. Stock a parlé.',
    );
    expect(doc.text.slice(p2!.start, p2!.end)).toBe('Seconde page : 43 000 profils et 4,5 milliards. La coopération continue avec INTERPOL.');
  });

  it('re-flows wrapped lines into paragraphs from the page geometry', async () => {
    const pdf = await PDFDocument.create();
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    const page = pdf.addPage([595, 842]);
    const at = (text: string, y: number, size = 11) => page.drawText(text, { x: 50, y, size, font });
    at('Rapport annuel INTERPOL', 810, 9); // running header, set apart
    at('La coopération internationale', 760, 18); // heading: bigger font
    at('Les Secrétaires généraux de l’ONU et d’INTERPOL se sont entre-', 730);
    at('tenus à New York sur les axes de coopération renforcée, dont la', 717);
    at('cybercriminalité et la sûreté maritime.', 704);
    at('Un second paragraphe commence après un espace plus grand et', 680);
    at('se poursuit sur la ligne suivante.', 667);
    at('• premier point de la liste', 654);
    at('• second point', 641);
    at('Page 1 sur 1', 40, 9);
    const doc = await load('mise-en-page.pdf', await pdf.save());
    expect(doc.text.split('\n\n')).toEqual([
      'Rapport annuel INTERPOL',
      'La coopération internationale',
      'Les Secrétaires généraux de l’ONU et d’INTERPOL se sont entretenus à New York sur les axes de coopération renforcée, dont la cybercriminalité et la sûreté maritime.',
      'Un second paragraphe commence après un espace plus grand et se poursuit sur la ligne suivante.',
      '• premier point de la liste',
      '• second point',
      'Page 1 sur 1',
    ]);
  });

  it('refuses a PDF without a text layer, saying so', async () => {
    const err = await loadError('scan.pdf', await imageOnlyPdf());
    expect(err.code).toBe('DOCUMENT_UNREADABLE');
    expect(err.message).toMatch(/no text layer/);
  });

  it('refuses a broken PDF', async () => {
    const good = await twoPagePdf();
    for (const bytes of [enc('%PDF-1.7\nthis is not really a pdf'), good.subarray(0, 300)]) {
      const err = await loadError('broken.pdf', bytes);
      expect(err.code).toBe('DOCUMENT_UNREADABLE');
      expect(err.message).toMatch(/damaged|could not/);
    }
  });

  it('refuses a password-protected PDF (committed fixture, encrypted with qpdf)', async () => {
    const err = await loadError('locked.pdf', readFileSync(path.join(FIXTURES, 'encrypted-user-password.pdf')));
    expect(err.code).toBe('DOCUMENT_UNREADABLE');
    expect(err.message).toMatch(/encrypted/);
  });

  describe.skipIf(!existsSync('/usr/bin/qpdf'))('with qpdf installed', () => {
    let tmp: Awaited<ReturnType<typeof tempDir>>;
    beforeAll(async () => {
      tmp = await tempDir();
    });
    afterAll(async () => tmp.cleanup());

    it('refuses a freshly encrypted PDF and reads one encrypted without a user password', async () => {
      const plain = path.join(tmp.dir, 'plain.pdf');
      writeFileSync(plain, await twoPagePdf());
      const locked = path.join(tmp.dir, 'locked.pdf');
      const ownerOnly = path.join(tmp.dir, 'owner-only.pdf');
      execFileSync('qpdf', ['--encrypt', 'user-pw', 'owner-pw', '256', '--', plain, locked]);
      execFileSync('qpdf', ['--encrypt', '', 'owner-pw', '256', '--', plain, ownerOnly]);
      expect((await loadError('locked.pdf', readFileSync(locked))).message).toMatch(/encrypted/);
      // Only permissions are restricted: anyone can open it, so its text is ingested.
      expect((await load('owner-only.pdf', readFileSync(ownerOnly))).text).toContain('Seconde page');
    });
  });
});

describe('loader registry', () => {
  it('chooses by extension, and by content when the extension lies', async () => {
    const pdf = await twoPagePdf();
    expect(loaderFor('a.pdf', pdf).name).toBe('pdf');
    expect(loaderFor('scan-mal-nommé.txt', pdf).name).toBe('pdf');
    expect(loaderFor('sans-extension', pdf).name).toBe('pdf');
    const docx = await docxFile({ body: ['Texte.'] });
    expect(loaderFor('note.bin', docx).name).toBe('docx');
    expect(loaderFor('page.txt', enc('<!DOCTYPE html><html><body><p>x</p></body></html>')).name).toBe('html');
    expect(loaderFor('erreur.pdf', enc('<html><body>404</body></html>')).name).toBe('html');
    expect(loaderFor('README.MD', enc('# Titre')).name).toBe('md');
    expect(loaderFor('notes.txt', enc('Bonjour')).name).toBe('txt');
    expect(loaderForMimeType('text/html; charset=utf-8')?.name).toBe('html');
    expect(supportedExtensions()).toEqual(expect.arrayContaining(['.txt', '.md', '.html', '.htm', '.pdf', '.docx']));
  });

  it('refuses unknown types with DOCUMENT_UNSUPPORTED', () => {
    for (const [name, bytes] of [
      ['photo.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47])],
      ['tableur.xlsx', enc('PK\u0003\u0004 not a docx')],
      ['fichier', enc('texte sans extension')],
    ] as const) {
      let err: unknown;
      try {
        loaderFor(name, bytes);
      } catch (e) {
        err = e;
      }
      expect(err, name).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('DOCUMENT_UNSUPPORTED');
    }
  });

  it('decodeText reports how the encoding was chosen', () => {
    expect(decodeText(enc('déjà'), 'x.txt').via).toBe('utf8');
    expect(decodeText(iconv.encode('déjà vu, à l’évidence, très bien', 'windows-1252'), 'x.txt').via).toBe('detected');
  });
});
