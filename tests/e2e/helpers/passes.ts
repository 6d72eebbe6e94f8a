// Which of CI's two database passes a test file runs in.
import { onServer } from './instance';

/**
 * Accessibility, keyboard, language and XSS tests check what the browser is given and does: markup,
 * focus, wording, escaping. None of that depends on the database driver (PGlite or postgres-js), only
 * on the build, which both passes share, so these files run in the PGlite pass (CI's first, and
 * `npm test` without TEST_DATABASE_URL) and are skipped in the server pass. The drivers themselves
 * (storing and reading text, sorting, search) are tested on both in the unit and integration tests
 * and in the other e2e files. E2E_MARKUP_ON_SERVER=1 runs them on the server as well.
 */
export const skipMarkupTests = onServer && process.env.E2E_MARKUP_ON_SERVER !== '1';
export const MARKUP_PASS_REASON =
	'markup-only browser tests run in the PGlite pass: the HTML does not depend on the database driver (helpers/passes.ts)';
