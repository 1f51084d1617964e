import { fileURLToPath } from 'node:url';

// Where the suite finds the repository's parts, from this file's own location (the e2e project
// may be started from the repository root or from apps/web).
const at = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url));

export const REPO_ROOT = at('../../../../');
export const API_DIR = at('../../../api/');
export const WEB_DIR = at('../../');
/** The build `npm start` serves; WEB_DIST_DIR points the suite (and the API) at another one. */
export const DEFAULT_WEB_DIST = at('../../dist/');
/** Debian's Chromium (DESIGN §1): the suite never downloads a browser. */
export const CHROMIUM = '/usr/bin/chromium';
