/** Parses a transaction's JSON result as the type the test expects. */
export const parse = <T>(text: string): T => JSON.parse(text) as T;
