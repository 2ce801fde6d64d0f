/**
 * Prompt templates live in prompts/<lang>/<name>.md (system, answer, condense; French and
 * English) so they can be read and edited without touching code. They are read once, when the
 * answerer is built, and filled with {placeholders}; a missing file or an unfilled placeholder is
 * a configuration error reported at once, not a half-filled prompt sent to the model.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../core/errors.js';
import type { Lang } from '../core/types.js';

export const PROMPT_NAMES = ['system', 'answer', 'condense'] as const;
export type PromptName = (typeof PROMPT_NAMES)[number];
const LANGS: readonly Lang[] = ['fr', 'en'];

/** Placeholders each template may use (a typo in a prompt file fails at start-up, not mid-answer). */
export const PROMPT_PLACEHOLDERS: Record<PromptName, readonly string[]> = {
  system: ['not_found'],
  answer: ['context', 'question'],
  condense: ['history', 'question'],
};

export const DEFAULT_PROMPTS_DIR = fileURLToPath(new URL('../prompts/', import.meta.url));

export interface PromptSet {
  readonly dir: string;
  template(lang: Lang, name: PromptName): string;
  /** The template with every {placeholder} replaced; throws when one has no value. */
  render(lang: Lang, name: PromptName, values: Record<string, string>): string;
}

export function loadPrompts(dir: string = DEFAULT_PROMPTS_DIR): PromptSet {
  const templates = new Map<string, string>();
  for (const lang of LANGS) {
    for (const name of PROMPT_NAMES) {
      const file = path.join(dir, lang, `${name}.md`);
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (err) {
        throw new AppError('INTERNAL', `Prompt file missing or unreadable: ${file}.`, { cause: err, details: { file } });
      }
      for (const m of text.matchAll(/\{([a-z_]+)\}/g)) {
        if (!PROMPT_PLACEHOLDERS[name].includes(m[1] ?? '')) {
          throw new AppError('INTERNAL', `Prompt ${file} uses an unknown placeholder {${m[1]}}; allowed: ${PROMPT_PLACEHOLDERS[name].map((p) => `{${p}}`).join(', ')}.`, {
            details: { file },
          });
        }
      }
      templates.set(`${lang}/${name}`, text.trim());
    }
  }
  const template = (lang: Lang, name: PromptName): string => templates.get(`${lang}/${name}`) ?? '';
  return {
    dir,
    template,
    render: (lang, name, values) => fillTemplate(template(lang, name), values, `${lang}/${name}.md`),
  };
}

/** Replace {name} placeholders in one pass (values are never re-scanned, so passages may hold braces). */
export function fillTemplate(template: string, values: Record<string, string>, label = 'template'): string {
  return template.replace(/\{([a-z_]+)\}/g, (_whole, key: string) => {
    const value = values[key];
    if (value === undefined) throw new AppError('INTERNAL', `Prompt ${label} has a placeholder {${key}} with no value.`);
    return value;
  });
}
