/**
 * Small helpers over parse5's default tree (HTML documents, mammoth's HTML output, inline HTML in
 * Markdown, the XML of DOCX core properties). parse5 does the parsing; nothing here parses markup.
 */
import { parseFragment, type DefaultTreeAdapterMap } from 'parse5';

export type Node = DefaultTreeAdapterMap['node'];
export type Element = DefaultTreeAdapterMap['element'];
export type ParentNode = DefaultTreeAdapterMap['parentNode'];

export function isElement(node: Node): node is Element {
  return 'tagName' in node;
}

export function childrenOf(node: Node): Node[] {
  if (isElement(node) && node.tagName === 'template') {
    return (node as DefaultTreeAdapterMap['template']).content.childNodes;
  }
  return 'childNodes' in node ? node.childNodes : [];
}

export function attr(el: Element, name: string): string | undefined {
  return el.attrs.find((a) => a.name === name)?.value;
}

/** Depth-first search; `skip` prunes whole subtrees. */
export function findAll(root: Node, match: (el: Element) => boolean, skip?: (el: Element) => boolean): Element[] {
  const out: Element[] = [];
  const walk = (node: Node) => {
    for (const child of childrenOf(node)) {
      if (!isElement(child)) continue;
      if (skip?.(child)) continue;
      if (match(child)) out.push(child);
      walk(child);
    }
  };
  walk(root);
  return out;
}

export function findFirst(root: Node, match: (el: Element) => boolean, skip?: (el: Element) => boolean): Element | undefined {
  for (const child of childrenOf(root)) {
    if (!isElement(child) || skip?.(child)) continue;
    if (match(child)) return child;
    const deep = findFirst(child, match, skip);
    if (deep) return deep;
  }
  return undefined;
}

/** Concatenated text of a subtree, whitespace collapsed (for titles, dates, headings). */
export function textContent(node: Node): string {
  let s = '';
  const walk = (n: Node) => {
    if (n.nodeName === '#text') s += (n as DefaultTreeAdapterMap['textNode']).value;
    else if (isElement(n) && (n.tagName === 'script' || n.tagName === 'style')) return;
    else for (const c of childrenOf(n)) walk(c);
  };
  walk(node);
  return s.replace(/[ \t\n\r\f]+/gu, ' ').trim();
}

/** Text of an HTML fragment (entities decoded, tags dropped) — for inline HTML in Markdown. */
export function fragmentText(html: string): string {
  return textContent(parseFragment(html));
}
