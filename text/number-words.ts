/**
 * Number words (French and English cardinals, ordinals and round approximations) and the digits
 * they stand for, so "sixième édition" meets "6ème édition" and "sixth Dialogue" meets
 * "sixième Dialogue". The tokenizer already turns "6ème", "6th", "43 000" into canonical digits;
 * this covers the words. "un"/"one" and "neuf" (also "new") are left out: too ambiguous.
 */

const FR: Record<string, string> = {
  deux: '2', trois: '3', quatre: '4', cinq: '5', six: '6', sept: '7', huit: '8', dix: '10', onze: '11',
  douze: '12', treize: '13', quatorze: '14', quinze: '15', seize: '16', vingt: '20', trente: '30',
  quarante: '40', cinquante: '50', soixante: '60', cent: '100', mille: '1000',
  premier: '1', premiere: '1', premiers: '1', premieres: '1', deuxieme: '2', second: '2', seconde: '2',
  troisieme: '3', quatrieme: '4', cinquieme: '5', sixieme: '6', septieme: '7', huitieme: '8', neuvieme: '9',
  dixieme: '10', onzieme: '11', douzieme: '12', treizieme: '13', quatorzieme: '14', quinzieme: '15',
  seizieme: '16', vingtieme: '20', trentieme: '30', centieme: '100',
  dizaine: '10', douzaine: '12', quinzaine: '15', vingtaine: '20', trentaine: '30', quarantaine: '40',
  cinquantaine: '50', soixantaine: '60', centaine: '100', millier: '1000',
};

const EN: Record<string, string> = {
  two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9', ten: '10',
  eleven: '11', twelve: '12', thirteen: '13', fourteen: '14', fifteen: '15', sixteen: '16', seventeen: '17',
  eighteen: '18', nineteen: '19', twenty: '20', thirty: '30', forty: '40', fifty: '50', sixty: '60',
  hundred: '100', thousand: '1000', dozen: '12',
  first: '1', second: '2', third: '3', fourth: '4', fifth: '5', sixth: '6', seventh: '7', eighth: '8',
  ninth: '9', tenth: '10', eleventh: '11', twelfth: '12', thirteenth: '13', fourteenth: '14', fifteenth: '15',
  twentieth: '20', thirtieth: '30', hundredth: '100', dozens: '12', hundreds: '100', thousands: '1000',
};

const ALL: ReadonlyMap<string, string> = new Map([...Object.entries(FR), ...Object.entries(EN)]);

/** The digits a folded, lowercase number word stands for, else undefined. */
export function numberWordValue(folded: string): string | undefined {
  return ALL.get(folded);
}
