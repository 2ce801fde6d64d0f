/**
 * Folded words that say what kind of answer is wanted, or are too light to carry the topic
 * ("année", "year", "vu" in "vu le jour"): never the topic a follow-up carries over (condense.ts).
 * The one part of the former answer/question.ts still in use.
 */
export const META_WORDS: ReadonlySet<string> = new Set(
  (
    'annee annees an ans jour jours date dates fois nombre quantite lieu ville villes pays raison moment epoque ' +
    'document documents texte source sources dire dit disent indique indiquent preciser precisent mentionne ' +
    'fait faire font vu voir donne donner mis mettre pris prendre eu avoir etre ete exactement actuellement ' +
    'year years day days date dates time times number place city cities country reason ' +
    'document documents text say says said tell told mention mentioned according exactly currently ' +
    'do does did make made get got give gave take took see saw put partir ' +
    'un une deux trois quatre cinq six sept huit neuf dix one two three four five six seven eight nine ten'
  ).split(' '),
);
