import type { Element, Node } from '@xmldom/xmldom';
import { isElement } from './xml-dom.js';

const escapeText = (s: string) => (/[&<>]/.test(s) ? s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') : s);
const escapeAttr = (s: string) => (/[&<>"]/.test(s) ? escapeText(s).replace(/"/g, '&quot;') : s);

/** A line placed (as an XML comment) just before an element, e.g. "✔ signed, verified with …". */
export type Marker = (element: Element) => string | undefined;

function openTag(el: Element): string {
  let tag = `<${el.tagName}`;
  for (let i = 0; i < el.attributes.length; i++) {
    const a = el.attributes.item(i);
    if (a) tag += ` ${a.name}="${escapeAttr(a.value)}"`;
  }
  return tag;
}

const isBlankText = (c: Node) => (c.nodeType === 3 || c.nodeType === 4) && !(c.nodeValue ?? '').trim();

/**
 * Pretty-prints a parsed SAML message for the viewer's XML tab, with a marker comment before each signed part.
 * Text is kept exactly (comments too: a comment inside a NameID is evidence, not noise); whitespace-only text
 * between elements is replaced by indentation. Display only: never parse this back or verify it.
 */
export function prettyXml(root: Element, mark: Marker): string {
  const lines: string[] = [];
  const walk = (node: Node, depth: number) => {
    const pad = '  '.repeat(depth);
    if (node.nodeType === 8) {
      lines.push(`${pad}<!--${node.nodeValue ?? ''}-->`);
      return;
    }
    if (node.nodeType === 3 || node.nodeType === 4) {
      const value = node.nodeValue ?? '';
      if (value.trim()) lines.push(`${pad}${escapeText(value.trim())}`);
      return;
    }
    if (!isElement(node)) return;
    const marker = mark(node);
    if (marker) lines.push(`${pad}<!-- ${marker.replace(/--/g, '- -')} -->`);
    const children: Node[] = [];
    let hasElement = false;
    for (let i = 0; i < node.childNodes.length; i++) {
      const c = node.childNodes.item(i);
      if (!c || isBlankText(c)) continue;
      children.push(c);
      if (isElement(c)) hasElement = true;
    }
    if (children.length === 0) {
      lines.push(`${pad}${openTag(node)}/>`);
    } else if (!hasElement) {
      // Mixed text and comments stay on one line, exactly in order: `a<!---->b` must be visible as such.
      const inline = children.map((c) => (c.nodeType === 8 ? `<!--${c.nodeValue ?? ''}-->` : c.nodeType === 7 ? '<?…?>' : escapeText(c.nodeValue ?? '')));
      lines.push(`${pad}${openTag(node)}>${inline.join('')}</${node.tagName}>`);
    } else {
      lines.push(`${pad}${openTag(node)}>`);
      for (const child of children) walk(child, depth + 1);
      lines.push(`${pad}</${node.tagName}>`);
    }
  };
  walk(root, 0);
  return lines.join('\n');
}
