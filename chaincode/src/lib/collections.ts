/** The implicit private collection of one org: only its peers hold the data. */
export function orgCollection(mspId: string): string {
  return `_implicit_org_${mspId}`;
}
