import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { formatBytes, formatDate, frenchSpacing, langOf, STRINGS, t } from '../../web/i18n.js';

const WEB = path.resolve(import.meta.dirname, '../../web');
const sources = readdirSync(WEB).filter((f) => f.endsWith('.js') || f.endsWith('.html'));
const read = (f: string) => readFileSync(path.join(WEB, f), 'utf8');

describe('web/*.js', () => {
  it('type-checks under strict rules (JSDoc types, DOM lib)', () => {
    const configPath = path.resolve(import.meta.dirname, 'tsconfig.web.json');
    const { config } = ts.readConfigFile(configPath, ts.sys.readFile);
    const parsed = ts.parseJsonConfigFileContent(config, ts.sys, path.dirname(configPath));
    expect(parsed.fileNames.length).toBeGreaterThan(5);
    const program = ts.createProgram(parsed.fileNames, parsed.options);
    const messages = ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file && d.start !== undefined ? `${path.basename(d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1} ` : '';
      return where + ts.flattenDiagnosticMessageText(d.messageText, '\n');
    });
    expect(messages).toEqual([]);
  });

  it('never writes HTML from strings, nor inline styles (strict CSP, text-only rendering)', () => {
    for (const f of sources.filter((x) => x.endsWith('.js'))) {
      const code = read(f);
      expect(code, f).not.toMatch(/\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write|\beval\(|new Function\(/);
      expect(code, f).not.toMatch(/\.style\.|setAttribute\(\s*['"]style['"]|cssText/);
    }
    expect(read('index.html')).not.toMatch(/\sstyle=|<script(?![^>]*\bsrc=)|\son[a-z]+=/i);
  });
});

describe('interface strings', () => {
  it('exist in both languages with the same placeholders', () => {
    expect(Object.keys(STRINGS.fr).sort()).toEqual(Object.keys(STRINGS.en).sort());
    const slots = (s: string) => [...new Set([...s.matchAll(/\{(\w+)(?:\|[^}]*)?\}/g)].map((m) => m[1]))].sort();
    for (const key of Object.keys(STRINGS.fr)) expect(slots(STRINGS.fr[key] ?? ''), key).toEqual(slots(STRINGS.en[key] ?? ''));
  });

  it('cover every key the page and the scripts use', () => {
    const used = new Set<string>();
    for (const f of sources) {
      const code = read(f);
      for (const m of code.matchAll(/data-i18n(?:-[a-z-]+)?="(\w+)"/g)) used.add(m[1] as string);
      for (const m of code.matchAll(/\b(?:setText|setAttr)\([^,]+,\s*(?:'[a-z-]+',\s*)?'(\w+)'/g)) used.add(m[1] as string);
      for (const m of code.matchAll(/\bt\('(\w+)'/g)) used.add(m[1] as string);
    }
    expect(used.size).toBeGreaterThan(30);
    expect([...used].filter((k) => !(k in STRINGS.fr))).toEqual([]);
  });

  it('fill placeholders and format dates for the interface language, whatever the time zone', () => {
    // French typography: a no-break space before the colon (never at the start of a line).
    expect(t('citeLabel', { n: 2, title: 'Rapport' }, 'fr')).toBe('Source 2\u00a0: Rapport');
    expect(t('citeLabel', { n: 2, title: 'Report' }, 'en')).toBe('Source 2: Report');
    // Words agree with their number, by each language's rules (French: 0 and 1 are singular).
    expect(t('passagesCount', { n: 1 }, 'en')).toBe('1 passage');
    expect(t('passagesCount', { n: 0 }, 'en')).toBe('0 passages');
    expect(t('passagesCount', { n: 0 }, 'fr')).toBe('0 passage');
    expect(t('documentsSummary', { docs: 5, passages: 1 }, 'fr')).toBe('5 documents · 1 passage');
    expect(formatDate('2018-02-05', 'fr')).toBe('5 février 2018');
    expect(formatDate('2018-02-05', 'en')).toBe('5 February 2018');
    expect(formatDate('2022-12', 'fr')).toBe('décembre 2022');
    expect(formatDate('2016', 'en')).toBe('2016');
    expect(formatDate(null, 'fr')).toBe('date inconnue');
    expect(langOf('fr-CA')).toBe('fr');
    expect(langOf('de-DE')).toBe('en');
    expect(t('charCount', { n: 3999, max: 4000 }, 'fr')).toBe('3\u202f999 / 4\u202f000 caractères');
    expect(formatBytes(25 * 1024 * 1024, 'fr')).toBe('25\u00a0Mo');
    expect(formatBytes(25 * 1024 * 1024, 'en')).toBe('25 MB');
  });

  it('give every French string French typography: no plain space before : ; ? ! » or after «', () => {
    for (const [key, value] of Object.entries(STRINGS.fr)) expect(value, key).not.toMatch(/ [:;?!»]|« /);
    expect(frenchSpacing('Fichier : « a » ; ok ? oui ! 12:30 http://x')).toBe('Fichier\u00a0: «\u202fa\u202f»\u202f; ok\u202f? oui\u202f! 12:30 http://x');
  });
});
