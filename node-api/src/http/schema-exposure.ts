import { getNamedType, isIntrospectionType, type ValidationRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { NodeErrorCodes, userError } from '../schema/errors.ts';
import type { Authenticate } from './authenticate.ts';

/** How much of its schema the node shows (SCF_MODE): production keeps it from anonymous callers. */
export type ApiMode = 'production' | 'development';

/** Refuses `__schema` and `__type` (not `__typename`), once per operation. */
const noIntrospection: ValidationRule = (context) => {
  let reported = false;
  return {
    Field() {
      const type = context.getType();
      if (reported || !type || !isIntrospectionType(getNamedType(type))) return;
      reported = true;
      context.reportError(
        userError(
          NodeErrorCodes.Unauthenticated,
          'log in to introspect the schema; it is published as schema.graphql',
        ),
      );
    },
  };
};

/** graphql-js's suggestion sentences: ` Did you mean "a", "b", or "c"?`, `… the enum value "x"?`. */
const SUGGESTION = / ?Did you mean [^?]*\?/g;

/** Removes suggestions from the errors of a result (batched or not; streams are left alone). */
function scrubSuggestions(result: unknown): void {
  for (const each of Array.isArray(result) ? (result as unknown[]) : [result]) {
    const errors = (each as { errors?: readonly { message: string }[] } | null)?.errors;
    for (const error of errors ?? []) error.message = error.message.replace(SUGGESTION, '');
  }
}

/** Execution arguments asking graphql-js (16.11+, and graphql-tools' executor) for no suggestions. */
function withoutSuggestions<T extends object>(args: T): T & { hideSuggestions: true } {
  return { ...args, hideSuggestions: true };
}

/**
 * What the API tells about its schema. In production an anonymous caller gets no introspection (the
 * committed schema.graphql is the public contract); logged-in users and every caller in development do.
 * Nobody gets "did you mean" suggestions, which would map the schema name by name: graphql-js leaves
 * them out of validation, variable and enum errors when asked (`hideSuggestions`), and what still has
 * one (graphql-tools' executor coerces variables without passing the flag on) loses it before it goes.
 */
export function useSchemaExposure(options: { mode: ApiMode; authenticate: Authenticate }): Plugin {
  const { mode, authenticate } = options;
  const loggedIn = new WeakMap<Request, boolean>();
  return {
    async onParams({ request }) {
      if (mode === 'production') loggedIn.set(request, (await authenticate(request)) !== null);
    },
    onValidate({ context, addValidationRule, validateFn, setValidationFn }) {
      setValidationFn(
        (schema, document, rules, validationOptions, typeInfo) =>
          validateFn(
            schema,
            document,
            rules,
            { ...validationOptions, hideSuggestions: true },
            typeInfo,
          ) as unknown,
      );
      const request = (context as { request?: Request }).request;
      if (mode === 'production' && !(request && loggedIn.get(request))) addValidationRule(noIntrospection);
    },
    onExecute({ executeFn, setExecuteFn }) {
      setExecuteFn((args) => executeFn(withoutSuggestions(args)) as unknown);
    },
    onSubscribe({ subscribeFn, setSubscribeFn }) {
      setSubscribeFn((args) => subscribeFn(withoutSuggestions(args)) as unknown);
    },
    onResultProcess({ result }) {
      scrubSuggestions(result);
    },
  };
}
