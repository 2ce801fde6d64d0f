/** Generators for real files of each format (no mocks: the loaders read what the libraries write). */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CORPUS = path.join(ROOT, 'corpus');
export const FIXTURES = path.join(ROOT, 'tests/fixtures/ingest');
export const CORPUS_FILES = [
  '000_87e5c8281a3b5988.txt',
  '001_9e0b992cc2ec1990.txt',
  '002_58e4ed2aa27687eb.txt',
  '003_ae5fb4e1d94c0dac.txt',
  '004_9afdffdf36575cd6.txt',
] as const;

export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ingest-test-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** A two-page PDF with a text layer; page 2 starts with "Seconde page". */
export async function twoPagePdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle('Rapport de test');
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const p1 = pdf.addPage([595, 842]);
  p1.drawText('Première page : l’accord « Paix » a été signé.', { x: 50, y: 780, size: 12, font });
  p1.drawText('Deuxième ligne de la page un. M. Stock a parlé.', { x: 50, y: 760, size: 12, font });
  const p2 = pdf.addPage([595, 842]);
  p2.drawText('Seconde page : 43 000 profils et 4,5 milliards.', { x: 50, y: 780, size: 12, font });
  p2.drawText('La coopération continue avec INTERPOL.', { x: 50, y: 760, size: 12, font });
  return pdf.save();
}

/** A PDF whose only page holds a filled rectangle: no text layer, like a scan. */
export async function imageOnlyPdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([595, 842]);
  page.drawRectangle({ x: 50, y: 50, width: 400, height: 600, color: rgb(0.2, 0.2, 0.2) });
  pdf.addPage([595, 842]);
  return pdf.save();
}

export async function docxFile(opts: { coreTitle?: string; heading?: string; body: string[] }): Promise<Buffer> {
  const children: Paragraph[] = [];
  if (opts.heading) children.push(new Paragraph({ text: opts.heading, heading: HeadingLevel.TITLE }));
  children.push(new Paragraph({ text: 'Contexte', heading: HeadingLevel.HEADING_2 }));
  for (const p of opts.body) children.push(new Paragraph({ children: [new TextRun(p)] }));
  const doc = new Document({ ...(opts.coreTitle ? { title: opts.coreTitle } : {}), creator: 'tests', sections: [{ children }] });
  return Packer.toBuffer(doc);
}

export const NEWS_HTML = `<!DOCTYPE html>
<html lang="fr">
<head>
  <meta charset="utf-8">
  <title>Coopération renforcée entre l’ONU et INTERPOL | Site d’information</title>
  <meta property="article:published_time" content="2019-03-14T09:30:00+01:00">
  <style>body { font-family: sans-serif; } .x::after { content: "STYLE TEXT"; }</style>
  <script>window.tracking = "SCRIPT TEXT";</script>
</head>
<body class="has-cookie-banner">
  <header><a href="/">Accueil</a> <h1>Mon site d’actualités</h1></header>
  <nav><ul><li><a href="/news">All news</a></li><li><a href="/print">Print</a></li></ul></nav>
  <div id="cookie-banner" class="cookie-consent">
    <p>Notre site utilise des cookies pour mesurer l’audience.</p>
    <button>Accepter</button> <a href="/cookies">En savoir plus</a>
  </div>
  <main>
    <article>
      <header>
        <h1>Coopération  renforcée entre l’ONU et <em>INTERPOL</em></h1>
        <p>Publié le <time datetime="2019-03-14">14 mars 2019</time></p>
      </header>
      <p>NEW YORK – Les Secrétaires généraux ont signé un accord.
         M. Stock a salué « une étape importante ».</p>
      <h2>Un long passé</h2>
      <p>INTERPOL collabore avec l’ONU depuis 1949&nbsp;; près de 43&nbsp;000 profils sont enregistrés.</p>
      <ul><li>Cybercriminalité</li><li>Terrorisme</li></ul>
      <table><tr><th>Année</th><th>Recherches</th></tr><tr><td>2017</td><td>4,5 milliards</td></tr></table>
      <div class="share-buttons"><a>Facebook</a> | <a>Twitter</a></div>
      <aside><p>Publicité : achetez maintenant</p></aside>
      <span hidden>Texte caché</span>
    </article>
  </main>
  <footer><p>© Site d’information – Mentions légales</p></footer>
  <script>document.write("LATE SCRIPT")</script>
</body>
</html>`;
