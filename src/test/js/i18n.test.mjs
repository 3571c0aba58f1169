// Every text of the pages exists in French and English, and every error code of the API (docs/api.md)
// has a message in both: the window never shows the API's English message or an internal id.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

globalThis.location = { search: '?lang=en' };
globalThis.document = { documentElement: {} };
const { STRINGS, errorText } = await import('../../main/webapp/app/i18n.js');

test('French and English have the same texts', () => {
  const keys = (o) => Object.keys(o).filter((k) => k !== 'errors').sort();
  assert.deepEqual(keys(STRINGS.en), keys(STRINGS.fr));
  assert.deepEqual(Object.keys(STRINGS.en.errors).sort(), Object.keys(STRINGS.fr.errors).sort());
});

test('every error code of the API has a French and an English text', () => {
  const api = readFileSync(new URL('../../../docs/api.md', import.meta.url), 'utf8');
  const table = api.slice(api.indexOf('### Error codes'), api.indexOf('## Records'));
  const codes = [...table.matchAll(/^\| \d{3} \| `([a-z_]+)` \|/gm)].map((m) => m[1]);
  assert.ok(codes.length > 40, `read ${codes.length} codes`);
  for (const lang of ['fr', 'en']) {
    const missing = codes.filter((code) => !STRINGS[lang].errors[code]);
    assert.deepEqual(missing, [], `${lang} lacks texts for these codes`);
  }
});

test('an unknown code shows as such, never with the server\'s English message', () => {
  assert.equal(errorText({ code: 'user_cannot_chat', message: 'User u-gerard may not use the chat' }), 'This user has no access to Clavardage.');
  assert.equal(errorText({ code: 'brand_new', message: 'internal id 42' }), 'Unexpected error (brand_new).');
});
