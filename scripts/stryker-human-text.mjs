// A Stryker ignorer (stryker.config.mjs, `ignorers: ['human-text']`): leaves unmutated the
// sentences written for people, not for the protocol, so the mutation score measures the rules.
//
// - an OAuthError's description: RFC 6749 §5.2 makes error_description optional "human-readable
//   ASCII text"; a client may not act on it. The error CODE (a separate argument) is still mutated.
// - a timeline event's `summary`, a check's `reason` and a policy decision's `fact`: explanations on
//   the timeline. A check's `name`, `passed` and a decision's `id` (carried as `rule`) are still mutated.
//
// Everything these replace is text; no branch of the protocol reads it.
import { declareValuePlugin, PluginKind } from '@stryker-mutator/api/plugin';

/** Error factories of lib/oauth/errors.ts, with the index of their description argument. */
const DESCRIPTION_ARGUMENT = new Map([
  ['invalidRequest', 0],
  ['invalidClient', 0],
  ['invalidGrant', 0],
  ['unauthorizedClient', 0],
  ['unsupportedGrantType', 0],
  ['unsupportedResponseType', 0],
  ['invalidScope', 0],
  ['accessDenied', 0],
  ['invalidTarget', 0],
  ['invalidToken', 0],
  ['insufficientScope', 1],
  ['unsupportedTokenType', 0],
  ['invalidRedirectUri', 0],
  ['invalidClientMetadata', 0],
  ['OAuthError', 1],
  // lib/resource-server/jwt-verification.ts: why the JWKS could not be fetched, shown in the error description
  ['KeySetUnavailable', 0],
]);

/**
 * Functions of lib/resource-server/jwt-verification.ts that write the reasons of its checks:
 * `passedReasons` returns only text; `classify` returns [check name, reason] pairs, and the check
 * name (element 0) is still mutated.
 */
const REASONS_FUNCTION = 'passedReasons';
const PAIRS_FUNCTION = 'classify';

const inFunction = (path, name) => path.findParent((p) => p.isFunctionDeclaration() && p.node.id?.name === name) !== null;

/** Check constructors of lib/resource-server/access-token.ts: (name, reason); and the RS's input
 * validators' `bad(field, message)` (policy-document.ts, note-input.ts): the field is what a client reads. */
const REASON_ARGUMENT = new Map([
  ['passed', 1],
  ['failed', 1],
  ['bad', 1],
]);

const TEXT_PROPERTIES = new Set(['summary', 'reason', 'fact']);

function calleeName(call) {
  const c = call.callee;
  if (c.type === 'Identifier') return c.name;
  if (c.type === 'MemberExpression' && c.property.type === 'Identifier') return c.property.name;
  return undefined;
}

const humanText = {
  shouldIgnore(path) {
    const parent = path.parentPath;
    if (!parent) return undefined;
    if (path.isReturnStatement() && inFunction(path, REASONS_FUNCTION)) return "a passed check's reason is an explanation for the timeline";
    if (parent.isArrayExpression() && path.listKey === 'elements' && path.key === 1 && inFunction(path, PAIRS_FUNCTION))
      return "a failed check's reason is an explanation for the timeline and the error_description (RFC 6749 §5.2)";
    if ((parent.isCallExpression() || parent.isNewExpression()) && path.listKey === 'arguments') {
      const name = calleeName(parent.node);
      if (name !== undefined && DESCRIPTION_ARGUMENT.get(name) === path.key) return 'error_description is human-readable text (RFC 6749 §5.2)';
      if (name !== undefined && REASON_ARGUMENT.get(name) === path.key) return "a check's reason is an explanation for the timeline";
    }
    if (parent.isObjectProperty() && path.key === 'value') {
      const key = parent.node.key;
      const name = key.type === 'Identifier' ? key.name : key.type === 'StringLiteral' ? key.value : undefined;
      if (name !== undefined && TEXT_PROPERTIES.has(name)) return `${name} is an explanation for the timeline`;
    }
    // `summary = ...` before the event is recorded (a `reason` variable may drive a branch: not ignored).
    if (parent.isAssignmentExpression() && path.key === 'right' && parent.node.left.type === 'Identifier' && parent.node.left.name === 'summary')
      return 'summary is an explanation for the timeline';
    return undefined;
  },
};

export const strykerPlugins = [declareValuePlugin(PluginKind.Ignore, 'human-text', humanText)];
