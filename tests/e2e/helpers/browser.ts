import { existsSync } from 'node:fs';

/** Flags for Chromium here: no sandbox as root, no GPU, and no calls out to Google's services. */
export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	'--disable-quic'
];

/** Debian's Chromium (or CHROMIUM_PATH); Playwright's own browser download cannot work here. */
export function chromiumPath(): string {
	const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => !!p);
	const found = candidates.find((p) => existsSync(p));
	if (!found) {
		throw new Error(
			`No Chromium found (looked at ${candidates.join(', ')}). Install it with ` +
				'`apt-get install -y chromium fonts-noto-cjk`, or set CHROMIUM_PATH; ' +
				'on machines with network access `npx playwright install chromium` also works.'
		);
	}
	return found;
}
