// Types for tests importing i18n.js from TypeScript (web/ is plain JS, not compiled).
export type Lang = 'fr' | 'en';
export const STRINGS: { fr: Record<string, string>; en: Record<string, string> };
export function frenchSpacing(s: string): string;
export function langOf(tag: string | undefined | null): Lang;
export function getLang(): Lang;
export function t(key: string, args?: Record<string, string | number>, lang?: Lang): string;
export function formatNumber(n: number, lang?: Lang): string;
export function formatBytes(bytes: number, lang?: Lang): string;
export function formatDate(iso: string | null | undefined, lang?: Lang): string;
export function setText(el: HTMLElement, key: string, args?: Record<string, string | number>): void;
export function setAttr(el: HTMLElement, attr: 'aria-label' | 'placeholder' | 'title', key: string, args?: Record<string, string | number>): void;
export function onLanguageChange(fn: (lang: Lang) => void): void;
export function applyLanguage(lang: Lang, root?: ParentNode): void;
