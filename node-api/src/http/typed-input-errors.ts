import { GraphQLError, Kind } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import { NodeErrorCodes } from '../schema/errors.ts';

/**
 * graphql-js refuses variables of the wrong type (a number for a String, null for a required value,
 * an unknown input field, a variable left out) with errors that carry no code. They are the caller's
 * bad input like any other: this gives them INVALID_ARGUMENT, so that every refusal a client can get
 * is typed. Only those errors are touched: they, and nothing else, point at a variable definition.
 */
export function useTypedInputErrors(): Plugin {
  return {
    onExecutionResult(payload) {
      const { result } = payload;
      if (!result || isAsyncIterable(result) || !result.errors?.some(isUntypedVariableError)) return;
      payload.setResult({ ...result, errors: result.errors.map(typed) });
    },
  };
}

function isUntypedVariableError(error: GraphQLError): boolean {
  return error.extensions.code === undefined && error.nodes?.[0]?.kind === Kind.VARIABLE_DEFINITION;
}

function typed(error: GraphQLError): GraphQLError {
  if (!isUntypedVariableError(error)) return error;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    originalError: error.originalError,
    extensions: { ...error.extensions, code: NodeErrorCodes.InvalidArgument },
  });
}
