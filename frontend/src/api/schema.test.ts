// schema.d.ts is what openapi-typescript makes of openapi.json, byte for byte; the Python side
// (tests/unit/test_openapi_file.py) checks that openapi.json is the platform's current document.
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';
import { describe, expect, it } from 'vitest';
import packageText from '../../package.json?raw';
import documentText from './openapi.json?raw';
import schemaText from './schema.d.ts?raw';

/** The openapi-typescript step of `npm run api-types`, with the options given below. */
const GENERATOR_STEP = 'openapi-typescript src/api/openapi.json --default-non-nullable false -o src/api/schema.d.ts';
/** What its flags mean to the Node API: a field is optional exactly when the document does not
 * list it as required (a default value makes no field required: requests may leave it out). */
const OPTIONS = { defaultNonNullable: false, silent: true } as const;
const STALE = 'src/api/schema.d.ts is not what openapi-typescript makes of src/api/openapi.json: run `npm run api-types` in frontend/';

/** The first line where two texts differ, to point at in the failure message. */
function firstDifference(expected: string, actual: string): string {
  const want = expected.split('\n');
  const have = actual.split('\n');
  const line = want.findIndex((text, index) => text !== have[index]);
  const at = line === -1 ? want.length : line;
  return `line ${at + 1}: generated ${JSON.stringify(want[at] ?? '(end)')}, checked in ${JSON.stringify(have[at] ?? '(end)')}`;
}

describe('the generated API types', () => {
  it('are made by the step these options mirror', () => {
    const scripts = (JSON.parse(packageText) as { scripts: Record<string, string> }).scripts;
    expect(scripts['api-types'], 'the api-types script changed: update GENERATOR_STEP and OPTIONS here').toContain(GENERATOR_STEP);
  });

  it('are up to date with the checked-in OpenAPI document', async () => {
    const generated = COMMENT_HEADER + astToString(await openapiTS(JSON.parse(documentText), OPTIONS));
    const message = generated === schemaText ? STALE : `${STALE} (${firstDifference(generated, schemaText)})`;
    expect(generated === schemaText, message).toBe(true);
  }, 60_000);
});
