import { describe, expect, it } from 'vitest';
import { decodeXmlText, XmlScanError, XmlScanner } from './xml-scanner.js';

/** Every element's path and text, as a reader that maps all leaves would see them. */
function leaves(xml: string): Array<[string, string | undefined]> {
  const scanner = new XmlScanner(xml);
  const found: Array<[string, string | undefined]> = [];
  const walk = (path: string, isLeaf: (name: string) => boolean): void => {
    for (let name = scanner.nextChild(); name !== undefined; name = scanner.nextChild()) {
      if (isLeaf(name)) found.push([`${path}/${name}`, scanner.text(name)]);
      else walk(`${path}/${name}`, isLeaf);
    }
  };
  walk('', (name) => name.startsWith('leaf'));
  return found;
}

describe('XmlScanner', () => {
  it('walks children, texts and empty elements, past the declaration, comments and attributes', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<!-- an answer -->
      <root xmlns="http://ec2.amazonaws.com/doc/2016-11-15/" note='a > b'>
        <leafA>one</leafA><leafEmpty/><leafEmptyToo></leafEmptyToo>
        <group><leafB> spaced  text </leafB><inner attribute="x"><leafC>deep</leafC></inner></group>
      </root>`;
    expect(leaves(xml)).toEqual([
      ['/root/leafA', 'one'],
      ['/root/leafEmpty', ''],
      ['/root/leafEmptyToo', ''],
      ['/root/group/leafB', ' spaced  text '],
      ['/root/group/inner/leafC', 'deep'],
    ]);
  });

  it('decodes entity and character references, and reads CDATA as text', () => {
    expect(decodeXmlText('a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos; &#233;&#x263A; &unknown;')).toBe(`a & b <c> "d" 'e' é☺ &unknown;`);
    const scanner = new XmlScanner('<root><leaf>x <![CDATA[<raw & kept>]]> y<!-- gone --></leaf></root>');
    scanner.nextChild();
    expect(scanner.nextChild()).toBe('leaf');
    expect(scanner.text('leaf')).toBe('x <raw & kept> y');
    expect(scanner.nextChild()).toBeUndefined();
  });

  it('skips elements whole, even when an element of the same name or a longer one opens inside', () => {
    const xml = `<root>
      <item><item><leafX>nested</leafX></item><item/></item>
      <privateIpAddress>10.0.0.1</privateIpAddress>
      <set><privateIpAddressesSet><item><privateIpAddress>10.0.0.2</privateIpAddress></item></privateIpAddressesSet></set>
      <leafAfter>kept</leafAfter>
    </root>`;
    const scanner = new XmlScanner(xml);
    const seen: Array<[string, string | undefined]> = [];
    scanner.nextChild();
    for (let name = scanner.nextChild(); name !== undefined; name = scanner.nextChild()) {
      if (name.startsWith('leaf') || name === 'privateIpAddress') seen.push([name, scanner.text(name)]);
      else scanner.skip(name);
    }
    expect(seen).toEqual([
      ['privateIpAddress', '10.0.0.1'],
      ['leafAfter', 'kept'],
    ]);
    expect(scanner.nextChild()).toBeUndefined();
  });

  it('skips past comments, CDATA and quoted attribute values that hold markup characters', () => {
    const scanner = new XmlScanner(`<root><skipped note="a > b <c>"><!-- </skipped> --><inner><![CDATA[</skipped><x>]]></inner><empty/></skipped><leaf>after</leaf></root>`);
    scanner.nextChild();
    expect(scanner.nextChild()).toBe('skipped');
    scanner.skip('skipped');
    expect(scanner.nextChild()).toBe('leaf');
    expect(scanner.text('leaf')).toBe('after');
    expect(scanner.nextChild()).toBeUndefined();
    expect(scanner.nextChild()).toBeUndefined();
  });

  it('reads UTF-8 bytes the same as their text, multi-byte characters and entities included', () => {
    const xml = '<root><leafA>Zürich ☺ 🚀 &amp; more</leafA><skipped><leafNo>ü</leafNo></skipped><leafB><![CDATA[é]]></leafB></root>';
    const read = (source: string | Buffer) => {
      const scanner = new XmlScanner(source);
      const texts: Array<string | undefined> = [];
      scanner.nextChild();
      for (let name = scanner.nextChild(); name !== undefined; name = scanner.nextChild()) {
        if (name.startsWith('leaf')) texts.push(scanner.text(name));
        else scanner.skip(name);
      }
      return texts;
    };
    expect(read(Buffer.from(xml, 'utf8'))).toEqual(['Zürich ☺ 🚀 & more', 'é']);
    expect(read(xml)).toEqual(read(Buffer.from(xml, 'utf8')));
  });

  it('reads every text exactly, where values come again between many others that share their slots', () => {
    // 2,000 distinct values and 3 repeated ones, interleaved: many more texts than the table has slots.
    const values = Array.from({ length: 2_000 }, (_, index) => [`i-${index.toString(16).padStart(17, '0')}`, 'running', 't3.medium', index % 2 === 0 ? 'a' : 'b']).flat();
    const xml = `<root>${values.map((value) => `<leaf>${value}</leaf>`).join('')}<leaf>Zürich</leaf><leaf>Z&amp;rich</leaf></root>`;
    const read = leaves(xml).map(([, text]) => text);
    expect(read).toEqual([...values, 'Zürich', 'Z&rich']);
  });

  it('gives undefined for the text of an element that holds elements, and goes on after it', () => {
    const scanner = new XmlScanner('<root><leaf><child>x</child></leaf><next>y</next></root>');
    scanner.nextChild();
    expect(scanner.nextChild()).toBe('leaf');
    expect(scanner.text('leaf')).toBeUndefined();
    expect(scanner.nextChild()).toBe('next');
    expect(scanner.text('next')).toBe('y');
  });

  it('rejects a document cut short instead of reading part of it', () => {
    const cut = '<root><items><item><leafA>one</leafA></item><item><leafA>tw';
    expect(() => leaves(cut)).toThrow(XmlScanError);
    expect(() => leaves('<root><leafA>one</leafA>')).toThrow(/cut short/);
    expect(() => leaves('<root><leafA')).toThrow(XmlScanError);
  });
});
