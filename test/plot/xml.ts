// A tiny well-formedness check for generated SVG: balanced tags, quoted attributes, escaped text.
export function assertWellFormedXml(xml: string): { elements: number } {
  const tag = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>/y;
  const stack: string[] = [];
  let elements = 0;
  let i = 0;
  let sawRoot = false;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const text = xml.slice(i, lt < 0 ? xml.length : lt);
    if (/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(text)) throw new Error(`unescaped & near: ${text.slice(0, 60)}`);
    if (text.includes('>')) throw new Error(`stray > near: ${text.slice(0, 60)}`);
    if (stack.length === 0 && text.trim() !== '') throw new Error(`text outside the root element: ${text.slice(0, 60)}`);
    if (lt < 0) break;
    tag.lastIndex = lt;
    const m = tag.exec(xml);
    if (!m) throw new Error(`malformed tag at ${lt}: ${xml.slice(lt, lt + 80)}`);
    const [, close, name, , selfClose] = m;
    if (close) {
      const open = stack.pop();
      if (open !== name) throw new Error(`</${name}> closes <${open}>`);
    } else {
      if (stack.length === 0) {
        if (sawRoot) throw new Error('more than one root element');
        sawRoot = true;
      }
      elements++;
      if (!selfClose) stack.push(name);
    }
    i = tag.lastIndex;
  }
  if (stack.length > 0) throw new Error(`unclosed: ${stack.join(' > ')}`);
  if (!sawRoot) throw new Error('no root element');
  return { elements };
}

export function count(haystack: string, needle: string): number {
  let n = 0;
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length)) n++;
  return n;
}
