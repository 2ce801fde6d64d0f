/**
 * Function words dropped before indexing and matching. Stored accent-folded so a query typed without
 * accents ("ou", "a") is filtered like the accented text ("où", "à"). Deliberately modest: content
 * words that are merely frequent (lutte, sécurité, organisation) stay, because a stop list cannot
 * know the corpus; question words are included because they never appear in the answer passage.
 */
import type { Lang } from '../core/types.js';

const FRENCH = `
a à afin ai aie aient aies ait alors as au aucun aucune auquel aura aurai auraient aurais aurait auras
aurez auriez aurions aurons auront aussi autre autres aux auxquelles auxquels avaient avais avait avant avec
avez aviez avions avoir avons ayant ayez ayons c ça car ce ceci cela celle celles celui cependant certain
certaine certaines certains ces cet cette ceux chacun chacune chaque chez ci comme comment d dans de des
donc dont du elle elles en encore es est et étaient étais était étant été êtes étiez étions être eu eue eues
eûmes eurent eus eusse eussent eusses eussiez eussions eut eût eûtes eux fait faites fûmes furent fus fusse
fussent fusses fussiez fussions fut fût fûtes hors ici il ils j je jusqu jusque l la là laquelle le lequel
les lesquelles lesquels leur leurs lors lorsque lui m ma mais me même mêmes mes moi mon n ne ni nos notre
nous on ont ou où par parce parmi pas peu peut peuvent plus plutôt pour pourquoi puis qu quand que quel
quelle quelles quels qui quoi s sa sans se sera serai seraient serais serait seras serez seriez serions
serons seront ses si sien sienne soi soient sois soit sommes son sont sous soyez soyons suis sur t ta te
tel telle telles tels tes toi ton tous tout toute toutes très tu un une unes uns vers via voici voilà vos
votre vous y combien quoi dès déjà entre contre selon depuis pendant ainsi également afin toujours
`;

const ENGLISH = `
a about above after again against all am an and any are aren't as at be because been before being below
between both but by can cannot could couldn't did didn't do does doesn't doing don't down during each few
for from further had hadn't has hasn't have haven't having he her here hers herself him himself his how i
if in into is isn't it its itself just let me more most much many my myself no nor not of off on once only
or other ought our ours ourselves out over own same she should shouldn't so some such than that the their
theirs them themselves then there these they this those through to too under until up very was wasn't we
were weren't what when where which while who whom whose why will with won't would wouldn't you your yours
yourself yourselves also did does done may might must shall since upon via within without whether
`;

function fold(word: string): string {
  return word.normalize('NFD').replace(/\p{M}+/gu, '');
}

function toSet(list: string): ReadonlySet<string> {
  return new Set(list.split(/\s+/).filter(Boolean).map(fold));
}

/** Folded French stop words. */
export const FRENCH_STOPWORDS: ReadonlySet<string> = toSet(FRENCH);
/** Lowercase English stop words (ASCII already). */
export const ENGLISH_STOPWORDS: ReadonlySet<string> = toSet(ENGLISH);

/** `folded` must be lowercase and accent-folded (foldText). */
export function isStopword(folded: string, lang: Lang): boolean {
  return (lang === 'fr' ? FRENCH_STOPWORDS : ENGLISH_STOPWORDS).has(folded);
}
