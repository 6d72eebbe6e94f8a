// Who may do what: every page and action of the app against every role, with the expected outcome.
// tests/e2e/authorization.test.ts walks all of it over HTTP against the built app.

export const ROLES = ['signedOut', 'participant', 'researcher', 'official', 'moderator', 'admin'] as const;
export type MatrixRole = (typeof ROLES)[number];

/**
 * ok: answered (2xx, or a redirect that is not to sign-in, or 400 for an action refused only for
 * its deliberately empty input); login: sent to sign in; 401/403/404: refused with that status.
 */
export type Outcome = 'ok' | 'login' | 401 | 403 | 404;

export interface MatrixRow {
	what: string;
	method: 'GET' | 'POST';
	path: string;
	/** Form fields for actions, JSON for API posts (all deliberately invalid or harmless). */
	form?: Record<string, string>;
	json?: unknown;
	expect: Record<MatrixRole, Outcome>;
}

const PLAN = '/plans/gwangmyeong-social-economy';
const everyone: Record<MatrixRole, Outcome> = {
	signedOut: 'ok',
	participant: 'ok',
	researcher: 'ok',
	official: 'ok',
	moderator: 'ok',
	admin: 'ok'
};
const signedIn = (outsider: Outcome = 'login'): Record<MatrixRole, Outcome> => ({ ...everyone, signedOut: outsider });
/** Only the roles named; other signed-in people 403, signed-out people as given. */
function only(roles: MatrixRole[], outsider: Outcome = 'login'): Record<MatrixRole, Outcome> {
	return Object.fromEntries(ROLES.map((role) => [role, role === 'signedOut' ? outsider : roles.includes(role) ? 'ok' : 403])) as Record<
		MatrixRole,
		Outcome
	>;
}

export const MATRIX: MatrixRow[] = [
	// Public reading
	{ what: 'home', method: 'GET', path: '/', expect: everyone },
	{ what: 'plan page', method: 'GET', path: PLAN, expect: everyone },
	{ what: 'earlier version', method: 'GET', path: `${PLAN}/v/1`, expect: everyone },
	{ what: 'history', method: 'GET', path: `${PLAN}/history`, expect: everyone },
	{ what: 'comparison', method: 'GET', path: `${PLAN}/compare/1...2`, expect: everyone },
	{ what: 'feed', method: 'GET', path: `${PLAN}/feed.xml`, expect: everyone },
	{ what: 'section and threads', method: 'GET', path: `${PLAN}/sections/support-centre`, expect: everyone },
	{ what: 'comment page', method: 'GET', path: '/comments/1', expect: everyone },
	{ what: 'sessions', method: 'GET', path: `${PLAN}/sessions`, expect: everyone },
	{ what: 'session page', method: 'GET', path: '/sessions/1', expect: everyone },
	{ what: 'themes dashboard', method: 'GET', path: `${PLAN}/themes`, expect: everyone },
	{ what: 'theme page', method: 'GET', path: `${PLAN}/themes/governance`, expect: everyone },
	{ what: 'theme report', method: 'GET', path: `${PLAN}/themes/report`, expect: everyone },
	{ what: 'theme report as Word', method: 'GET', path: `${PLAN}/themes/report/report.docx`, expect: everyone },
	{ what: 'search', method: 'GET', path: `${PLAN}/search?q=${encodeURIComponent('협동')}`, expect: everyone },
	{ what: 'outcome report', method: 'GET', path: `${PLAN}/outcome/1`, expect: everyone },
	{ what: 'outcome CSV', method: 'GET', path: `${PLAN}/outcome/1/outcome.csv`, expect: everyone },
	{ what: 'outcome report as Word', method: 'GET', path: `${PLAN}/outcome/1/report.docx`, expect: everyone },
	{ what: 'API plans', method: 'GET', path: '/api/v1/plans', expect: everyone },
	{ what: 'API plan', method: 'GET', path: `/api/v1/plans/gwangmyeong-social-economy`, expect: everyone },
	{ what: 'API versions', method: 'GET', path: `/api/v1/plans/gwangmyeong-social-economy/versions`, expect: everyone },
	{ what: 'API comments', method: 'GET', path: `/api/v1/plans/gwangmyeong-social-economy/comments`, expect: everyone },
	{ what: 'API one comment', method: 'GET', path: '/api/v1/comments/1', expect: everyone },
	{ what: 'health', method: 'GET', path: '/healthz', expect: everyone },

	// Signed in
	{ what: 'profile', method: 'GET', path: '/me', expect: signedIn() },
	{ what: 'own comments', method: 'GET', path: '/me/comments', expect: signedIn() },
	{ what: 'taxonomy', method: 'GET', path: '/themes', expect: signedIn() },
	{
		what: 'post a comment (empty: refused only for its input)',
		method: 'POST',
		path: `${PLAN}/sections/support-centre?/createComment`,
		form: { kind: 'support', body: '', idempotencyKey: 'authz-matrix-key' },
		expect: signedIn(401)
	},
	{
		what: 'flag a comment (empty reason)',
		method: 'POST',
		path: `${PLAN}/sections/support-centre?/flagComment`,
		form: { commentId: '1', reason: '' },
		expect: signedIn(401)
	},
	{
		what: 'API: post a comment (invalid body)',
		method: 'POST',
		path: '/api/v1/plans/gwangmyeong-social-economy/comments',
		json: { section_key: 'support-centre' },
		expect: signedIn(401)
	},

	// Researchers
	{ what: 'coding queue', method: 'GET', path: `${PLAN}/coding`, expect: only(['researcher']) },
	{ what: 'coder agreement', method: 'GET', path: `${PLAN}/coding/agreement`, expect: only(['researcher']) },
	{ what: 'API suggestions', method: 'GET', path: '/api/v1/comments/1/suggestions', expect: only(['researcher'], 401) },
	{ what: 'API suggest for text', method: 'POST', path: '/api/v1/themes/suggest', json: { text: '' }, expect: only(['researcher'], 401) },
	{
		what: 'tag a comment (no theme)',
		method: 'POST',
		path: `${PLAN}/coding?/tagComment`,
		form: { commentId: '1', theme: '' },
		expect: only(['researcher'], 401)
	},
	{
		what: 'create a theme (empty)',
		method: 'POST',
		path: '/themes?/createTheme',
		form: { slug: '', labelKo: '', labelEn: '' },
		expect: only(['researcher'], 401)
	},
	{
		what: 'save a synthesis (empty form)',
		method: 'POST',
		path: `${PLAN}/themes/governance?/saveSynthesis`,
		form: {},
		expect: only(['researcher'], 401)
	},
	{ what: 'export CSV', method: 'GET', path: `${PLAN}/export.csv`, expect: only(['researcher', 'official', 'admin'], 401) },
	{ what: 'export JSON', method: 'GET', path: `${PLAN}/export.json`, expect: only(['researcher', 'official', 'admin'], 401) },
	{ what: 'export a REFI-QDA project', method: 'GET', path: `${PLAN}/export.qdpx`, expect: only(['researcher', 'official', 'admin'], 401) },
	{
		what: 'API parse transcript',
		method: 'POST',
		path: '/api/v1/transcripts/parse',
		json: { text: '' },
		expect: only(['researcher', 'official'], 401)
	},

	// Officials
	{ what: 'new plan', method: 'GET', path: '/plans/new', expect: only(['official']) },
	{ what: 'draft editor', method: 'GET', path: `${PLAN}/edit`, expect: only(['official']) },
	{ what: 'answer comments', method: 'GET', path: `${PLAN}/responses`, expect: only(['official']) },
	{ what: 'link revision to comments', method: 'GET', path: `${PLAN}/v/2/links`, expect: only(['official']) },
	{ what: 'new session', method: 'GET', path: `${PLAN}/sessions/new`, expect: only(['official']) },
	{ what: 'edit session', method: 'GET', path: '/sessions/1/edit', expect: only(['official']) },
	{ what: 'import transcript', method: 'GET', path: '/sessions/1/import', expect: only(['official']) },
	{
		what: 'answer a comment (empty)',
		method: 'POST',
		path: `${PLAN}/responses?/respondToComment`,
		form: { commentId: '1', disposition: '', body: '' },
		expect: only(['official'], 401)
	},
	{
		what: 'import statements (none)',
		method: 'POST',
		path: '/sessions/1/import?/importStatements',
		form: { rows: '0' },
		expect: only(['official'], 401)
	},
	{
		what: 'create a session (empty)',
		method: 'POST',
		path: `${PLAN}/sessions/new?/createSession`,
		form: { title: '' },
		expect: only(['official'], 401)
	},

	// Moderators and admins
	{ what: 'moderation queue', method: 'GET', path: '/moderation', expect: only(['moderator', 'admin']) },
	{
		what: 'hide a comment (no reason)',
		method: 'POST',
		path: '/moderation?/hideComment',
		form: { commentId: '1', reason: '' },
		expect: only(['moderator', 'admin'], 401)
	},

	// Every other page and action (issue 8): harmless or deliberately invalid input, or a plan that
	// does not exist where even a valid form would change shared state (periods, drafts).
	{ what: 'sign-in page', method: 'GET', path: '/login', expect: everyone },
	{ what: 'registration page', method: 'GET', path: '/register', expect: everyone },
	{ what: 'sign-out page', method: 'GET', path: '/logout', expect: everyone },
	{ what: 'language (GET goes home)', method: 'GET', path: '/language', expect: everyone },
	{ what: 'comparison picker', method: 'GET', path: `${PLAN}/compare?a=1&b=2`, expect: everyone },
	{ what: 'section of an earlier version', method: 'GET', path: `${PLAN}/v/1/sections/support-centre`, expect: everyone },
	{ what: 'API one version', method: 'GET', path: `/api/v1/plans/gwangmyeong-social-economy/versions/1`, expect: everyone },
	{ what: 'sign in (empty)', method: 'POST', path: '/login?/signIn', form: { email: '', password: '' }, expect: everyone },
	{ what: 'register (empty)', method: 'POST', path: '/register?/register', form: { email: '' }, expect: everyone },
	{ what: 'choose a language (none)', method: 'POST', path: '/language', form: { locale: '', redirectTo: '/' }, expect: everyone },
	{
		what: 'sign in again from a section (empty)',
		method: 'POST',
		path: `${PLAN}/sections/support-centre?/signInToComment`,
		form: { email: '', password: '' },
		expect: everyone
	},
	{ what: 'update profile (empty name)', method: 'POST', path: '/me?/updateProfile', form: { displayName: '' }, expect: signedIn() },
	{ what: 'change password (empty)', method: 'POST', path: '/me?/changePassword', form: { currentPassword: '' }, expect: signedIn() },
	{ what: 'mark notices read', method: 'POST', path: '/me/comments?/markNoticesRead', form: {}, expect: signedIn() },
	{
		what: 'edit a comment (empty)',
		method: 'POST',
		path: `${PLAN}/sections/support-centre?/editComment`,
		form: { commentId: '', kind: '', body: '' },
		expect: signedIn(401)
	},
	{
		what: 'delete a comment (no id)',
		method: 'POST',
		path: `${PLAN}/sections/support-centre?/deleteComment`,
		form: { commentId: '' },
		expect: signedIn(401)
	},
	{
		what: 'endorse a comment (no id)',
		method: 'POST',
		path: `${PLAN}/sections/support-centre?/endorseComment`,
		form: { commentId: '' },
		expect: signedIn(401)
	},
	{ what: 'create a plan (empty)', method: 'POST', path: '/plans/new?/createPlan', form: { slug: '' }, expect: only(['official']) },
	{
		what: 'mark who spoke at a session',
		method: 'POST',
		path: `${PLAN}/responses?/setSpeakerRole`,
		form: { commentId: '1', role: '' },
		expect: only(['official'], 401)
	},
	{ what: 'save a draft (empty)', method: 'POST', path: `${PLAN}/edit?/saveDraft`, form: {}, expect: only(['official']) },
	{ what: 'preview a draft', method: 'POST', path: `${PLAN}/edit?/previewDraft`, form: {}, expect: only(['official']) },
	{ what: 'add a section (unsaved)', method: 'POST', path: `${PLAN}/edit?/addSection`, form: {}, expect: only(['official']) },
	{ what: 'remove a section (unsaved)', method: 'POST', path: `${PLAN}/edit?/removeSection`, form: { removeIndex: '0' }, expect: only(['official']) },
	{ what: 'move a section (unsaved)', method: 'POST', path: `${PLAN}/edit?/moveSection`, form: { moveTo: '0:down' }, expect: only(['official']) },
	{ what: 'publish a version (empty)', method: 'POST', path: `${PLAN}/edit?/publishVersion`, form: {}, expect: only(['official']) },
	...(['startDraft', 'discardDraft', 'openComments', 'closeComments', 'setCommentPeriod'] as const).map((action): MatrixRow => ({
		what: `${action} (a plan that does not exist)`,
		method: 'POST',
		path: `/plans/no-such-plan/edit?/${action}`,
		form: {},
		expect: { ...only(['official']), official: 404 }
	})),
	{ what: 'link revisions (empty)', method: 'POST', path: `${PLAN}/v/2/links?/saveLinks`, form: {}, expect: only(['official'], 401) },
	{ what: 'edit a session (empty)', method: 'POST', path: '/sessions/1/edit?/updateSession', form: { title: '' }, expect: only(['official'], 401) },
	{
		what: 'preview a transcript (empty)',
		method: 'POST',
		path: '/sessions/1/import?/previewTranscript',
		form: { transcript: '' },
		expect: only(['official'], 401)
	},
	{
		what: 'change the import preview (no rows)',
		method: 'POST',
		path: '/sessions/1/import?/updatePreview',
		form: { rows: '0' },
		expect: only(['official'], 401)
	},
	{
		what: 'preview a synthesis (empty)',
		method: 'POST',
		path: `${PLAN}/themes/governance?/previewSynthesis`,
		form: {},
		expect: only(['researcher'], 401)
	},
	{
		what: 'pin a quote (no comment)',
		method: 'POST',
		path: `${PLAN}/themes/governance?/pinQuote`,
		form: { commentId: '' },
		expect: only(['researcher'], 401)
	},
	{
		what: 'unpin a quote (no id)',
		method: 'POST',
		path: `${PLAN}/themes/governance?/unpinQuote`,
		form: { quoteId: '' },
		expect: only(['researcher'], 401)
	},
	{
		what: 'move a quote (no id)',
		method: 'POST',
		path: `${PLAN}/themes/governance?/moveQuote`,
		form: { quoteId: '' },
		expect: only(['researcher'], 401)
	},
	...(['untagComment', 'acceptSuggestion', 'rejectSuggestion'] as const).map((action): MatrixRow => ({
		what: `${action} (no theme)`,
		method: 'POST',
		path: `${PLAN}/coding?/${action}`,
		form: { commentId: '1', theme: '' },
		expect: only(['researcher'], 401)
	})),
	{ what: 'mark reviewed (no id)', method: 'POST', path: `${PLAN}/coding?/markReviewed`, form: { commentId: '' }, expect: only(['researcher'], 401) },
	{ what: 'accept all shown (none)', method: 'POST', path: `${PLAN}/coding?/acceptAllShown`, form: {}, expect: only(['researcher'], 401) },
	{ what: 'reject all shown (none)', method: 'POST', path: `${PLAN}/coding?/rejectAllShown`, form: {}, expect: only(['researcher'], 401) },
	{ what: 'update a theme (no id)', method: 'POST', path: '/themes?/updateTheme', form: { themeId: '' }, expect: only(['researcher'], 401) },
	{ what: 'merge themes (none)', method: 'POST', path: '/themes?/mergeThemes', form: {}, expect: only(['researcher'], 401) },
	{ what: 'archive a theme (no id)', method: 'POST', path: '/themes?/archiveTheme', form: { themeId: '' }, expect: only(['researcher'], 401) },
	{ what: 'restore a theme (no id)', method: 'POST', path: '/themes?/restoreTheme', form: { themeId: '' }, expect: only(['researcher'], 401) },
	{
		what: 'dismiss flags (no id)',
		method: 'POST',
		path: '/moderation?/dismissFlags',
		form: { commentId: '' },
		expect: only(['moderator', 'admin'], 401)
	},
	{
		what: 'restore a comment (no id)',
		method: 'POST',
		path: '/moderation?/restoreComment',
		form: { commentId: '' },
		expect: only(['moderator', 'admin'], 401)
	},

	// Admins
	{ what: 'users and roles', method: 'GET', path: '/admin/users', expect: only(['admin']) },
	{ what: 'audit log', method: 'GET', path: '/admin/audit', expect: only(['admin']) },
	{
		what: 'set roles (no user)',
		method: 'POST',
		path: '/admin/users?/setRoles',
		form: { userId: '' },
		// The admin area's layout sends signed-out visitors to sign in, even for its actions.
		expect: only(['admin'])
	}
];
