import { baseLocale, isLocale, overwriteGetLocale } from '$lib/paraglide/runtime';

// The server chose the language (the cookie of an explicit choice, else Accept-Language) and drew the
// page in it. The browser keeps that language instead of working it out again: left to itself,
// Paraglide would store what it detected in the cookie on the first visit, and from then on the
// browser's language would no longer count although the reader never picked one.
const served = document.documentElement.lang;
overwriteGetLocale(() => (isLocale(served) ? served : baseLocale));
