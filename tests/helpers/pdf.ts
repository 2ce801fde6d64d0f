/**
 * Real PDFs for upload tests: an HTML page printed by headless Chromium (Debian's binary, driven by
 * playwright-core), so the PDF loader reads what a browser's "Save as PDF" writes. A page break is
 * forced with `<div class="page">…</div>` blocks (CSS `break-before: page`).
 */
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser.js';

export interface PrintPdfOptions {
  executablePath: string;
  args: string[];
  /** Paper format passed to page.pdf(). */
  format: 'A4' | 'Letter';
}

export const DEFAULT_PRINT_PDF: PrintPdfOptions = {
  executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  format: 'A4',
};

/** A reusable printer: one browser for several PDFs (launching Chromium is the slow part). */
export interface PdfPrinter {
  print(html: string): Promise<Buffer>;
  close(): Promise<void>;
}

export async function createPdfPrinter(options: Partial<PrintPdfOptions> = {}): Promise<PdfPrinter> {
  const o: PrintPdfOptions = { ...DEFAULT_PRINT_PDF, ...options };
  const browser: Browser = await launchBrowser({ executablePath: o.executablePath, args: o.args });
  return {
    async print(html: string): Promise<Buffer> {
      const page = await browser.newPage();
      try {
        // No network: the page is self-contained; 'load' is enough for inline content.
        await page.setContent(html, { waitUntil: 'load' });
        return await page.pdf({ format: o.format, printBackground: false });
      } finally {
        await page.close();
      }
    },
    close: () => browser.close(),
  };
}

/** Print one HTML page to PDF bytes. */
export async function printPdf(html: string, options: Partial<PrintPdfOptions> = {}): Promise<Buffer> {
  const printer = await createPdfPrinter(options);
  try {
    return await printer.print(html);
  } finally {
    await printer.close();
  }
}

/** An HTML page whose pages are the given lists of paragraphs (each list starts a new printed page). */
export function pagedHtml(title: string, pages: readonly (readonly string[])[]): string {
  const esc = (s: string) => s.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;');
  const body = pages
    .map((paras, i) => `<div class="page"${i === 0 ? '' : ' style="break-before: page"'}>${paras.map((p) => `<p>${esc(p)}</p>`).join('\n')}</div>`)
    .join('\n');
  return `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>body { font-family: serif; font-size: 12pt; margin: 2cm; } p { margin: 0 0 1em; }</style></head>
<body><h1>${esc(title)}</h1>
${body}
</body></html>`;
}

/** The sentence of the sample report found nowhere else (on its 2nd printed page). */
export const IVORY_FACT = "Le bureau régional d'INTERPOL à Nairobi a saisi 3,2 tonnes d'ivoire en mars 2021";

/**
 * A two-page report whose 2nd page holds IVORY_FACT after enough other text that every passage
 * quoting it starts on page 2. The other sentences avoid the fact's words (ivoire, Nairobi, saisi).
 */
export function ivoryReportHtml(): string {
  return pagedHtml("Rapport sur la criminalité environnementale en Afrique de l'Est", [
    [
      "Ce rapport présente les résultats d'une opération conjointe menée en 2021 par plusieurs pays d'Afrique de l'Est contre le trafic d'espèces protégées.",
      'Les enquêteurs ont analysé les routes maritimes, les ports de transit et les réseaux financiers utilisés par les trafiquants pour déplacer leurs marchandises.',
      'La coopération entre les douanes, la police et les services des parcs nationaux a été renforcée pendant toute la durée du programme.',
    ],
    [
      'Les équipes de terrain ont travaillé avec les autorités portuaires de Mombasa et de Dar es Salaam pour contrôler les conteneurs jugés suspects.',
      "Des chiens détecteurs et des scanners mobiles ont été déployés dans les terminaux les plus exposés, avec l'appui de formateurs venus d'Europe.",
      'Les analystes ont croisé les manifestes de fret avec les listes de sociétés écrans identifiées lors des opérations précédentes.',
      `${IVORY_FACT}, dissimulées dans une cargaison de thé destinée à l'Asie du Sud-Est.`,
      'Trois suspects ont été arrêtés et les enquêtes financières se poursuivent avec les pays de destination.',
    ],
  ]);
}

/** The fact of the page-spanning report: the first sentence of its 2nd printed page. */
export const PANGOLIN_FACT = "L'opération Thunder a permis de saisir 870 pangolins vivants au port de Mombasa en juin 2022";

/**
 * A two-page report whose first page is short, so the passage that quotes PANGOLIN_FACT (first
 * sentence of page 2) starts on page 1: the citation must still say page 2.
 */
export function pangolinReportHtml(): string {
  return pagedHtml('Note sur le trafic des espèces protégées', [
    ['Cette note résume les opérations menées en 2022 contre le trafic des espèces protégées dans les ports de la région.'],
    [
      `${PANGOLIN_FACT}, grâce à un signalement des douanes kényanes.`,
      'Les animaux ont été confiés à un centre de soins avant leur remise en liberté dans une réserve du pays.',
      'Les enquêteurs cherchent désormais à identifier les acheteurs et les intermédiaires financiers du réseau.',
    ],
  ]);
}
