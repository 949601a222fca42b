/**
 * The units an official form names: communes in force on a day with their district and
 * province (an II.06a names its rows by unit name within the province), and the province of a
 * user's area.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/index.ts';

export interface NamedCommune {
	id: number;
	code: string;
	name: string;
	district: string | null;
	districtId: number | null;
	provinceId: number | null;
	province: string | null;
}

/** Every commune in force on `day` (YYYY-MM-DD). */
export async function communesAt(db: Executor, day: string): Promise<NamedCommune[]> {
	const rows = await db.rows<{
		id: number;
		code: string;
		name: string;
		district: string | null;
		district_id: number | null;
		province_id: number | null;
		province: string | null;
	}>(sql`select u.id, u.code, u.name, d.name as district, u.district_id, u.province_id, p.name as province
		from units u left join units d on d.id = u.district_id left join units p on p.id = u.province_id
		where u.level = 'commune'
			and coalesce(u.valid_from, '0001-01-01') <= ${day}::date
			and coalesce(u.valid_to, '9999-12-31') >= ${day}::date
		order by u.code`);
	return rows.map((r) => ({
		id: Number(r.id),
		code: r.code,
		name: r.name,
		district: r.district,
		districtId: r.district_id === null ? null : Number(r.district_id),
		provinceId: r.province_id === null ? null : Number(r.province_id),
		province: r.province
	}));
}

/** The province (id) of the unit bearing `code` on `day` (itself when it is a province). */
export async function provinceIdOf(
	db: Executor,
	code: string,
	day: string
): Promise<number | null> {
	const [row] = await db.rows<{ id: number | null }>(sql`
		select case when u.level = 'province' then u.id else u.province_id end as id from units u
		where u.code = ${code}
		order by (coalesce(u.valid_from, '0001-01-01') <= ${day}::date
			and coalesce(u.valid_to, '9999-12-31') >= ${day}::date) desc, u.valid_from desc nulls last
		limit 1`);
	return row?.id == null ? null : Number(row.id);
}

/** The unit bearing `code` on `day` (else its latest era): its id, level and name. */
export async function areaUnit(
	db: Executor,
	code: string,
	day: string
): Promise<{ id: number; level: string; name: string; provinceName: string | null } | null> {
	const [row] = await db.rows<{
		id: number;
		level: string;
		name: string;
		province: string | null;
	}>(sql`
		select u.id, u.level, u.name, p.name as province from units u left join units p on p.id = u.province_id
		where u.code = ${code}
		order by (coalesce(u.valid_from, '0001-01-01') <= ${day}::date
			and coalesce(u.valid_to, '9999-12-31') >= ${day}::date) desc, u.valid_from desc nulls last
		limit 1`);
	return row
		? { id: Number(row.id), level: row.level, name: row.name, provinceName: row.province }
		: null;
}
