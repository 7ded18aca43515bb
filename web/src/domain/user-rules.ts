/** The node API's rules for a new user (node-api/src/auth/new-user.ts). */
export const USERNAME = /^[a-z][a-z0-9._-]{2,63}$/;
export const PASSWORD_LENGTH = { min: 12, max: 256 } as const;
export const DISPLAY_NAME_MAX = 100;

export type NewUserProblem = 'username' | 'password' | 'displayName' | 'enterprise';

export interface NewUserDraft {
  username: string;
  password: string;
  displayName: string;
  enterpriseId: string;
}

export function newUserProblems(draft: NewUserDraft): NewUserProblem[] {
  const problems: NewUserProblem[] = [];
  if (!USERNAME.test(draft.username)) problems.push('username');
  const { length } = draft.password;
  if (length < PASSWORD_LENGTH.min || length > PASSWORD_LENGTH.max) problems.push('password');
  const name = draft.displayName.trim();
  if (name.length === 0 || name.length > DISPLAY_NAME_MAX) problems.push('displayName');
  if (draft.enterpriseId.trim() === '') problems.push('enterprise');
  return problems;
}
