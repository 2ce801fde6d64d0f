import { describe, expect, it } from 'vitest';
import { loadLexicon } from '../../text/lexicon/lexicon.js';
import { analyzeFrench } from '../../text/french.js';
import { analyzeQuery } from '../../text/query.js';

describe('function words that carry meaning', () => {
  it("keeps quelqu'un as a word (not an elision of a stop word)", () => {
    expect(analyzeFrench("Quelqu'un est venu")).toHaveLength(2);
    expect(analyzeFrench("quelqu'un")).toEqual(analyzeFrench("Quelqu’un"));
  });

  it('carries English indefinite pronouns over to French', () => {
    const stems = (q: string) => analyzeQuery(q, 'en', loadLexicon()).terms.flatMap((t) => t.stems);
    expect(stems('Is someone there?')).toContain(analyzeFrench("quelqu'un")[0]);
    expect(stems('I want something')).toEqual(expect.arrayContaining(analyzeFrench('quelque chose')));
    expect(stems('Everyone fall back!')).toContain(analyzeFrench('monde')[0]);
  });
});
