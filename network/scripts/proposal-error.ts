import { PublicFileError } from './public-file.ts';

/**
 * A channel update proposal file that cannot be used as it is: names the file and the field, like
 * DefinitionError does for org definitions (`envelope`, `change.peers[0].port`, `(document)`).
 */
export class ProposalError extends PublicFileError {}
