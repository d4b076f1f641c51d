/**
 * A tiny strict XML parser for tests (Deno has no DOMParser): it throws on unbalanced or
 * mismatched tags, malformed attributes, duplicate attributes, stray `<` or `&`, and more than one
 * root element, and returns the element tree for queries.
 */

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** The element's own text (entities decoded), children's text excluded. */
  text: string;
}

const NAME = /^[A-Za-z_][\w.:-]*/;
const ENTITY = /^&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/;

function decode(raw: string, where: number): string {
  let out = "";
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] as string;
    if (c === "<") throw new SyntaxError(`stray "<" at ${where + i}`);
    if (c !== "&") {
      out += c;
      continue;
    }
    const m = ENTITY.exec(raw.slice(i));
    if (m === null) throw new SyntaxError(`bad entity at ${where + i}: ${raw.slice(i, i + 10)}`);
    const e = m[1] as string;
    out += e === "amp"
      ? "&"
      : e === "lt"
      ? "<"
      : e === "gt"
      ? ">"
      : e === "quot"
      ? '"'
      : e === "apos"
      ? "'"
      : String.fromCodePoint(e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    i += m[0].length - 1;
  }
  return out;
}

/** Parses a document with exactly one root element. */
export function parseXml(source: string): XmlElement {
  const stack: XmlElement[] = [];
  const roots: XmlElement[] = [];
  let i = 0;
  while (i < source.length) {
    if (source.startsWith("<!--", i)) {
      const end = source.indexOf("-->", i);
      if (end < 0) throw new SyntaxError(`unclosed comment at ${i}`);
      i = end + 3;
    } else if (source.startsWith("<?", i)) {
      const end = source.indexOf("?>", i);
      if (end < 0) throw new SyntaxError(`unclosed declaration at ${i}`);
      i = end + 2;
    } else if (source.startsWith("</", i)) {
      const end = source.indexOf(">", i);
      const name = source.slice(i + 2, end).trim();
      const open = stack.pop();
      if (open === undefined || open.name !== name) {
        throw new SyntaxError(`</${name}> at ${i} closes <${open?.name ?? "nothing"}>`);
      }
      i = end + 1;
    } else if (source[i] === "<") {
      const m = NAME.exec(source.slice(i + 1));
      if (m === null) throw new SyntaxError(`bad tag name at ${i}`);
      const el: XmlElement = { name: m[0], attrs: {}, children: [], text: "" };
      let j = i + 1 + m[0].length;
      for (;;) {
        const ws = /^\s*/.exec(source.slice(j)) as RegExpExecArray;
        j += ws[0].length;
        if (source.startsWith("/>", j) || source[j] === ">") break;
        if (ws[0].length === 0) throw new SyntaxError(`missing space before attribute at ${j}`);
        const a = /^([A-Za-z_][\w.:-]*)="([^"]*)"/.exec(source.slice(j));
        if (a === null) throw new SyntaxError(`bad attribute at ${j}: ${source.slice(j, j + 20)}`);
        const key = a[1] as string;
        if (key in el.attrs) throw new SyntaxError(`duplicate attribute ${key} at ${j}`);
        el.attrs[key] = decode(a[2] as string, j);
        j += a[0].length;
      }
      const parent = stack[stack.length - 1];
      if (parent === undefined) roots.push(el);
      else parent.children.push(el);
      if (source.startsWith("/>", j)) {
        i = j + 2;
      } else {
        stack.push(el);
        i = j + 1;
      }
    } else {
      const end = source.indexOf("<", i);
      const raw = source.slice(i, end < 0 ? source.length : end);
      const parent = stack[stack.length - 1];
      if (parent === undefined) {
        if (raw.trim() !== "") throw new SyntaxError(`text outside the root at ${i}`);
      } else {
        parent.text += decode(raw, i);
      }
      i = end < 0 ? source.length : end;
    }
  }
  if (stack.length > 0) throw new SyntaxError(`unclosed <${stack[stack.length - 1]?.name}>`);
  if (roots.length !== 1) throw new SyntaxError(`expected one root element, got ${roots.length}`);
  return roots[0] as XmlElement;
}

/** Every element in the tree (depth first, document order) that satisfies `test`. */
export function findAll(root: XmlElement, test: (el: XmlElement) => boolean): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (el: XmlElement) => {
    if (test(el)) out.push(el);
    el.children.forEach(walk);
  };
  walk(root);
  return out;
}

/** All text inside an element, children included, in document order. */
export function textOf(el: XmlElement): string {
  return el.text + el.children.map(textOf).join("");
}
