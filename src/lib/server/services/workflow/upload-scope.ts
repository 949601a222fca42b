/**
 * The rows of an upload outside the editor's area: each an error of its own line (answered 404,
 * as a report outside the area is everywhere).
 */
import type { SessionUser } from '../../auth/types.ts';
import type { RowError } from '../import/index.ts';

/** One error per row whose unit is outside the user's area (every era of its code, if unsure). */
export function scopeErrors(
	user: SessionUser,
	rowUnits: ReadonlyMap<number, number[]>,
	outside: ReadonlySet<number>
): RowError[] {
	const errors: RowError[] = [];
	for (const [line, ids] of rowUnits)
		if (ids.length > 0 && ids.every((id) => outside.has(id)))
			errors.push(outOfScopeError(user, line));
	return errors;
}

export function outOfScopeError(user: SessionUser, line: number): RowError {
	return {
		line,
		column: 'unit_code',
		code: 'out_of_scope',
		message: `This unit is outside your area (${user.unitCode ?? 'none'}): you cannot report its figures`
	};
}
