/**
 * Hand-written questions over the corpus paragraphs (corpus-passages.ts), half French, half English,
 * each with the span(s) of the passage(s) that answer it. Used by the lexical embedder tests and by
 * scripts/measure-lexical.ts. Not used to build anything: the embedder knows nothing of them.
 */
import type { Lang } from '../../core/types.js';

export interface RetrievalQuestion {
  lang: Lang;
  question: string;
  /** Spans quoted from the answering passage(s); any of them counts as right. */
  gold: string[];
}

export const RETRIEVAL_QUESTIONS: RetrievalQuestion[] = [
  // --- English → French passages ---
  { lang: 'en', question: 'Who did Jürgen Stock meet at the United Nations?', gold: ['La rencontre entre António Guterres et Jürgen Stock', 'Lors de leur première réunion'] },
  { lang: 'en', question: 'When did UNODC and INTERPOL sign their cooperation agreement?', gold: ['23 mai 2016 - Lors', 'signent un accord de coopération lors de la Commission 2016'] },
  { lang: 'en', question: 'Where was the INTERPOL Dialogue held?', gold: ['La 6ème édition du Dialogue s’est déroulée au siège', 'qui s’est tenue les 8 et 9 décembre au siège des Nations Unies'] },
  { lang: 'en', question: "How many foreign terrorist fighter profiles are held in INTERPOL's databases?", gold: ['profils de terroristes étrangers'] },
  { lang: 'en', question: 'Which SDG covers peace, justice and strong institutions?', gold: ['l’ODD 16'] },
  { lang: 'en', question: "When did INTERPOL's Special Representative office at the United Nations open in New York?", gold: ['a ouvert en 2004', 'En 2004, le Bureau du Représentant spécial'] },
  { lang: 'en', question: 'How many searches did police services run in INTERPOL databases in 2017?', gold: ['4,5 milliards de recherches'] },
  { lang: 'en', question: 'Since when has INTERPOL worked with the UN?', gold: ['INTERPOL collabore avec l’ONU depuis 1949', 'officialisé dans un accord conclu en 1997'] },
  { lang: 'en', question: 'How many special INTERPOL-UN Security Council notices are currently valid?', gold: ['près de 600 notices spéciales'] },
  { lang: 'en', question: "When were INTERPOL's Global Policing Goals introduced?", gold: ['Les OAPM d’INTERPOL ont été introduits en 2018', 'établis en 2018'] },
  { lang: 'en', question: 'Which global compact did INTERPOL join in December 2018?', gold: ['En décembre 2018, INTERPOL est devenu'] },
  { lang: 'en', question: 'What are the areas of enhanced cooperation, such as cybercrime and maritime safety?', gold: ['citons la cybercriminalité'] },
  { lang: 'en', question: 'Who is the executive director of UNODC?', gold: ["le directeur exécutif de l'ONUDC, Yury Fedotov"] },
  { lang: 'en', question: 'Which regional police organizations took part in the Dialogue?', gold: ['Participants au Dialogue'] },
  { lang: 'en', question: 'In how many General Assembly resolutions does INTERPOL appear?', gold: ['INTERPOL figure dans 80 résolutions'] },
  { lang: 'en', question: 'Will the partnership fight money laundering and illicit financial flows?', gold: ["le blanchiment d'argent et les flux financiers illicites"] },
  { lang: 'en', question: 'In which city is the INTERPOL General Secretariat located?', gold: ['au siège du Secrétariat général à Lyon'] },
  // Keyword queries without function words: no language evidence (see the embedder's `ambiguous`).
  { lang: 'en', question: 'UNODC INTERPOL agreement signature', gold: ['23 mai 2016 - Lors', 'signent un accord de coopération lors de la Commission 2016'] },
  { lang: 'en', question: 'foreign terrorist fighter profiles INTERPOL databases', gold: ['profils de terroristes étrangers'] },
  // --- French (paraphrases of the passages) ---
  { lang: 'fr', question: 'Qui Jürgen Stock a-t-il rencontré aux Nations Unies ?', gold: ['La rencontre entre António Guterres et Jürgen Stock', 'Lors de leur première réunion'] },
  { lang: 'fr', question: "Quand l'ONUDC et INTERPOL ont-ils signé leur accord de coopération ?", gold: ['23 mai 2016 - Lors', 'signent un accord de coopération lors de la Commission 2016'] },
  { lang: 'fr', question: "Où s'est tenu le Dialogue INTERPOL ?", gold: ['La 6ème édition du Dialogue s’est déroulée au siège', 'qui s’est tenue les 8 et 9 décembre au siège des Nations Unies'] },
  { lang: 'fr', question: "Combien de profils de combattants terroristes étrangers sont enregistrés dans les bases d'INTERPOL ?", gold: ['profils de terroristes étrangers'] },
  { lang: 'fr', question: 'Quel objectif de développement durable vise la paix, la justice et des institutions efficaces ?', gold: ['l’ODD 16'] },
  { lang: 'fr', question: 'En quelle année le bureau du représentant spécial a-t-il ouvert à New York ?', gold: ['a ouvert en 2004', 'En 2004, le Bureau du Représentant spécial'] },
  { lang: 'fr', question: 'Combien de recherches les polices du monde ont-elles faites dans les bases de données en 2017 ?', gold: ['4,5 milliards de recherches'] },
  { lang: 'fr', question: "Depuis quand INTERPOL coopère-t-il avec l'ONU ?", gold: ['INTERPOL collabore avec l’ONU depuis 1949', 'officialisé dans un accord conclu en 1997'] },
  { lang: 'fr', question: "Quelles thématiques antiterroristes INTERPOL et l'ONU traitent-ils ensemble ?", gold: ['Les principales thématiques de coopération entre INTERPOL'] },
  { lang: 'fr', question: 'Quel rôle joue INTERPOL dans le comité chargé de la convention contre la cybercriminalité ?', gold: ['observateur permanent auprès de l’ONU, INTERPOL participe'] },
  { lang: 'fr', question: "Qui est le directeur exécutif de l'ONUDC ?", gold: ["le directeur exécutif de l'ONUDC, Yury Fedotov"] },
  { lang: 'fr', question: 'Quelles organisations policières régionales participaient au Dialogue ?', gold: ['Participants au Dialogue'] },
  { lang: 'fr', question: 'Quel risque représentent les combattants étrangers qui rentrent dans leur pays ?', gold: ['Compte tenu du risque croissant de voir les combattants étrangers'] },
  { lang: 'fr', question: 'Comment INTERPOL soutient-il les victimes de la traite des personnes ?', gold: ['Groupe interinstitutions de coordination contre la traite des personnes'] },
  { lang: 'fr', question: 'Où se trouve le siège du Secrétariat général d’INTERPOL ?', gold: ['au siège du Secrétariat général à Lyon'] },
  // Typed without accents (common on non-French keyboards).
  { lang: 'fr', question: "Quand l'accord entre l'ONUDC et INTERPOL a-t-il ete signe ?", gold: ['23 mai 2016 - Lors', 'signent un accord de coopération lors de la Commission 2016'] },
  { lang: 'fr', question: 'Quelle est la strategie de securite du Dialogue pour le developpement durable ?', gold: ['Le Dialogue INTERPOL étudie le lien entre la sécurité internationale et le développement durable', 'préparer l’architecture policière mondiale à contribuer au développement durable'] },
  { lang: 'fr', question: 'accord ONUDC INTERPOL signature', gold: ['23 mai 2016 - Lors', 'signent un accord de coopération lors de la Commission 2016'] },
  { lang: 'fr', question: 'profils terroristes étrangers bases de données', gold: ['profils de terroristes étrangers'] },
];
