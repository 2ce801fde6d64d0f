/**
 * Writes the tiny BERT-like test model (tests/helpers/tiny-model.ts) to a folder, for trying the
 * neural embedder by hand without real weights:
 *   npx tsx scripts/make-tiny-model.ts data/tiny-models [--quantized] [--no-fp32]
 *   MODEL_DIR=data/tiny-models EMBEDDING_MODEL=test-org/tiny-e5 npm start
 * Its vectors are meaningful only for word overlap: never use it for real retrieval.
 */
import path from 'node:path';
import { writeTinyModel } from '../tests/helpers/tiny-model.js';

const args = process.argv.slice(2);
const root = args.find((a) => !a.startsWith('--'));
if (!root) {
  process.stderr.write('usage: npx tsx scripts/make-tiny-model.ts <root-dir> [--quantized] [--no-fp32]\n');
  process.exit(2);
}
const model = await writeTinyModel({
  root: path.resolve(root),
  weights: { fp32: !args.includes('--no-fp32'), quantized: args.includes('--quantized') },
});
process.stdout.write(`${JSON.stringify({ modelDir: model.root, model: model.model, folder: model.folder, files: model.files })}\n`);
