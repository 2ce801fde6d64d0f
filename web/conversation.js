// The message list: user turns, assistant turns that fill in as tokens stream (rendered as safe
// Markdown with citation markers as buttons), the sources list under each answer ("See also" when
// unanswered), notices, errors, and the actions on a finished answer: copy (text with its
// sources), regenerate (the latest answer), and feedback (up/down with an optional comment).
import { h, clear } from './dom.js';
import { errorNodes } from './errors.js';
import { formatDate, getLang, setAttr, setText, t } from './i18n.js';
import { renderAnswer } from './markdown.js';

/**
 * @typedef {import('./api.js').Citation} Citation
 * @typedef {import('./api.js').ChatResponse} ChatResponse
 * @typedef {import('./api.js').StoredTurn} StoredTurn
 * @typedef {import('./api.js').Feedback} Feedback
 */

/**
 * @typedef {{ li: HTMLElement, question: string, response: ChatResponse | null, setRegenerable: (on: boolean) => void }} FinishedTurn
 * @typedef {{
 *   list: HTMLElement, scroller: HTMLElement, onEmptyChange: (empty: boolean) => void,
 *   openCitation: (c: Citation, from: HTMLElement, quotes: string[]) => void,
 *   announce: (text: string) => void,
 *   onRegenerate: (turn: FinishedTurn) => void,
 *   onFeedback: (turnId: string, rating: 'up' | 'down', comment: string) => Promise<void>,
 * }} ConversationDeps
 */

/**
 * The page of a citation for people: the quoted sentence's page, or the span of pages.
 * @param {Citation} c @returns {{ key: string, args: Record<string, string | number> } | null}
 */
function pageLabel(c) {
  if (c.page !== undefined) return { key: 'page', args: { page: c.page } };
  if (c.pages && c.pages.length > 0) return { key: 'pages', args: { pages: c.pages.join(', ') } };
  return null;
}

/**
 * The answer as plain text with its sources, for the clipboard.
 * @param {ChatResponse} r
 */
export function plainWithSources(r) {
  const refs = r.answered ? (r.citations ?? []) : (r.seeAlso ?? r.citations ?? []);
  if (refs.length === 0) return r.answer.trim();
  const lines = refs.map((c) => {
    const parts = [c.title || c.source, c.source, c.date ? formatDate(c.date) : t('unknownDate')];
    const page = pageLabel(c);
    if (page) parts.push(t(page.key, page.args));
    return `[${c.n}] ${parts.join(' — ')}`;
  });
  return `${r.answer.trim()}\n\n${t(r.answered ? 'sourcesHeading' : 'seeAlso')}\n${lines.join('\n')}`;
}

/** Put text on the clipboard (the async API; the older copy command where it is missing). @param {string} text */
async function copyText(text) {
  if (navigator.clipboard?.writeText) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const area = h('textarea', { className: 'visually-hidden', attrs: { 'aria-hidden': 'true', tabindex: '-1' } });
  area.value = text;
  document.body.append(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('copy refused');
}

/** @param {ConversationDeps} deps */
export function createConversation(deps) {
  const { list, scroller } = deps;

  /** Keep the newest text in view, unless the reader scrolled up to read something older. */
  function follow(force = false) {
    const nearBottom = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 120;
    if (force || nearBottom) scroller.scrollTop = scroller.scrollHeight;
  }

  /** @param {string} who @param {string} whoKey */
  function turn(who, whoKey) {
    const label = h('p', { className: 'who' });
    setText(label, whoKey);
    const bubble = h('div', { className: 'bubble' });
    const li = h('li', { className: `turn ${who}` }, [label, bubble]);
    list.append(li);
    deps.onEmptyChange(false);
    return { li, bubble };
  }

  /** @param {Citation} c */
  function metaLine(c) {
    const parts = [];
    if (c.date) parts.push(h('time', { text: formatDate(c.date), attrs: { datetime: c.date }, dataset: { date: c.date } }));
    else {
      const unknown = h('span');
      setText(unknown, 'unknownDate');
      parts.push(unknown);
    }
    parts.push(h('span', { text: c.source }));
    const page = pageLabel(c);
    if (page) {
      const span = h('span', { className: 'ref-page' });
      setText(span, page.key, page.args);
      parts.push(span);
    }
    const line = h('span', { className: 'ref-meta' });
    parts.forEach((p, i) => {
      if (i > 0) line.append(h('span', { className: 'sep', text: ' · ', attrs: { 'aria-hidden': 'true' } }));
      line.append(p);
    });
    return line;
  }

  /**
   * The list of sources under an answer; each entry opens the passage.
   * @param {Citation[]} items @param {'sources' | 'seeAlso'} headingKey
   * @param {(n: number) => string[]} quotesOf the sentences the answer quotes from source n
   */
  function refList(items, headingKey, quotesOf) {
    const heading = h('h3', { className: 'refs-title' });
    setText(heading, headingKey);
    const ol = h('ol', { className: 'ref-list' });
    for (const c of items) {
      // Named by what it shows ("Source 1: title, date · file"), the number said in words.
      const spoken = h('span', { className: 'visually-hidden' });
      setText(spoken, 'sourceN', { n: c.n });
      const btn = h('button', { className: 'ref', attrs: { type: 'button' }, dataset: { ref: String(c.n), passageId: c.id } }, [
        h('span', { className: 'ref-n', text: String(c.n), attrs: { 'aria-hidden': 'true' } }),
        spoken,
        h('span', { className: 'ref-body' }, [h('span', { className: 'ref-title', text: c.title || c.source }), metaLine(c)]),
      ]);
      setAttr(btn, 'title', 'openPassage', { n: c.n, title: c.title || c.source });
      btn.addEventListener('click', () => deps.openCitation(c, btn, quotesOf(c.n)));
      ol.append(h('li', {}, [btn, h('p', { className: 'ref-excerpt', text: c.text })]));
    }
    return h('section', { className: `refs ${headingKey === 'seeAlso' ? 'see-also' : ''}` }, [heading, ol]);
  }

  /**
   * Copy / regenerate / feedback under a finished answer.
   * @param {FinishedTurn} view @param {HTMLElement} bubble @param {Feedback | undefined} feedback
   */
  function actions(view, bubble, feedback) {
    const r = /** @type {ChatResponse} */ (view.response);
    const bar = h('div', { className: 'answer-actions', attrs: { role: 'group' } });
    setAttr(bar, 'aria-label', 'answerActions');
    const status = h('p', { className: 'action-status', attrs: { role: 'status' } });

    const copy = h('button', { className: 'action', attrs: { type: 'button' }, dataset: { action: 'copy' } });
    setText(copy, 'copy');
    setAttr(copy, 'title', 'copyLabel');
    copy.addEventListener('click', async () => {
      try {
        await copyText(plainWithSources(r));
        setText(status, 'copied');
      } catch {
        setText(status, 'copyFailed');
      }
    });
    bar.append(copy);

    const regen = h('button', { className: 'action', attrs: { type: 'button' }, dataset: { action: 'regenerate' } });
    setText(regen, 'regenerate');
    setAttr(regen, 'title', 'regenerateLabel');
    regen.hidden = true;
    regen.addEventListener('click', () => deps.onRegenerate(view));
    bar.append(regen);
    view.setRegenerable = (on) => {
      regen.hidden = !on;
    };

    if (r.turnId) {
      const turnId = r.turnId;
      const up = h('button', { className: 'action rate', attrs: { type: 'button', 'aria-pressed': 'false' }, dataset: { action: 'feedback-up' } });
      setText(up, 'rateUp');
      setAttr(up, 'title', 'helpful');
      const down = h('button', { className: 'action rate', attrs: { type: 'button', 'aria-pressed': 'false' }, dataset: { action: 'feedback-down' } });
      setText(down, 'rateDown');
      setAttr(down, 'title', 'notHelpful');
      const commentId = `comment-${turnId}`;
      const label = h('label', { className: 'feedback-label', attrs: { for: commentId } });
      const comment = h('textarea', { className: 'feedback-comment', attrs: { id: commentId, rows: '2', maxlength: '2000' } });
      const sendBtn = h('button', { className: 'button secondary', attrs: { type: 'submit' } });
      setText(sendBtn, 'feedbackSend');
      const form = h('form', { className: 'feedback-form' }, [label, comment, sendBtn]);
      form.hidden = true;
      /** @type {'up' | 'down' | null} */
      let rating = feedback?.rating ?? null;
      const show = () => {
        up.setAttribute('aria-pressed', String(rating === 'up'));
        down.setAttribute('aria-pressed', String(rating === 'down'));
      };
      show();
      /** @param {'up' | 'down'} value @param {string} text */
      const submit = async (value, text) => {
        try {
          await deps.onFeedback(turnId, value, text);
          rating = value;
          show();
          setText(status, text ? 'feedbackSaved' : 'feedbackThanks');
          return true;
        } catch (err) {
          status.replaceChildren(...errorNodes(err).slice(0, 1));
          return false;
        }
      };
      for (const [btn, value] of /** @type {const} */ ([
        [up, 'up'],
        [down, 'down'],
      ])) {
        btn.addEventListener('click', async () => {
          if (!(await submit(value, ''))) return;
          // Then an optional comment, asked in the words that fit the rating.
          setText(label, value === 'down' ? 'feedbackComment' : 'feedbackCommentUp');
          form.dataset.rating = value;
          form.hidden = false;
          comment.focus();
        });
      }
      form.addEventListener('submit', async (e) => {
        e.preventDefault();
        const value = form.dataset.rating === 'up' ? 'up' : 'down';
        if (await submit(value, comment.value.trim())) form.hidden = true;
      });
      bar.append(up, down);
      bubble.append(bar, form, status);
    } else bubble.append(bar, status);
  }


  return {
    /** @param {string} text */
    addUser(text) {
      const { li, bubble } = turn('user', 'you');
      bubble.append(h('p', { className: 'user-text', text }));
      follow(true);
      return li;
    },

    addAssistant() {
      const { li, bubble } = turn('assistant', 'assistant');
      li.setAttribute('aria-busy', 'true');
      const typingText = h('span');
      setText(typingText, 'typing');
      const typing = h('div', { className: 'typing', attrs: { role: 'status' } }, [
        h('span', { className: 'dots', attrs: { 'aria-hidden': 'true' } }, [h('span'), h('span'), h('span')]),
        typingText,
      ]);
      const answer = h('div', { className: 'answer' });
      bubble.append(answer, typing);
      follow(true);

      let text = '';
      /** @type {'fr' | 'en'} */
      let lang = getLang();
      /** @type {Map<number, Citation>} */
      let cited = new Map();
      /** @type {{ n: number, text: string, translation?: string }[]} */
      let quotes = [];
      /** @param {number} n */
      const quotesOf = (n) => quotes.filter((q) => q.n === n).map((q) => q.text);
      let scheduled = false;

      /** @param {number} n */
      function marker(n) {
        const c = /** @type {Citation} */ (cited.get(n));
        const btn = h('button', { className: 'marker', text: String(n), attrs: { type: 'button' }, dataset: { citation: String(n), passageId: c.id } });
        setAttr(btn, 'aria-label', 'citeLabel', { n, title: c.title || c.source });
        btn.addEventListener('click', () => deps.openCitation(c, btn, quotesOf(n)));
        return btn;
      }

      function render() {
        scheduled = false;
        answer.replaceChildren(renderAnswer(text, { lang, known: (n) => cited.has(n), marker }));
        follow();
      }
      function schedule() {
        if (scheduled) return;
        scheduled = true;
        requestAnimationFrame(render);
      }
      function settle() {
        li.removeAttribute('aria-busy');
        typing.remove();
        answer.classList.remove('streaming');
      }

      /** @type {FinishedTurn} */
      const view = { li, question: '', response: null, setRegenerable: () => undefined };

      return {
        li,
        view,
        /** @param {string} piece */
        token(piece) {
          text += piece;
          answer.classList.add('streaming');
          schedule();
        },
        /** @param {Citation[]} citations */
        citations(citations) {
          cited = new Map(citations.map((c) => [c.n, c]));
          schedule();
        },
        /** @param {ChatResponse} r @param {string} question @param {Feedback} [feedback] */
        finish(r, question, feedback) {
          settle();
          text = r.answer ?? text;
          lang = r.lang === 'en' ? 'en' : 'fr';
          cited = new Map((r.citations ?? []).map((c) => [c.n, c]));
          quotes = Array.isArray(r.quotes) ? r.quotes : [];
          render();
          answer.lang = lang;
          li.classList.toggle('unanswered', !r.answered);
          if (r.standalone && r.standalone.trim() !== question.trim()) {
            const p = h('p', { className: 'standalone', attrs: { lang: r.lang } });
            setText(p, 'searchedFor', { q: r.standalone });
            bubble.append(p);
          }
          // Machine-translated quotations: the verbatim French sentences, one click away.
          const originals = quotes.filter((q) => q.translation);
          if (originals.length) {
            const summary = h('summary');
            setText(summary, 'originals');
            const items = originals.map((q) => h('li', { attrs: { lang: 'fr' } }, [`«\u202f${q.text}\u202f» `, h('span', { className: 'ref', text: `[${q.n}]` })]));
            bubble.append(h('details', { className: 'originals', dataset: { testid: 'originals' } }, [summary, h('ul', {}, items)]));
          }
          if (r.answered && r.citations?.length) bubble.append(refList(r.citations, 'sources', quotesOf));
          if (!r.answered && r.seeAlso?.length) bubble.append(refList(r.seeAlso, 'seeAlso', () => []));
          // Retrieval may cite passages even when unanswered: still list them.
          if (!r.answered && !r.seeAlso?.length && r.citations?.length) bubble.append(refList(r.citations, 'seeAlso', () => []));
          if (r.notice) bubble.append(h('p', { className: 'notice', text: r.notice }));
          view.question = question;
          view.response = r;
          actions(view, bubble, feedback);
          follow();
          return view;
        },
        /** @param {unknown} err @param {() => void} retry */
        fail(err, retry) {
          settle();
          if (text === '') answer.remove();
          else render();
          li.classList.add('failed');
          bubble.append(h('div', { className: 'error', attrs: { role: 'alert' } }, errorNodes(err, { retry })));
          follow(true);
        },
        stopped() {
          settle();
          render();
          const p = h('p', { className: 'notice' });
          setText(p, 'stopped');
          bubble.append(p);
        },
      };
    },

    /**
     * Show a saved conversation's turns as they were answered.
     * @param {StoredTurn[]} turns @param {string} sessionId
     * @returns {FinishedTurn[]}
     */
    showStored(turns, sessionId) {
      /** @type {FinishedTurn[]} */
      const views = [];
      for (const st of turns) {
        this.addUser(st.question);
        const a = this.addAssistant();
        /** @type {ChatResponse} */
        const r = {
          answer: st.answer ?? '',
          answered: st.answered ?? true,
          lang: st.lang === 'en' ? 'en' : 'fr',
          sessionId,
          citations: st.citations ?? [],
          ...(st.seeAlso ? { seeAlso: st.seeAlso } : {}),
          ...(st.standalone ? { standalone: st.standalone } : {}),
          ...(st.notice ? { notice: st.notice } : {}),
          ...(st.quotes ? { quotes: st.quotes } : {}),
          turnId: st.id,
        };
        views.push(a.finish(r, st.question, st.feedback));
      }
      follow(true);
      return views;
    },

    clear() {
      clear(list);
      deps.onEmptyChange(true);
    },
  };
}

/** @param {string} answer for the live region: markers read as numbers in brackets */
export function plainAnswer(answer) {
  return t('answerAnnounce', { text: answer });
}
