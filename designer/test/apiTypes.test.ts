import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generate, typesPath } from '../tools/openapi/generate.mjs';

// The host's OpenAPI document equals openapi/v1.json (Host test OpenApiContractTests); this test checks that the
// committed src/api/schema.d.ts is what that snapshot generates. Together: the designer's types match the host.
describe('generated API types', () => {
  it('src/api/schema.d.ts is what openapi/v1.json generates (run npm run gen:api after the snapshot changes)', async () => {
    const committed = readFileSync(typesPath, 'utf8');
    const generated = await generate();
    if (committed !== generated) {
      const lines = [committed.split('\n'), generated.split('\n')];
      const found = lines[0].findIndex((line, i) => line !== lines[1][i]);
      const at = found === -1 ? lines[0].length : found;
      expect.fail(`src/api/schema.d.ts does not match openapi/v1.json: run npm run gen:api (in designer/). `
        + `First difference at line ${at + 1}: committed ${JSON.stringify(lines[0][at])}, generated ${JSON.stringify(lines[1][at])}`);
    }
  }, 60_000);
});
