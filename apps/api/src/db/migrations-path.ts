import { fileURLToPath } from 'node:url';

/** The committed SQL migrations, beside this file in src/ and copied beside it in dist/. */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));
