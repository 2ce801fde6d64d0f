/**
 * The chat page's lasting conversations and answer tools, in a real Chromium against the real
 * server (real index of a copy of corpus/, conversations and feedback in files as `npm start`
 * keeps them): reload and server restart keep the conversation; rename, delete, export; copy with
 * sources; regenerate; feedback stored and turned into a draft question set; Markdown answers
 * rendered safely; document preview; a PDF citation that names the page of the quoted sentence;
 * the language and theme switches; the question box's limit; no keyboard hint on touch screens.
 */
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main as evalMain } from '../../eval/cli.js';
import { parseQuestions } from '../../eval/questions.js';
import { launchBrowser, screenshot, watchPage, type PageProblems } from '../helpers/browser.js';
import { startFakeOpenAi, type FakeOpenAiServer } from '../helpers/fake-openai-server.js';
import { PANGOLIN_FACT, pangolinReportHtml, printPdf } from '../helpers/pdf.js';
import { startAppServer, type AppServer } from './server.js';

const FR_QUESTION = "Qui a rencontré Jürgen Stock à l'ONU ?";
const EN_QUESTION = 'Who did Jürgen Stock meet at the United Nations?';
const DESKTOP = { width: 1280, height: 800 };

let server: AppServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const watched: PageProblems[] = [];

const textarea = () => page.locator('textarea[name="message"]');
const turns = () => page.locator('#message-list > li');
const historyItems = () => page.locator('#conversation-list > li.conv');

async function ask(question: string, on: Page = page): Promise<Locator> {
  const before = await on.locator('#message-list > li').count();
  await on.locator('textarea[name="message"]').fill(question);
  await on.locator('textarea[name="message"]').press('Enter');
  const answer = on.locator(`#message-list > li.assistant:nth-child(${before + 2})`);
  await answer.and(on.locator(':not([aria-busy])')).waitFor();
  expect(await answer.locator('.error').count(), await answer.innerText()).toBe(0);
  return answer;
}

/** The page's client id and open conversation, as kept in localStorage. */
async function stored(on: Page = page): Promise<{ client: string; current: string | null }> {
  return on.evaluate(() => ({ client: localStorage.getItem('assistant.clientId') ?? '', current: localStorage.getItem('assistant.currentConversation') }));
}

async function apiConversation(id: string): Promise<{ title: string; turns: { id: string; question: string; answer: string; feedback?: { rating: string; comment?: string } }[] }> {
  const { client } = await stored();
  const res = await fetch(`${server.url}/api/conversations/${id}`, { headers: { 'X-Client-Id': client } });
  expect(res.status).toBe(200);
  return (await res.json()) as never;
}

async function newPage(ctx: BrowserContext = context): Promise<Page> {
  const p = await ctx.newPage();
  p.setDefaultTimeout(20_000);
  watched.push(await watchPage(p));
  return p;
}

beforeAll(async () => {
  server = await startAppServer();
  browser = await launchBrowser();
  context = await browser.newContext({ locale: 'fr-FR', viewport: DESKTOP, acceptDownloads: true });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  page = await newPage();
  await page.goto(`${server.url}/`);
  await page.locator('body.restored').waitFor();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

describe('conversations that last', () => {
  it('are saved, listed, and reopened after a reload and after a server restart', async () => {
    await ask(FR_QUESTION);
    await historyItems().first().waitFor();
    expect(await historyItems().count()).toBe(1);
    const item = historyItems().first();
    expect(await item.locator('.conv-title').textContent()).toBe(FR_QUESTION);
    expect(await item.locator('.conv-open').getAttribute('aria-current')).toBe('true');
    await ask('Et à New York ?');
    await item.locator('.conv-meta').filter({ hasText: '2 questions' }).waitFor();
    const answers = await page.locator('#message-list > li.assistant .answer').allInnerTexts();
    const { current } = await stored();
    expect(current).toMatch(/^[0-9a-f-]{36}$/);

    await page.reload();
    await page.locator('body.restored').waitFor();
    expect(await turns().count()).toBe(4);
    expect(await page.locator('#message-list > li.assistant .answer').allInnerTexts()).toEqual(answers);
    expect(await page.locator('#message-list .answer [data-citation]').count()).toBeGreaterThan(0);
    expect(await page.locator('#message-list > li.user .user-text').first().textContent()).toBe(FR_QUESTION);

    await server.restart();
    await page.reload();
    await page.locator('body.restored').waitFor();
    expect(await turns().count()).toBe(4);
    expect(await historyItems().count()).toBe(1);
    // A follow-up after the restart continues the saved conversation.
    const followUp = page.waitForRequest((r) => r.url().endsWith('/api/chat') && r.method() === 'POST');
    await ask('Et en 2017 ?');
    expect(JSON.parse((await followUp).postData() ?? '{}')).toMatchObject({ sessionId: current });
    expect((await apiConversation(current!)).turns).toHaveLength(3);
    await screenshot(page, 'conversations-desktop');
  });

  it('can be switched between, renamed and deleted from the side panel', async () => {
    const { current: first } = await stored();
    await page.locator('#new-conversation').click();
    await ask(EN_QUESTION);
    await historyItems().nth(1).waitFor();
    const { current: second } = await stored();
    expect(second).not.toBe(first);

    // Reopen the first one.
    const firstItem = page.locator(`#conversation-list > li.conv[data-id="${first}"]`);
    await firstItem.locator('.conv-open').click();
    await page.locator('#message-list > li.user .user-text').filter({ hasText: FR_QUESTION }).waitFor();
    expect((await stored()).current).toBe(first);
    expect(await firstItem.locator('.conv-open').getAttribute('aria-current')).toBe('true');

    // Rename it inline (Enter saves).
    await firstItem.locator('[data-action="rename"]').click();
    await firstItem.locator('.conv-rename-input').fill('INTERPOL à l’ONU');
    await firstItem.locator('.conv-rename-input').press('Enter');
    await page.locator(`#conversation-list > li.conv[data-id="${first}"] .conv-title`).filter({ hasText: 'INTERPOL à l’ONU' }).waitFor();
    expect((await apiConversation(first!)).title).toBe('INTERPOL à l’ONU');

    // Delete the second one, after confirming.
    const secondItem = page.locator(`#conversation-list > li.conv[data-id="${second}"]`);
    await secondItem.locator('[data-action="delete"]').click();
    await secondItem.locator('[data-action="confirm-delete"]').click();
    await secondItem.waitFor({ state: 'detached' });
    const { client } = await stored();
    expect((await fetch(`${server.url}/api/conversations/${second}`, { headers: { 'X-Client-Id': client } })).status).toBe(404);
    expect(await historyItems().count()).toBe(1);
  });

  it('are exported as Markdown with their citations', async () => {
    const { current } = await stored();
    const item = page.locator(`#conversation-list > li.conv[data-id="${current}"]`);
    const download = page.waitForEvent('download');
    await item.locator('[data-action="export"]').click();
    const file = await (await download).path();
    const md = readFileSync(file, 'utf8');
    expect((await download).suggestedFilename()).toBe('INTERPOL à l’ONU.md');
    expect(md).toMatch(/^# INTERPOL à l’ONU\n/);
    expect(md).toContain(`> ${FR_QUESTION}`);
    expect(md).toContain('**Sources**');
    expect(md).toMatch(/\n1\. \*.+\* — `\d{3}_[0-9a-f]+\.txt`/);
  });
});

describe('answer actions', () => {
  it('copy puts the answer with its sources on the clipboard', async () => {
    await page.locator('#new-conversation').click();
    const turn = await ask(FR_QUESTION);
    await turn.locator('[data-action="copy"]').click();
    await turn.locator('.action-status').filter({ hasText: 'copiée' }).waitFor();
    const clip = await page.evaluate(() => navigator.clipboard.readText());
    const first = await turn.locator('.refs .ref').first();
    const title = await first.locator('.ref-title').textContent();
    const source = await first.locator('.ref-meta span').nth(2).textContent();
    expect(clip).toMatch(/^D’après les documents|^\S/);
    expect(clip).toContain('Sources\u00a0:');
    expect(clip).toContain(`[1] ${title} — ${source}`);
    // The answer text itself, markers included, as the server wrote it.
    expect(clip).toMatch(/\[1\]/);
  });

  it('regenerate answers the last question again in place of the last answer', async () => {
    const { current } = await stored();
    const before = (await apiConversation(current!)).turns;
    const last = page.locator('#message-list > li.assistant').last();
    expect(await page.locator('[data-action="regenerate"]:visible').count()).toBe(1);
    const request = page.waitForRequest((r) => r.url().endsWith('/api/chat') && r.method() === 'POST');
    await last.locator('[data-action="regenerate"]').click();
    expect(JSON.parse((await request).postData() ?? '{}')).toEqual({ message: FR_QUESTION, sessionId: current, regenerate: true });
    const again = page.locator('#message-list > li.assistant').last();
    await again.and(page.locator(':not([aria-busy])')).waitFor();
    expect(await turns().count()).toBe(2);
    const after = (await apiConversation(current!)).turns;
    expect(after).toHaveLength(before.length);
    expect(after.at(-1)!.id).not.toBe(before.at(-1)!.id);
  });

  it('feedback (up/down, comment) is stored with the question, answer and cited passages, and becomes a draft test', async () => {
    const { current } = await stored();
    const turn = page.locator('#message-list > li.assistant').last();
    await turn.locator('[data-action="feedback-down"]').click();
    await turn.locator('.feedback-form').waitFor({ state: 'visible' });
    expect(await turn.locator('[data-action="feedback-down"]').getAttribute('aria-pressed')).toBe('true');
    // Changed opinion: thumbs up, with a comment.
    await turn.locator('[data-action="feedback-up"]').click();
    await turn.locator('.feedback-label').filter({ hasText: 'commentaire' }).waitFor();
    await turn.locator('.feedback-comment').fill('Réponse exacte et bien sourcée.');
    await turn.getByRole('button', { name: 'Envoyer l’avis' }).click();
    await turn.locator('.action-status').filter({ hasText: 'Avis enregistré' }).waitFor();
    expect(await turn.locator('[data-action="feedback-up"]').getAttribute('aria-pressed')).toBe('true');

    const saved = (await apiConversation(current!)).turns.at(-1)!;
    expect(saved.feedback).toMatchObject({ rating: 'up', comment: 'Réponse exacte et bien sourcée.' });
    const records = readFileSync(path.join(server.dataDir, 'feedback.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records.map((r) => r['rating'])).toEqual(['down', 'up', 'up']);
    expect(records.at(-1)).toMatchObject({ question: FR_QUESTION, answer: saved.answer, answered: true, comment: 'Réponse exacte et bien sourcée.' });
    expect((records.at(-1)!['citations'] as unknown[]).length).toBeGreaterThan(0);

    // After a reload the rating is shown as given.
    await page.reload();
    await page.locator('body.restored').waitFor();
    expect(await page.locator('#message-list > li.assistant').last().locator('[data-action="feedback-up"]').getAttribute('aria-pressed')).toBe('true');

    // npm run eval -- --feedback-draft: the approved answer is a test with its gold span.
    const draft = path.join(server.dataDir, 'draft.jsonl');
    let out = '';
    const code = await evalMain(['--feedback-draft', draft], { env: { LOG_LEVEL: 'silent', DATA_DIR: server.dataDir }, stdout: (t) => void (out += t), stderr: (t) => void (out += t) });
    expect(code, out).toBe(0);
    const questions = parseQuestions(await fs.readFile(draft, 'utf8'));
    expect(questions).toEqual([expect.objectContaining({ question: FR_QUESTION, answerable: true, lang: 'fr' })]);
    expect(questions[0]!.gold.length).toBeGreaterThan(0);
  });
});

describe('Markdown answers (an LLM composer)', () => {
  let fake: FakeOpenAiServer;
  let llmServer: AppServer;
  let llmPage: Page;
  const MARKDOWN = [
    '**INTERPOL** et l’ONU coopèrent :\n\n',
    '- depuis 1949 [1]\n- au siège de *New York*\n\n',
    'Un lien [doc](javascript:alert(1)) et `code`. <img src=x onerror="window.__xss=1"><script>window.__xss=2</script>\n',
  ];

  beforeAll(async () => {
    fake = await startFakeOpenAi({ answerChunks: MARKDOWN });
    llmServer = await startAppServer({ config: { llm: { baseUrl: fake.baseUrl('cite'), model: 'fake', apiKey: 'x', timeoutMs: 10_000 } } });
    llmPage = await newPage();
    await llmPage.goto(`${llmServer.url}/`);
    await llmPage.locator('body.restored').waitFor();
  });
  afterAll(async () => {
    await llmPage?.close();
    await llmServer?.close();
    await fake?.close();
  });

  it('renders lists and emphasis, keeps markers as buttons, and never runs or fetches markup', async () => {
    const turn = await ask('Depuis quand INTERPOL collabore-t-il avec l’ONU ?', llmPage);
    const answer = turn.locator('.answer');
    expect(await answer.locator('strong').first().textContent()).toBe('INTERPOL');
    expect(await answer.locator('ul > li').count()).toBe(2);
    expect(await answer.locator('ul > li em').textContent()).toBe('New York');
    expect(await answer.locator('ul > li').first().locator('[data-citation="1"]').count()).toBe(1);
    expect(await answer.locator('code').textContent()).toBe('code');
    // Raw HTML is shown as text; no element, no request, no script.
    expect(await answer.locator('img, script').count()).toBe(0);
    expect(await answer.innerText()).toContain('<img src=x onerror="window.__xss=1">');
    expect(await llmPage.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    // A javascript: link loses its target.
    expect(await answer.locator('a').getAttribute('href')).toBeNull();
    // French typography: the colon does not start a line.
    expect(await answer.locator('p').first().textContent()).toBe('INTERPOL et l’ONU coopèrent\u00a0:');
  });
});

describe('documents', () => {
  it('a document opens in a preview from the Documents panel, and from a cited passage', async () => {
    await page.locator('#open-documents').click();
    const row = page.locator('#document-list li.doc').first();
    await row.waitFor();
    const source = (await row.getAttribute('data-source'))!;
    const preview = page.locator('#preview-panel');
    const read = row.locator('[data-action="read"]');
    await read.click();
    await preview.waitFor({ state: 'visible' });
    await preview.locator('.preview-text .seg').first().waitFor();
    const doc = (await (await fetch(`${server.url}/api/documents/${encodeURIComponent(source)}`)).json()) as { title: string; text: string; passages: unknown[] };
    expect(await preview.locator('#preview-title').textContent()).toBe(doc.title);
    expect(await preview.locator('.preview-text').textContent()).toBe(doc.text);
    expect(await preview.locator('#preview-status').textContent()).toContain(`${doc.passages.length} passage`);
    await screenshot(page, 'preview-desktop');
    await page.keyboard.press('Escape');
    await preview.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-action'))).toBe('read');
    await page.keyboard.press('Escape');

    const turn = await ask(FR_QUESTION);
    const marker = turn.locator('.answer [data-citation]').first();
    const passageId = await marker.getAttribute('data-passage-id');
    await marker.click();
    const panel = page.locator('[data-testid="passage"]');
    await panel.waitFor({ state: 'visible' });
    await panel.locator('#passage-read-document').click();
    await preview.locator(`.seg.target[data-passage-id="${passageId}"]`).first().waitFor();
    await page.keyboard.press('Escape');
    await preview.waitFor({ state: 'hidden' });
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'hidden' });
  });

  it('a PDF passage running onto page 2 is cited with the page of the quoted sentence', async () => {
    const pdf = await printPdf(pangolinReportHtml());
    await page.locator('#open-documents').click();
    await page.locator('#file-input').setInputFiles({ name: 'note-pangolins.pdf', mimeType: 'application/pdf', buffer: pdf });
    const row = page.locator('#document-list li.doc[data-source$="note-pangolins.pdf"]');
    await row.waitFor();
    // The preview marks where each page starts.
    await row.locator('[data-action="read"]').click();
    const preview = page.locator('#preview-panel');
    await preview.locator('.page-marker[data-page="2"]').waitFor();
    expect(await preview.locator('.page-marker').allTextContents()).toEqual(['Page 1', 'Page 2']);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');

    await page.locator('#new-conversation').click();
    const turn = await ask("Combien de pangolins vivants l'opération Thunder a-t-elle permis de saisir ?");
    const ref = turn.locator('.refs .ref').filter({ hasText: 'pangolins' }).first();
    expect(await ref.locator('.ref-page').textContent()).toBe('page 2');
    const n = await ref.getAttribute('data-ref');
    await turn.locator(`.answer [data-citation="${n}"]`).first().click();
    const panel = page.locator('[data-testid="passage"]');
    await panel.locator('mark.cited').filter({ hasText: PANGOLIN_FACT.slice(0, 30) }).waitFor();
    expect(await panel.locator('.meta-page').textContent()).toBe('page 2');
    expect(await panel.locator('.meta-pages').textContent()).toBe('passage sur les pages 1, 2');
    await screenshot(page, 'citation-page-2');
    await page.keyboard.press('Escape');
  });
});

describe('interface preferences', () => {
  it('language and theme switches are remembered across reloads', async () => {
    await page.locator('#settings > summary').click();
    await page.locator('#lang-select').selectOption('en');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await textarea().getAttribute('placeholder')).toBe('Ask a question…');
    await page.locator('#theme-select').selectOption('dark');
    expect(await page.evaluate(() => document.documentElement.dataset['theme'])).toBe('dark');
    const darkBg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.reload();
    await page.locator('body.restored').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.locator('#settings > summary').textContent()).toBe('Settings');
    expect(await page.locator('#lang-select').inputValue()).toBe('en');
    expect(await page.locator('#theme-select').inputValue()).toBe('dark');
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(darkBg);
    expect(darkBg).toBe('rgb(21, 24, 28)');
    // A French question does not switch a chosen language.
    await ask(FR_QUESTION);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await screenshot(page, 'english-dark');
    await page.locator('#settings > summary').click();
    await page.locator('#theme-select').selectOption('system');
    await page.locator('#lang-select').selectOption('auto');
    expect(await page.evaluate(() => document.documentElement.dataset['theme'])).toBeUndefined();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
  });

  it('the question box shows its limit and a counter', async () => {
    await textarea().fill('Qui dirige INTERPOL ?');
    expect(await page.locator('#char-count').textContent()).toBe('21 / 4\u202f000 caractères');
    await textarea().fill('x'.repeat(3700));
    expect(await page.locator('#char-count').getAttribute('class')).toContain('near');
    await textarea().fill('');
  });

  it('touch screens get no "Enter to send" hint', async () => {
    const touch = await browser.newContext({ locale: 'fr-FR', viewport: { width: 375, height: 740 }, hasTouch: true, isMobile: true });
    try {
      const p = await newPage(touch);
      await p.goto(`${server.url}/`);
      await p.locator('body.ready').waitFor();
      expect(await p.locator('#composer-hint').isVisible()).toBe(false);
      expect(await p.locator('#char-count').isVisible()).toBe(true);
      await p.close();
    } finally {
      await touch.close();
    }
    expect(await page.locator('#composer-hint').isVisible()).toBe(true);
  });
});

describe('page health', () => {
  it('raised no script error and no CSP violation', () => {
    expect(watched.flatMap((p) => p.errors)).toEqual([]);
  });
});
