import { describe, expect, it } from 'vitest';
import { safeFileName } from '../../src/documents/file-name.ts';

describe('safeFileName', () => {
  it('keeps only the last path segment', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\Users\\a\\invoice.pdf')).toBe('invoice.pdf');
  });

  it('replaces control and reserved characters, keeps other scripts', () => {
    expect(safeFileName('发票 "7"\r\n<x>.pdf')).toBe('发票 _7____x_.pdf');
  });

  it('never answers an empty or dot name', () => {
    expect(safeFileName('')).toBe('document');
    expect(safeFileName('..')).toBe('document');
    expect(safeFileName('a/')).toBe('document');
  });

  it('bounds the length', () => {
    expect(safeFileName('x'.repeat(500))).toHaveLength(200);
  });
});
