// The message list: user turns, assistant turns that fill in as tokens stream, citation markers
// as buttons, the sources list under each answer ("See also" when unanswered), notices, errors.
import { h, clear } from './dom.js';
import { errorNodes } from './errors.js';
import { formatDate, setAttr, setText, t } from './i18n.js';
import { splitMarkers } from './markers.js';

/**
 * @typedef {import('./api.js').Citation} Citation
 * @typedef {import('./api.js').ChatResponse} ChatResponse
 */

/**
 * @param {{ list: HTMLElement, scroller: HTMLElement, onEmptyChange: (empty: boolean) => void,
 *   openCitation: (c: Citation, from: HTMLElement, quotes: string[]) => void }} deps
 */
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
    if (c.page !== undefined) {
      const page = h('span');
      setText(page, 'page', { page: c.page });
      parts.push(page);
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
      const btn = h('button', { className: 'ref', attrs: { type: 'button' }, dataset: { ref: String(c.n), passageId: c.id } }, [
        h('span', { className: 'ref-n', text: String(c.n), attrs: { 'aria-hidden': 'true' } }),
        h('span', { className: 'ref-body' }, [h('span', { className: 'ref-title', text: c.title || c.source }), metaLine(c)]),
      ]);
      setAttr(btn, 'aria-label', 'openPassage', { n: c.n, title: c.title || c.source });
      btn.addEventListener('click', () => deps.openCitation(c, btn, quotesOf(c.n)));
      ol.append(h('li', {}, [btn, h('p', { className: 'ref-excerpt', text: c.text })]));
    }
    return h('section', { className: `refs ${headingKey === 'seeAlso' ? 'see-also' : ''}` }, [heading, ol]);
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
      /** @type {Map<number, Citation>} */
      let cited = new Map();
      /** @type {{ n: number, text: string, translation?: string }[]} */
      let quotes = [];
      /** @param {number} n */
      const quotesOf = (n) => quotes.filter((q) => q.n === n).map((q) => q.text);
      let scheduled = false;

      function render() {
        scheduled = false;
        const nodes = splitMarkers(text, (n) => cited.has(n)).map((seg) => {
          if (seg.type === 'text') return document.createTextNode(seg.text);
          const c = /** @type {Citation} */ (cited.get(seg.n));
          const btn = h('button', { className: 'marker', text: String(seg.n), attrs: { type: 'button' }, dataset: { citation: String(seg.n), passageId: c.id } });
          setAttr(btn, 'aria-label', 'citeLabel', { n: seg.n, title: c.title || c.source });
          btn.addEventListener('click', () => deps.openCitation(c, btn, quotesOf(seg.n)));
          return btn;
        });
        answer.replaceChildren(...nodes);
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

      return {
        li,
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
        /** @param {ChatResponse} r @param {string} question */
        finish(r, question) {
          settle();
          text = r.answer ?? text;
          cited = new Map((r.citations ?? []).map((c) => [c.n, c]));
          quotes = Array.isArray(r.quotes) ? r.quotes : [];
          render();
          answer.lang = r.lang;
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
            const items = originals.map((q) => h('li', { attrs: { lang: 'fr' } }, [`« ${q.text} » `, h('span', { className: 'ref', text: `[${q.n}]` })]));
            bubble.append(h('details', { className: 'originals', dataset: { testid: 'originals' } }, [summary, h('ul', {}, items)]));
          }
          if (r.answered && r.citations?.length) bubble.append(refList(r.citations, 'sources', quotesOf));
          if (!r.answered && r.seeAlso?.length) bubble.append(refList(r.seeAlso, 'seeAlso', () => []));
          // Retrieval may cite passages even when unanswered: still list them.
          if (!r.answered && !r.seeAlso?.length && r.citations?.length) bubble.append(refList(r.citations, 'seeAlso', () => []));
          if (r.notice) bubble.append(h('p', { className: 'notice', text: r.notice }));
          follow();
        },
        /** @param {unknown} err @param {() => void} retry */
        fail(err, retry) {
          settle();
          if (text === '') answer.remove();
          else render();
          const again = h('button', { className: 'button secondary', attrs: { type: 'button' } });
          setText(again, 'retry');
          again.addEventListener('click', retry);
          li.classList.add('failed');
          bubble.append(h('div', { className: 'error', attrs: { role: 'alert' } }, [...errorNodes(err), again]));
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
