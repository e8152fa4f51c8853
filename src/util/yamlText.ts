// YAML as users write it, read strictly: what the yaml package only warns about (an unresolved tag such
// as `!foo`) is an error here. Its warnings otherwise went to process.emitWarning, several lines of stderr
// beside the one-line error rule, and the tagged value was silently read as plain text.

import { parseDocument } from 'yaml';

/** The value of a YAML text; throws an Error whose message's first line says what is wrong. */
export function parseYamlStrict(text: string): unknown {
  const doc = parseDocument(text, { logLevel: 'silent' });
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem) throw new Error(problem.message);
  return doc.toJS();
}
