/** Renders text/lexicon/data/NOTICE.md: provenance, licences and build figures of the data. */
import type { BuildReport } from './build.js';

const LICENCES: Record<string, string> = {
  'dict-freedict-eng-fra': 'GPL-2+ (FreeDict contributors, 2000-2022; Debian packaging GPL-3+)',
  'dict-freedict-fra-eng': 'GPL-2+ (FreeDict contributors, 2000-2022; Debian packaging GPL-3+)',
  'apertium-eng-spa': "GPL-2 (Universitat d'Alacant, Transducens group, 2008; Apertium PMC 2014-2022)",
  'apertium-fr-es': "GPL-2 (Eleka Ingenieritza Linguistikoa S.L., 2007; Universitat d'Alacant 2005)",
  lttoolbox: 'GPL-2+ (tool only, used to read the compiled dictionaries; nothing of it is in the data)',
  'lttoolbox-dev': 'GPL-2+ (tool only: lt-print, lt-paradigm)',
  liblttoolbox3: 'GPL-2+ (tool only)',
};

export function renderNotice(report: BuildReport): string {
  const rows = report.packages
    .map((p) => `| ${p.name} | ${p.version} | ${LICENCES[p.name] ?? 'see /usr/share/doc/<package>/copyright'} |`)
    .join('\n');
  const m = report.merge;
  return `# Lexicon data: provenance and licences

Data version: \`${report.version}\` (also in \`VERSION\`).

These files are **generated** by \`npx tsx scripts/lexicon/build.ts\` from Debian packages; do not
edit them by hand (edit \`text/lexicon/glossary.tsv\` for hand-written entries, and rebuild for the rest).

| Debian package | version | licence |
| --- | --- | --- |
${rows}

## Licence of this folder

\`lexicon.tsv\` and \`lemmas.tsv\` are derived from the FreeDict eng-fra and fra-eng dictionaries
(GPL-2 or later) and from the Apertium eng-spa and fr-es language pairs (GPL-2). The combined
data is therefore distributed under the **GNU General Public License, version 2**. The full texts
are in Debian's \`/usr/share/common-licenses/GPL-2\` and at the FreeDict and Apertium projects.
The source of these data files is the Debian packages above plus the build script in
\`scripts/lexicon/\`, which regenerates them exactly.

## What is in it

- \`lexicon.tsv\`: ${m.keys} English keys → French translations, best first, up to 8, each with
  the sources that gave it (\`e\` FreeDict eng-fra, \`f\` FreeDict fra-eng reversed, \`a\` Apertium
  English → Spanish → French pivot).
  - Keys with at least one kept translation from FreeDict eng-fra: ${m.keysBySource['freedict-eng-fra']};
    from FreeDict fra-eng: ${m.keysBySource['freedict-fra-eng']}; from the Apertium pivot:
    ${m.keysBySource.apertium}; keys only the pivot provides: ${m.keysOnlyApertium}.
  - Translation pairs kept per source (a pair may have several): eng-fra ${m.pairsBySource['freedict-eng-fra']},
    fra-eng ${m.pairsBySource['freedict-fra-eng']}, Apertium ${m.pairsBySource.apertium}.
  - FreeDict headwords read: eng-fra ${report.freedict.engFraHeadwords}, fra-eng ${report.freedict.fraEngHeadwords}.
  - Apertium: ${report.apertium.engSpaPairs} eng→spa and ${report.apertium.spaFraPairs} spa→fr content-word
    pairs; the pivot gives ${report.apertium.pivotKeys} English keys and ${report.apertium.pivotPairs} pairs,
    ${report.apertium.pivotRoundTrip} of them confirmed by the French → Spanish → English round trip.
- \`lemmas.tsv\`: ${report.lemmas.stored} English forms whose lemmas the runtime's regular inflection
  rules would get wrong (${report.lemmas.blockers} of them "no lemma" blockers, like "news"), out of
  ${report.lemmas.formsAnalysed} forms listed from Apertium's English analyser; the other
  ${report.lemmas.coveredByRules} are left to the rules (text/lexicon/inflection.ts).
`;
}
