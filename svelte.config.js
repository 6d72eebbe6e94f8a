import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// BUILD_DIR and KIT_OUT_DIR let two builds run side by side (parallel test runs).
		adapter: adapter({ out: process.env.BUILD_DIR ?? 'build', precompress: true }),
		outDir: process.env.KIT_OUT_DIR ?? '.svelte-kit',
		alias: { $tests: 'tests' },
		// Scripts only ever run with the per-request nonce; styles stay inline because Svelte
		// writes style attributes (chart colours, heat map cells) into server-rendered HTML.
		csp: {
			mode: 'nonce',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		},
		// Origin checking of form posts stays on (the default); no other origin is trusted.
		csrf: { trustedOrigins: [] }
	}
};

export default config;
