// The REFI-QDA project exchange format (.qdpx: a zip of project.qde and the sources' text), so that a
// research team continues in NVivo, ATLAS.ti or MAXQDA where the platform's coding left off: themes are
// codes, each comment a text source, and each researcher's themes a coded selection made by that user.
// Built with fast-xml-parser's XMLBuilder and fflate; the element order is the Project.xsd's.
import { inArray, sql } from 'drizzle-orm';
import { XMLBuilder } from 'fast-xml-parser';
import { strToU8, zipSync } from 'fflate';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { db } from '$lib/server/db';
import { commentTags, themes, users } from '$lib/server/db/schema';
import { plainText } from '$lib/server/plan-text/markdown';
import { exportRows, seoulIso, type ExportRow } from '$lib/server/analysis/exports';
import type { CommentFilters } from '$lib/schemas/search';

export const QDA_NAMESPACE = 'urn:QDA-XML:project:1.0';

/** The words the file carries, in the reader's language (made by the route, which knows the locale). */
export interface QdpxLabels {
	sourceName: (row: ExportRow) => string;
	section: string;
	group: string;
	kind: string;
	session: string;
	createdAt: string;
	groupLabel: (group: string | null) => string;
	kindLabel: (kind: string) => string;
}

/** A stable GUID for a thing of this export (the same comment is the same source in every export). */
export function guidOf(kind: string, id: string | number): string {
	const hex = encodeHexLowerCase(sha256(strToU8(`plan-commons:${kind}:${id}`)));
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

interface CoderTag {
	commentId: number;
	coderId: number;
	themeId: number;
	taggedAt: Date;
}

async function tagsOf(commentIds: number[]): Promise<CoderTag[]> {
	if (commentIds.length === 0) return [];
	return db
		.select({ commentId: commentTags.commentId, coderId: commentTags.taggedBy, themeId: commentTags.themeId, taggedAt: commentTags.taggedAt })
		.from(commentTags)
		.where(inArray(commentTags.commentId, commentIds));
}

const VARIABLES = ['section', 'group', 'kind', 'session', 'createdAt'] as const;

/** The project of a plan's (filtered) comments, as the bytes of a .qdpx file. */
export async function qdpxProject(
	plan: { id: number; slug: string; title: string },
	filters: CommentFilters,
	labels: QdpxLabels,
	now = new Date()
): Promise<Uint8Array> {
	const codes = await db
		.select({ id: themes.id, slug: themes.slug, labelKo: themes.labelKo, description: themes.description, color: themes.color })
		.from(themes)
		.where(sql`${themes.mergedIntoId} is null`)
		.orderBy(themes.position, themes.slug);
	const codeIds = new Set(codes.map((c) => c.id));
	const files: Record<string, Uint8Array> = {};
	const sources: unknown[] = [];
	const coders = new Set<number>();
	const groups = new Map<string, string[]>();
	const created = seoulIso(now);

	for await (const batch of exportRows(plan.id, filters)) {
		const tagsByComment = new Map<number, CoderTag[]>();
		for (const tag of await tagsOf(batch.map((row) => row.id))) {
			if (codeIds.has(tag.themeId)) tagsByComment.set(tag.commentId, [...(tagsByComment.get(tag.commentId) ?? []), tag]);
		}
		for (const row of batch) {
			const guid = guidOf('comment', row.id);
			const text = plainText(row.body);
			files[`sources/${guid}.txt`] = strToU8(text);
			// Positions count characters (code points), as the exchange standard does.
			const length = Array.from(text).length;
			const byCoder = new Map<number, CoderTag[]>();
			for (const tag of tagsByComment.get(row.id) ?? []) {
				coders.add(tag.coderId);
				byCoder.set(tag.coderId, [...(byCoder.get(tag.coderId) ?? []), tag]);
			}
			const selections = [...byCoder].map(([coderId, coded]) => ({
				'@_guid': guidOf(`selection-${coderId}`, row.id),
				'@_name': `#${row.id}`,
				'@_startPosition': 0,
				'@_endPosition': length,
				'@_creatingUser': guidOf('user', coderId),
				'@_creationDateTime': seoulIso(coded[0].taggedAt),
				Coding: coded.map((tag) => ({
					'@_guid': guidOf(`coding-${coderId}-${tag.themeId}`, row.id),
					'@_creatingUser': guidOf('user', coderId),
					'@_creationDateTime': seoulIso(tag.taggedAt),
					CodeRef: { '@_targetGUID': guidOf('theme', tag.themeId) }
				}))
			}));
			const values: Record<(typeof VARIABLES)[number], string> = {
				section: `${row.sectionHeading} (${row.sectionKey})`,
				group: labels.groupLabel(row.author?.group ?? null),
				kind: labels.kindLabel(row.kind),
				session: row.session?.title ?? '',
				createdAt: seoulIso(row.createdAt)
			};
			sources.push({
				'@_guid': guid,
				'@_name': labels.sourceName(row),
				'@_plainTextPath': `internal://${guid}.txt`,
				'@_creationDateTime': seoulIso(row.createdAt),
				PlainTextSelection: selections,
				VariableValue: VARIABLES.map((variable) => ({
					VariableRef: { '@_targetGUID': guidOf('variable', variable) },
					TextValue: values[variable]
				}))
			});
			const group = labels.groupLabel(row.author?.group ?? null);
			groups.set(group, [...(groups.get(group) ?? []), guid]);
		}
	}

	const coderNames = coders.size
		? await db
				.select({ id: users.id, name: users.displayName })
				.from(users)
				.where(inArray(users.id, [...coders]))
		: [];
	const project = {
		'?xml': { '@_version': '1.0', '@_encoding': 'utf-8' },
		Project: {
			'@_xmlns': QDA_NAMESPACE,
			'@_name': plan.title,
			'@_origin': 'Plan Commons (모두의 계획)',
			'@_creationDateTime': created,
			...(coderNames.length
				? { Users: { User: coderNames.map((u) => ({ '@_guid': guidOf('user', u.id), '@_name': u.name, '@_id': String(u.id) })) } }
				: {}),
			...(codes.length
				? {
						CodeBook: {
							Codes: {
								Code: codes.map((code) => ({
									'@_guid': guidOf('theme', code.id),
									'@_name': code.labelKo,
									'@_isCodable': 'true',
									'@_color': code.color,
									...(code.description ? { Description: code.description } : {})
								}))
							}
						}
					}
				: {}),
			Variables: {
				Variable: VARIABLES.map((variable) => ({
					'@_guid': guidOf('variable', variable),
					'@_name': labels[variable],
					'@_typeOfVariable': 'Text'
				}))
			},
			...(groups.size
				? {
						Cases: {
							Case: [...groups].map(([group, members]) => ({
								'@_guid': guidOf('case', group),
								'@_name': group,
								SourceRef: members.map((member) => ({ '@_targetGUID': member }))
							}))
						}
					}
				: {}),
			...(sources.length ? { Sources: { TextSource: sources } } : {})
		}
	};
	const builder = new XMLBuilder({
		ignoreAttributes: false,
		format: true,
		suppressEmptyNode: true,
		suppressBooleanAttributes: false,
		processEntities: true
	});
	files['project.qde'] = strToU8(builder.build(project));
	return zipSync(files, { level: 6 });
}
