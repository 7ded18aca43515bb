/**
 * A channel update proposal file that cannot be used as it is: names the file and the field, like
 * DefinitionError does for org definitions (`envelope`, `change.peers[0].port`, `(document)`).
 */
export class ProposalError extends Error {
  readonly file: string;
  readonly field: string;

  constructor(file: string, field: string, reason: string) {
    super(`${file}: ${field} ${reason}`);
    this.name = ProposalError.name;
    this.file = file;
    this.field = field;
  }
}
