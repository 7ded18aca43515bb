import { ROLES, type Role, type SessionUser } from '../auth/session-user.ts';
import type { LoginResult } from '../auth/user-directory.ts';
import { builder } from './builder.ts';
import { clientAddressOf, sessionTokenOf } from './context.ts';
import { EnterpriseKindEnum } from './enums.ts';

/** GraphQL spells enum values in capitals; the role itself (certificate attribute, database) is lower-case. */
const UserRole = builder.enumType('UserRole', {
  description:
    'What a user may do for its enterprise: a clerk prepares, an approver commits, an admin manages.',
  values: Object.fromEntries(ROLES.map((role) => [role.toUpperCase(), { value: role }])) as {
    [R in Role as Uppercase<R>]: { value: R };
  },
});

/** Built from SessionUser, which has no password hash, certificate or key: none can leak through here. */
export const UserRef = builder.objectRef<SessionUser>('User').implement({
  description: 'A person who logs in to this node and acts on the ledger with its own enrolled identity.',
  fields: (t) => ({
    id: t.exposeID('id'),
    username: t.exposeString('username'),
    displayName: t.exposeString('displayName'),
    role: t.field({ type: UserRole, resolve: (user) => user.role }),
    enterpriseId: t.exposeString('enterpriseId', { description: 'The enterprise this user acts for.' }),
    enterpriseKind: t.field({
      type: EnterpriseKindEnum,
      description: 'Decides what the portal offers this user.',
      resolve: (user) => user.enterpriseKind,
    }),
  }),
});

const LoginPayload = builder.objectRef<LoginResult>('LoginPayload').implement({
  fields: (t) => ({
    token: t.exposeString('token', { description: 'Send as `Authorization: Bearer <token>`.' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime' }),
    user: t.field({ type: UserRef, resolve: (result) => result.user }),
  }),
});

const CreateUserInput = builder.inputType('CreateUserInput', {
  fields: (t) => ({
    username: t.string({ required: true, description: 'Lower-case, 3 to 64 characters: a-z 0-9 . _ -' }),
    password: t.string({ required: true, description: 'At least 12 characters.' }),
    displayName: t.string({ required: true }),
    role: t.field({ type: UserRole, required: true }),
    enterpriseId: t.string({ required: true, description: 'An active enterprise this org hosts.' }),
  }),
});

builder.mutationFields((t) => ({
  login: t.field({
    type: LoginPayload,
    description:
      'Opens a session. A wrong username and a wrong password get the same UNAUTHENTICATED answer. ' +
      'Repeated failures lock the account (ACCOUNT_LOCKED) or hold the client address back ' +
      '(RATE_LIMITED), whatever the password, until `extensions.retryAfterSeconds` have passed.',
    args: { username: t.arg.string({ required: true }), password: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) =>
      ctx.services.users.login(args.username, args.password, clientAddressOf(ctx)),
  }),
  logout: t.boolean({
    description: 'Ends the session of the token this request carries.',
    authScopes: { loggedIn: true },
    resolve: async (_root, _args, ctx) => {
      const token = sessionTokenOf(ctx);
      if (token) await ctx.services.users.logout(token);
      return true;
    },
  }),
  createUser: t.field({
    type: UserRef,
    description: 'Registers and enrolls a user at the org CA, then stores it (admin only).',
    authScopes: { roles: ['admin'] },
    args: { input: t.arg({ type: CreateUserInput, required: true }) },
    resolve: (_root, args, ctx) => ctx.services.users.create(args.input),
  }),
}));

builder.queryFields((t) => ({
  me: t.field({
    type: UserRef,
    nullable: true,
    description: 'The logged-in user, or null: the portal asks this to know whether its token still holds.',
    resolve: (_root, _args, ctx) => ctx.user,
  }),
  users: t.field({
    type: [UserRef],
    description: "Every user of this org's node (admin only).",
    authScopes: { roles: ['admin'] },
    resolve: (_root, _args, ctx) => ctx.services.users.list(),
  }),
}));
