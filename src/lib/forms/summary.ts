// What a form's page shows at its top when the form came back refused. Shared by the pages and
// components that draw forms; the failure itself comes from `formAction` (src/lib/server/pages/forms.ts).
import { m } from '$lib/paraglide/messages';

/** The form's own message, else "check the fields below" when any field was refused. */
export function errorSummary(errors: Record<string, string>): string | undefined {
	return errors.form ?? (Object.keys(errors).length ? m.error_form_summary() : undefined);
}
