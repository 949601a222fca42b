/** Today's date in Vietnam (UTC+7), until the clock module lands. */
export function todayInVietnam(): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
}
