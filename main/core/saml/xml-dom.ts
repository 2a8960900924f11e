import type { Element, Node } from '@xmldom/xmldom';

/** The namespaces of SAML 2.0 Core §1.2 and XML Signature. Elements are matched by namespace AND local name. */
export const NS = {
  samlp: 'urn:oasis:names:tc:SAML:2.0:protocol',
  saml: 'urn:oasis:names:tc:SAML:2.0:assertion',
  ds: 'http://www.w3.org/2000/09/xmldsig#',
} as const;

const ELEMENT_NODE = 1;
const COMMENT_NODE = 8;
const PROCESSING_INSTRUCTION_NODE = 7;

export function isElement(node: Node | null | undefined): node is Element {
  return !!node && node.nodeType === ELEMENT_NODE;
}

/** Direct children only: SAML's structure is positional, and descendant searches are how wrapping attacks win. */
export function childElements(parent: Node, ns?: string, localName?: string): Element[] {
  const out: Element[] = [];
  for (let i = 0; i < parent.childNodes.length; i++) {
    const node = parent.childNodes.item(i);
    if (!isElement(node)) continue;
    if (ns !== undefined && node.namespaceURI !== ns) continue;
    if (localName !== undefined && node.localName !== localName) continue;
    out.push(node);
  }
  return out;
}

export function firstChild(parent: Node | undefined, ns: string, localName: string): Element | undefined {
  return parent ? childElements(parent, ns, localName)[0] : undefined;
}

/** Follows a path of direct children in one namespace, e.g. path(assertion, NS.saml, 'Subject', 'NameID'). */
export function path(start: Node | undefined, ns: string, ...names: string[]): Element | undefined {
  let current: Node | undefined = start;
  for (const name of names) current = current ? firstChild(current, ns, name) : undefined;
  return isElement(current) ? current : undefined;
}

/** An attribute value, or undefined when absent (xmldom 0.9 returns null for absent attributes). */
export function attr(el: Element | undefined, name: string): string | undefined {
  if (!el || !el.hasAttribute(name)) return undefined;
  return el.getAttribute(name) ?? undefined;
}

/** Text content of an element; whitespace trimmed because SAML values are xs:string tokens in practice. */
export function text(el: Element | undefined): string | undefined {
  const value = el?.textContent;
  return value === null || value === undefined ? undefined : value.trim();
}

/**
 * True when an element directly holds a comment or processing instruction among its text. Canonical XML without
 * comments (used by every SAML signature) drops them, so `a<!---->b` verifies as `ab` while naive readers see `a`
 * (the 2018 comment-injection class, CVE-2017-11427 ff.). Legitimate IdPs never emit them there.
 */
export function hasInlineMarkup(el: Element): boolean {
  for (let i = 0; i < el.childNodes.length; i++) {
    const type = el.childNodes.item(i)?.nodeType;
    if (type === COMMENT_NODE || type === PROCESSING_INSTRUCTION_NODE) return true;
  }
  return false;
}

/** Every element with this namespace and local name anywhere under `root` (document order). */
export function descendants(root: Node, ns: string, localName: string): Element[] {
  const out: Element[] = [];
  const walk = (node: Node) => {
    for (let i = 0; i < node.childNodes.length; i++) {
      const child = node.childNodes.item(i);
      if (!isElement(child)) continue;
      if (child.namespaceURI === ns && child.localName === localName) out.push(child);
      walk(child);
    }
  };
  walk(root);
  return out;
}
