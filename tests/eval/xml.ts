/**
 * A strict well-formedness check for the SVG we write (no XML parser is a dependency):
 * balanced tags, quoted unique attributes, only the five predefined entities or numeric ones.
 */
export function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  const entityOk = (s: string) => !/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(s);
  let i = 0;
  let roots = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const text = xml.slice(i, lt === -1 ? xml.length : lt);
    if (!entityOk(text)) problems.push(`bad entity in text near "${text.slice(0, 30)}"`);
    if (stack.length === 0 && text.trim() !== '') problems.push(`text outside the root: "${text.trim().slice(0, 30)}"`);
    if (lt === -1) break;
    const gt = xml.indexOf('>', lt);
    if (gt === -1) {
      problems.push('unterminated tag');
      break;
    }
    const tag = xml.slice(lt + 1, gt);
    i = gt + 1;
    if (tag.startsWith('?') || tag.startsWith('!--')) continue;
    if (tag.startsWith('/')) {
      const name = tag.slice(1).trim();
      const open = stack.pop();
      if (open !== name) problems.push(`</${name}> closes <${open ?? 'nothing'}>`);
      continue;
    }
    const selfClosing = tag.endsWith('/');
    const body = selfClosing ? tag.slice(0, -1) : tag;
    const m = /^([A-Za-z_][\w:.-]*)((?:\s+[A-Za-z_][\w:.-]*="[^"<]*")*)\s*$/.exec(body);
    if (!m) {
      problems.push(`malformed tag <${tag.slice(0, 40)}>`);
      continue;
    }
    const names = [...(m[2] ?? '').matchAll(/([A-Za-z_][\w:.-]*)="([^"]*)"/g)].map((a) => {
      if (!entityOk(a[2] ?? '')) problems.push(`bad entity in attribute ${a[1]}`);
      return a[1];
    });
    if (new Set(names).size !== names.length) problems.push(`duplicate attribute in <${m[1]}>`);
    if (stack.length === 0) roots++;
    if (!selfClosing) stack.push(m[1] as string);
  }
  if (stack.length) problems.push(`unclosed: ${stack.join(', ')}`);
  if (roots !== 1) problems.push(`expected one root element, found ${roots}`);
  return problems;
}
