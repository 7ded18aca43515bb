import { checkText, type TextRule } from '@scf/ledger-contract';

/**
 * Whether what a person typed passes the ledger's text rule (TEXT_RULES in @scf/ledger-contract) once
 * trimmed, as the portal sends it: not blank, no control characters, at most `rule.max` characters
 * (code points), and the rule's pattern if it has one.
 */
export function fitsText(typed: string, rule: TextRule): boolean {
  return 'text' in checkText(typed.trim(), rule);
}
