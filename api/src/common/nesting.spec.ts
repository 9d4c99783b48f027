import { jsonDepthExceeds, xmlDepthExceeds } from './nesting';

describe('nesting caps', () => {
  it('measures JSON depth over objects and arrays, ignoring brackets inside strings', () => {
    expect(jsonDepthExceeds('{"a":[{"b":1}]}', 3)).toBe(false);
    expect(jsonDepthExceeds('{"a":[{"b":[1]}]}', 3)).toBe(true);
    expect(jsonDepthExceeds(JSON.stringify({ s: '[[[[[[{{{{"\\' }), 1)).toBe(false);
    expect(jsonDepthExceeds('['.repeat(1e6), 32)).toBe(true);
  });

  it('measures XML depth over elements, skipping comments, CDATA, declarations and empty tags', () => {
    const ok =
      '<?xml version="1.0"?><a x="1>2"><b/><c><!-- <d><d><d> --><![CDATA[<e><e>]]></c></a>';
    expect(xmlDepthExceeds(ok, 2)).toBe(false);
    expect(xmlDepthExceeds('<a><b><c></c></b></a>', 2)).toBe(true);
    expect(xmlDepthExceeds(`${'<x>'.repeat(100_000)}${'</x>'.repeat(100_000)}`, 64)).toBe(true);
  });
});
