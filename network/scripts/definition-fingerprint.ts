import { createHash } from 'node:crypto';
import { DefinitionError, type OrgDefinition } from './org-definition.ts';
import { formatPublicJson } from './public-file.ts';

/**
 * The fingerprint of an org's public definition: SHA-256 of its canonical text (every field in the
 * order the parser builds it, so the same content gives the same fingerprint whatever order the file
 * had), as 16 groups of 4 hex digits. The exporting operator reads it out over a channel the importing
 * operator already trusts (a call, a signed letter); `import --fingerprint` refuses a file that differs,
 * so a definition swapped on its way (another org's roots, an added admin) is caught.
 */
export function definitionFingerprint(definition: OrgDefinition): string {
  const hex = createHash('sha256').update(formatPublicJson(definition)).digest('hex').toUpperCase();
  return Array.from({ length: hex.length / 4 }, (_, group) => hex.slice(4 * group, 4 * group + 4)).join(' ');
}

/** A fingerprint as typed by a person: case, spaces and colons do not matter. */
function normalised(fingerprint: string): string {
  return fingerprint.replace(/[\s:]/g, '').toUpperCase();
}

/** Refuses `definition` (read from `file`) unless its fingerprint is `expected`. */
export function requireFingerprint(file: string, definition: OrgDefinition, expected: string): void {
  const actual = definitionFingerprint(definition);
  if (!/^[0-9A-F]{64}$/.test(normalised(expected))) {
    throw new DefinitionError(file, 'fingerprint', `"${expected}" is not a SHA-256 (64 hex digits)`);
  }
  if (normalised(actual) !== normalised(expected)) {
    throw new DefinitionError(
      file,
      'fingerprint',
      `is ${actual}, not the ${expected} given: this is not the definition its org's operator exported`,
    );
  }
}
