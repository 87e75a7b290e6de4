const LESS_THAN = 0x3c;
const GREATER_THAN = 0x3e;
const SLASH = 0x2f;
const QUESTION_MARK = 0x3f;
const EXCLAMATION_MARK = 0x21;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;
const AMPERSAND = 0x26;
/** Slots of the table of texts seen last: a power of two. */
const TEXT_SLOTS = 256;

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
 * No tree and no copies: only the mapped texts become strings.
 *
 * It walks the UTF-8 bytes themselves, in plain loops (every byte of XML markup is ASCII, and
 * no byte of a multi-byte character is). A 1,000-instance answer is about 3 MB: turning it into
 * a string first, to search it with `indexOf`, cost a fresh copy of every page and a quarter of
 * the reading time. Each text read is decoded from its own bytes, a string of its own that does
 * not keep the answer alive; each element name is one string however often it comes.
 */
export class XmlScanner {
  readonly #bytes: Buffer;
  /** Element names met so far, by a hash of their bytes. */
  readonly #names = new Map<number, string>();
  #position = 0;
  #selfClosing = false;
  /** Texts seen last, by a hash of their bytes (see #plainText). */
  readonly #texts: Array<string | undefined> = new Array<string | undefined>(TEXT_SLOTS);
  /** Elements entered and not yet ended: the document must not end inside one. */
  #depth = 0;

  /** Reads `xml`, a document as text or as its UTF-8 bytes. */
  constructor(xml: string | Buffer) {
    this.#bytes = typeof xml === 'string' ? Buffer.from(xml, 'utf8') : xml;
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
    const bytes = this.#bytes;
    for (;;) {
      const open = this.#indexOf(LESS_THAN, this.#position);
      if (open === -1) {
        if (this.#depth > 0) throw new XmlScanError(`The XML ends inside ${this.#depth} unfinished element(s): the answer is cut short`);
        this.#position = bytes.length;
        return undefined;
      }
      const marker = bytes[open + 1];
      if (marker === SLASH) {
        this.#position = this.#endOf('>', open) + 1;
        this.#depth -= 1;
        return undefined;
      }
      if (marker === QUESTION_MARK || marker === EXCLAMATION_MARK) {
        this.#position = this.#pastMarkup(open);
        continue;
      }
      // The name's hash is taken in the same pass that finds where the name ends.
      let nameEnd = open + 1;
      let hash = 0;
      for (let code = bytes[nameEnd]; !isNameEnd(code); code = bytes[nameEnd]) {
        hash = (Math.imul(hash, 31) + code!) | 0;
        nameEnd += 1;
      }
      const tagEnd = this.#endOfTag(nameEnd);
      this.#selfClosing = bytes[tagEnd - 1] === SLASH;
      if (!this.#selfClosing) this.#depth += 1;
      this.#position = tagEnd + 1;
      return this.#name(open + 1, nameEnd, hash);
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
    const bytes = this.#bytes;
    const start = this.#position;
    // Up to the next tag, hashing the bytes on the way and noting any that is not plain ASCII
    // text (an entity reference's `&`, a multi-byte character).
    let next = start;
    let hash = 0;
    let plain = true;
    for (let code = bytes[next]; code !== LESS_THAN && code !== undefined; code = bytes[next]) {
      hash = (Math.imul(hash, 31) + code) | 0;
      if (code === AMPERSAND || code > 0x7f) plain = false;
      next += 1;
    }
    if (next < bytes.length && bytes[next + 1] === SLASH) {
      this.#position = this.#endOf('>', next) + 1;
      this.#depth -= 1;
      return plain ? this.#plainText(start, next, hash) : decodeXmlText(bytes.toString('utf8', start, next));
    }
    // Comments or CDATA among the text (AWS sends neither): the slow way.
    let text = '';
    let position = start;
    for (;;) {
      const open = this.#indexOf(LESS_THAN, position);
      if (open === -1) throw new XmlScanError(`The XML ends inside <${name}>`);
      text += decodeXmlText(this.#bytes.toString('utf8', position, open));
      if (this.#startsWith('<![CDATA[', open)) {
        const end = this.#endOf(']]>', open);
        text += this.#bytes.toString('utf8', open + 9, end);
        position = end + 3;
      } else if (this.#startsWith('<!--', open)) {
        position = this.#endOf('-->', open) + 3;
      } else if (bytes[open + 1] === SLASH) {
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

  /**
   * Leaves the element just entered by `nextChild`, whatever it holds: one pass over its bytes,
   * counting the elements that open and end inside it (comments, CDATA and quoted attribute
   * values, which may hold `<` or `>`, are passed over whole).
   */
  skip(_name: string): void {
    if (this.#selfClosing) {
      this.#selfClosing = false;
      return;
    }
    const bytes = this.#bytes;
    const length = bytes.length;
    let open = 1;
    let position = this.#position;
    // One loop over the bytes, no call per tag: most of an answer is skipped this way.
    while (open > 0) {
      while (position < length && bytes[position] !== LESS_THAN) position += 1;
      if (position >= length) throw new XmlScanError(`The XML ends inside ${this.#depth} unfinished element(s): the answer is cut short`);
      const marker = bytes[position + 1];
      if (marker === SLASH) {
        open -= 1;
        position += 2;
        while (position < length && bytes[position] !== GREATER_THAN) position += 1;
        if (position >= length) throw new XmlScanError(`The XML ends before ">" (in an end tag)`);
        position += 1;
      } else if (marker === QUESTION_MARK || marker === EXCLAMATION_MARK) {
        position = this.#pastMarkup(position);
      } else {
        const tagEnd = this.#endOfTag(position + 1);
        if (bytes[tagEnd - 1] !== SLASH) open += 1;
        position = tagEnd + 1;
      }
    }
    this.#position = position;
    this.#depth -= 1;
  }

  /**
   * ASCII text without references in bytes `start` to `end` (`hash` of them). Many values come
   * again and again in an answer (image, type, subnet, state, tag keys, a request's tag value):
   * the last text seen in each slot of a small table is given again while the bytes are the
   * same, instead of a new string each time.
   */
  #plainText(start: number, end: number, hash: number): string {
    const slot = hash & (TEXT_SLOTS - 1);
    const known = this.#texts[slot];
    if (known !== undefined && known.length === end - start) {
      const bytes = this.#bytes;
      let same = true;
      for (let index = 0; same && index < known.length; index += 1) same = known.charCodeAt(index) === bytes[start + index];
      if (same) return known;
    }
    const text = this.#bytes.toString('latin1', start, end);
    this.#texts[slot] = text;
    return text;
  }

  /** Past a declaration, processing instruction, comment or CDATA section starting at `open`. */
  #pastMarkup(open: number): number {
    if (this.#bytes[open + 1] === QUESTION_MARK) return this.#endOf('?>', open) + 2;
    if (this.#startsWith('<!--', open)) return this.#endOf('-->', open) + 3;
    if (this.#startsWith('<![CDATA[', open)) return this.#endOf(']]>', open) + 3;
    return this.#endOf('>', open) + 1;
  }

  /** The element name in bytes `start` to `end` (`hash` of them), the same string each time the same name comes. */
  #name(start: number, end: number, hash: number): string {
    const bytes = this.#bytes;
    const known = this.#names.get(hash);
    if (known !== undefined && known.length === end - start) {
      let same = true;
      for (let index = 0; same && index < known.length; index += 1) same = known.charCodeAt(index) === bytes[start + index];
      if (same) return known;
    }
    const name = this.#bytes.toString('utf8', start, end);
    this.#names.set(hash, name);
    return name;
  }

  /** The first `code` at or after `from`, or -1: a loop, as the distance to the next tag is short. */
  #indexOf(code: number, from: number): number {
    const bytes = this.#bytes;
    for (let position = from; position < bytes.length; position += 1) if (bytes[position] === code) return position;
    return -1;
  }

  #startsWith(token: string, at: number): boolean {
    const bytes = this.#bytes;
    if (at + token.length > bytes.length) return false;
    for (let index = 0; index < token.length; index += 1) if (bytes[at + index] !== token.charCodeAt(index)) return false;
    return true;
  }

  /** Where `token` (ASCII) next starts at or after `from`. */
  #endOf(token: string, from: number): number {
    const first = token.charCodeAt(0);
    for (let position = this.#indexOf(first, from); position !== -1; position = this.#indexOf(first, position + 1)) {
      if (token.length === 1 || this.#startsWith(token, position)) return position;
    }
    throw new XmlScanError(`The XML ends before "${token}" (after byte ${from})`);
  }

  /** The `>` closing a start tag, past any quoted attribute value (which may hold one). */
  #endOfTag(from: number): number {
    const bytes = this.#bytes;
    for (let position = from; position < bytes.length; position += 1) {
      const code = bytes[position];
      if (code === GREATER_THAN) return position;
      if (code === DOUBLE_QUOTE || code === SINGLE_QUOTE) position = this.#endOf(code === DOUBLE_QUOTE ? '"' : "'", position + 1);
      else if (code === LESS_THAN) break;
    }
    throw new XmlScanError(`An XML start tag does not end (at byte ${from})`);
  }
}

/** Whitespace, `/` and `>` end a tag name, as does the end of the document. */
function isNameEnd(code: number | undefined): boolean {
  return code === undefined || code === GREATER_THAN || code === SLASH || code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}
