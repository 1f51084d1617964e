// The build copies the committed SQL migrations next to the compiled migrator (dist/src/db).
import { cpSync } from 'node:fs';

cpSync('src/db/migrations', 'dist/src/db/migrations', { recursive: true });
