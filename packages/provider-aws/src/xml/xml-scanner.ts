const LESS_THAN = 0x3c;
const GREATER_THAN = 0x3e;
const SLASH = 0x2f;
const QUESTION_MARK = 0x3f;
const EXCLAMATION_MARK = 0x21;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;

const NAMED_ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const ENTITY = /&(?:#x([0-9a-fA-F]+)|#([0-9]+)|([a-zA-Z]+));/g;

/** The text of an XML character data run with its entity and character references replaced. */
export function decodeXmlText(raw: string): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(ENTITY, (reference, hexadecimal?: string, decimal?: string, name?: string) => {
    if (hexadecimal !== undefined) return String.fromCodePoint(Number.parseInt(hexadecimal, 16));
    if (decimal !== undefined) return String.fromCodePoint(Number.parseInt(decimal, 10));
    return NAMED_ENTITIES[name ?? ''] ?? reference;
  });
}

/** XML that does not end where it should: a truncated or garbled answer. */
export class XmlScanError extends Error {
  override readonly name = 'XmlScanError';
}

/**
 * A pull reader over one XML document for answers whose shape is known: the caller asks for the
 * children of the element it is in, reads the text of the leaves it maps, and skips the rest.
 * A skipped element costs a search for its end tag, not a walk through its content, so an
 * answer is read at the speed of `indexOf` over the parts nobody maps (most of an EC2
 * instance record). No tree and no copies: only the mapped texts become strings.
 */
export class XmlScanner {
  readonly #xml: string;
  readonly #bytes: Buffer | undefined;
  #position = 0;
  #selfClosing = false;
  /** Elements entered and not yet ended: the document must not end inside one. */
  #depth = 0;

  /**
   * Reads `xml`, or the bytes of a UTF-8 document: those are scanned as Latin-1 text (one
   * character per byte, so positions match, and every byte of XML markup is ASCII), and each
   * text read is decoded from its own bytes. That gives texts that are strings of their own:
   * substrings of one large answer would keep all of it in memory for as long as any is kept.
   */
  constructor(xml: string | Buffer) {
    if (typeof xml === 'string') {
      this.#xml = xml;
    } else {
      this.#xml = xml.toString('latin1');
      this.#bytes = xml;
    }
  }

  /**
   * The name of the next child element of the element the reader is in (the document itself at
   * first), the reader then inside it; undefined once the end tag of the element it was in is
   * consumed (or the document ends).
   */
  nextChild(): string | undefined {
    // An empty element (`<name/>`) ends where it starts: it has no children.
    if (this.#selfClosing) {
      this.#selfClosing = false;
      return undefined;
    }
    const xml = this.#xml;
    for (;;) {
      const open = xml.indexOf('<', this.#position);
      if (open === -1) {
        if (this.#depth > 0) throw new XmlScanError(`The XML ends inside ${this.#depth} unfinished element(s): the answer is cut short`);
        this.#position = xml.length;
        return undefined;
      }
      const marker = xml.charCodeAt(open + 1);
      if (marker === SLASH) {
        this.#position = this.#endOf('>', open) + 1;
        this.#depth -= 1;
        return undefined;
      }
      if (marker === QUESTION_MARK) {
        this.#position = this.#endOf('?>', open) + 2;
        continue;
      }
      if (marker === EXCLAMATION_MARK) {
        this.#position = xml.startsWith('<!--', open) ? this.#endOf('-->', open) + 3 : xml.startsWith('<![CDATA[', open) ? this.#endOf(']]>', open) + 3 : this.#endOf('>', open) + 1;
        continue;
      }
      let nameEnd = open + 1;
      while (nameEnd < xml.length && !isNameEnd(xml.charCodeAt(nameEnd))) nameEnd += 1;
      const tagEnd = this.#endOfTag(nameEnd);
      this.#selfClosing = xml.charCodeAt(tagEnd - 1) === SLASH;
      if (!this.#selfClosing) this.#depth += 1;
      this.#position = tagEnd + 1;
      return xml.slice(open + 1, nameEnd);
    }
  }

  /**
   * The text of the element just entered by `nextChild`, whose end tag is consumed: '' for an
   * empty one, undefined (and the element skipped) when it holds elements rather than text.
   */
  text(name: string): string | undefined {
    if (this.#selfClosing) {
      this.#selfClosing = false;
      return '';
    }
    const xml = this.#xml;
    const start = this.#position;
    const next = xml.indexOf('<', start);
    if (next !== -1 && xml.charCodeAt(next + 1) === SLASH) {
      this.#position = this.#endOf('>', next) + 1;
      this.#depth -= 1;
      return decodeXmlText(this.#slice(start, next));
    }
    // Comments or CDATA among the text (AWS sends neither): the slow way.
    let text = '';
    let position = start;
    for (;;) {
      const open = xml.indexOf('<', position);
      if (open === -1) throw new XmlScanError(`The XML ends inside <${name}>`);
      text += decodeXmlText(this.#slice(position, open));
      if (xml.startsWith('<![CDATA[', open)) {
        const end = this.#endOf(']]>', open);
        text += this.#slice(open + 9, end);
        position = end + 3;
      } else if (xml.startsWith('<!--', open)) {
        position = this.#endOf('-->', open) + 3;
      } else if (xml.charCodeAt(open + 1) === SLASH) {
        this.#position = this.#endOf('>', open) + 1;
        this.#depth -= 1;
        return text;
      } else {
        this.#position = start;
        this.skip(name);
        return undefined;
      }
    }
  }

  /** Leaves the element just entered by `nextChild`, whatever it holds. */
  skip(name: string): void {
    if (this.#selfClosing) {
      this.#selfClosing = false;
      return;
    }
    const xml = this.#xml;
    const closing = `</${name}`;
    const close = xml.indexOf(closing, this.#position);
    // The first end tag of that name is its own unless an element of the same name (or one
    // whose name starts the same) opens inside: then each child is walked in turn.
    if (close !== -1 && xml.lastIndexOf(`<${name}`, close) < this.#position && isNameEnd(xml.charCodeAt(close + closing.length))) {
      this.#position = this.#endOf('>', close) + 1;
      this.#depth -= 1;
      return;
    }
    for (let child = this.nextChild(); child !== undefined; child = this.nextChild()) this.skip(child);
  }

  #slice(start: number, end: number): string {
    return this.#bytes === undefined ? this.#xml.slice(start, end) : this.#bytes.toString('utf8', start, end);
  }

  #endOf(token: string, from: number): number {
    const end = this.#xml.indexOf(token, from);
    if (end === -1) throw new XmlScanError(`The XML ends before "${token}" (after character ${from})`);
    return end;
  }

  /** The `>` closing a start tag, past any quoted attribute value (which may hold one). */
  #endOfTag(from: number): number {
    const xml = this.#xml;
    for (let position = from; position < xml.length; position += 1) {
      const code = xml.charCodeAt(position);
      if (code === GREATER_THAN) return position;
      if (code === DOUBLE_QUOTE || code === SINGLE_QUOTE) position = this.#endOf(code === DOUBLE_QUOTE ? '"' : "'", position + 1);
      else if (code === LESS_THAN) break;
    }
    throw new XmlScanError(`An XML start tag does not end (at character ${from})`);
  }
}

/** Whitespace, `/` and `>` end a tag name. */
function isNameEnd(code: number): boolean {
  return code === GREATER_THAN || code === SLASH || code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d || Number.isNaN(code);
}
