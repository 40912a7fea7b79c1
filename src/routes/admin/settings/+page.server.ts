// 部署设置 (admin): the deployment's default rule pack and the packs it offers. The route policy admits admins
// only; saveDeploymentSettings checks the role again, audits the change and recomputes after a new default.
import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { httpStatus, isUserInputError } from '$lib/server/errors.ts';
import { deploymentSettings, saveDeploymentSettings, saveNearlyDays } from '$lib/server/deployment.ts';
import { nearlyDays } from '$lib/server/settings.ts';
import { nearlyText } from '$lib/i18n/zh/nearly.ts';
import { settingsUi } from '$lib/i18n/zh/settings.ts';

export const load: PageServerLoad = async () => {
	const db = await getDb();
	return { settings: await deploymentSettings(db), nearlyDays: await nearlyDays(db) };
};

export const actions: Actions = {
	save: async (event) => {
		const user = event.locals.user;
		if (!user) return fail(401, { ok: false as const, message: settingsUi.adminOnly, field: null });
		const data = await event.request.formData();
		try {
			const { settings, recomputed } = await saveDeploymentSettings(
				await getDb(),
				user,
				{ default_pack: String(data.get('default_pack') ?? ''), offered_packs: data.getAll('offered_packs').map(String) },
				event.locals.clientAddress
			);
			// the pack by its Chinese title, never its id (county-efficiency)
			const title = settings.packs.find((p) => p.name === settings.default_pack)?.title ?? settings.default_pack;
			return { ok: true as const, message: settingsUi.saved(title, recomputed), field: null };
		} catch (e) {
			if (isUserInputError(e)) return fail(httpStatus(e), { ok: false as const, message: e.message, field: e.location.field ?? null });
			throw e;
		}
	},
	nearly: async (event) => {
		const user = event.locals.user;
		if (!user) return fail(401, { ok: false as const, message: settingsUi.adminOnly, field: null });
		const data = await event.request.formData();
		try {
			const n = await saveNearlyDays(await getDb(), user, String(data.get('nearly_days') ?? ''), event.locals.clientAddress);
			return { ok: true as const, message: nearlyText.settingSaved(n), field: null };
		} catch (e) {
			if (isUserInputError(e)) return fail(httpStatus(e), { ok: false as const, message: e.message, field: e.location.field ?? null });
			throw e;
		}
	}
};
