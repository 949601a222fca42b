/**
 * The prose of the methodology page (`/methodology`), Vietnamese first. Every number it states
 * (thresholds, points, band floors, the low-confidence sample) comes from the domain modules
 * through `{placeholders}`: the page fills them, so the prose holds no second copy of a number.
 * Kept apart from messages/vi.json and en.json because it is long and read by one page only.
 */
import type { Locale } from '$lib/domain/format';
import { fill } from './index';

const vi = {
	title: 'Phương pháp tính',
	intro:
		'Trang này giải thích từng chỉ tiêu: định nghĩa, công thức, đơn vị, chiều tốt hơn, ngưỡng và điểm; cách tính chỉ số tổng hợp và xếp loại; cách cộng dồn số liệu qua sắp xếp đơn vị hành chính; khi nào một con số bị coi là ít tin cậy; và nguồn, giấy phép của dữ liệu.',
	rawCounts:
		'Xã Số chỉ lưu số đếm gốc hằng tháng, không lưu tỷ lệ. Tỷ lệ của một huyện, một tỉnh, một quý hay một xã sau sáp nhập là tổng tử số chia tổng mẫu số, không bao giờ là trung bình các tỷ lệ. Ô để trống nghĩa là chưa báo cáo, không phải số 0.',
	contents: 'Nội dung',
	indicators: 'Các chỉ tiêu',
	code: 'Mã',
	definition: 'Định nghĩa',
	formula: 'Công thức',
	unit: 'Đơn vị',
	direction: 'Chiều tốt hơn',
	threshold: 'Ngưỡng đạt điểm tối đa',
	points: 'Điểm',
	pointsOf: 'điểm trong {composite}',
	notScored: 'Không tính điểm',
	confidence: 'Độ tin cậy',
	confidenceYes: 'Đánh dấu ít tin cậy khi mẫu số dưới {n}.',
	confidenceNo: 'Không áp dụng quy tắc ít tin cậy.',
	confidenceComposite:
		'Đánh dấu ít tin cậy khi một thành phần tính theo tháng ({components}) có mẫu số dưới {n}.',
	components: 'Thành phần',
	composites: 'Chỉ số tổng hợp và xếp loại',
	compositeIntro:
		'Chỉ số phục vụ mô phỏng cách chấm điểm của Quyết định 766/QĐ-TTg gồm sáu nhóm: {components}. Chỉ số hạ tầng số gồm: {infra}.',
	earned:
		'Một thành phần đạt ngưỡng thì được đủ điểm; dưới ngưỡng thì được (tỷ lệ ÷ ngưỡng) × điểm tối đa. Ví dụ: {example}.',
	example: '{name} {rate} với ngưỡng {threshold} được {earned} trên {points} điểm',
	rescale:
		'Thành phần không có số liệu không bị tính là 0: chỉ số được quy về thang 100 trên các thành phần có số liệu (tổng điểm đạt ÷ tổng điểm tối đa của các thành phần đó × 100). Không thành phần nào có số liệu thì chỉ số để trống.',
	bands: 'Xếp loại theo chỉ số (0–100): {bands}; dưới {last} là {weak}.',
	bandFloor: '{band} từ {floor}',
	rank: 'Hạng: 1 là tốt nhất theo chiều tốt hơn của chỉ tiêu; bằng nhau thì cùng hạng (1, 2, 2, 4); đơn vị không có số liệu không xếp hạng.',
	harmonisation: 'Sắp xếp đơn vị hành chính (01/7/2025)',
	harmonisationText: [
		'Từ 01/7/2025 cấp huyện bị bãi bỏ và nhiều xã được sáp nhập. Mỗi đơn vị có thời gian hiệu lực (từ ngày, đến ngày) và được nối với đơn vị kế thừa. Một mã có thể được dùng lại: 03618 là Xã Phúc Than đến 30/6/2025 và là Xã Mường Than từ 01/7/2025.',
		'Vì số đếm cộng được với nhau: số liệu của huyện, tỉnh là tổng của các xã; chuỗi số liệu của một xã mới, trước ngày sáp nhập, là tổng của các xã tiền thân (đánh dấu “cộng dồn”); một xã bị chia thì phần của nó được chia theo tỷ lệ ghi trong quan hệ kế thừa.',
		'Tham số as_of (ví dụ as_of=2025-07-01) vẽ một kỳ cũ trên các đơn vị có hiệu lực ngày đó, cộng dồn số liệu của các đơn vị cũ theo quan hệ kế thừa. Một kỳ có đơn vị kết thúc giữa chừng (như năm 2025) được vẽ trên các đơn vị có hiệu lực ngày cuối kỳ, các tháng trước được cộng dồn.'
	],
	lowConfidence: 'Số liệu ít tin cậy',
	lowConfidenceText: [
		'Một tỷ lệ tính trên quá ít trường hợp thì dao động mạnh và không nên dùng để so sánh các xã. Quy tắc chỉ áp dụng cho tỷ lệ mà mẫu số đếm trường hợp (hồ sơ, lượt thanh toán, lượt đánh giá, thủ tục, thôn bản, cán bộ, dân số): {indicators}. Con số bị đánh dấu ít tin cậy khi có giá trị và mẫu số (đã cộng trên kỳ và trên các đơn vị) nhỏ hơn {n}.',
		'Không áp dụng cho tỷ lệ đơn vị ({unitShare}: số liệu của một xã chỉ là 0 hoặc 1 của chính nó, của một huyện là trên vài xã, không bao giờ tới {n}), cho số lượng và cho chỉ số tổng hợp tự thân. Một chỉ số tổng hợp bị đánh dấu khi một thành phần tính theo tháng của nó ít tin cậy.',
		'Trên bản đồ, đơn vị ít tin cậy có sọc trắng trên màu; trong bảng và trang đơn vị có chữ “ít tin cậy”; trong API và tệp tải về là cột low_confidence.'
	],
	completeness: 'Mức độ đầy đủ của báo cáo',
	completenessText: [
		'Mỗi con số kèm “tháng báo cáo x/y”: y là số tháng trong kỳ mà các xã cấu thành có hiệu lực (cộng trên các xã đối với huyện, tỉnh); x là số tháng có báo cáo đủ các số đếm của chỉ tiêu (cả tử số và mẫu số). Với chỉ số tổng hợp, x là số lớn nhất trong các thành phần.',
		'Tháng không báo cáo bị bỏ ra khỏi cả tử số lẫn mẫu số, không bị tính là 0; vì vậy một tỷ lệ vẫn đúng khi thiếu tháng, nhưng x nhỏ hơn y cho biết nó dựa trên ít tháng hơn.'
	],
	sources: 'Nguồn dữ liệu, ranh giới và giấy phép',
	sourcesFigures:
		'Số liệu: báo cáo hằng tháng của các xã, do cán bộ nhập hoặc tải lên từ hệ thống một cửa, chỉ được công khai sau khi người phê duyệt đồng ý. Chưa có giấy phép mở nào được công bố cho số liệu.',
	sourcesBoundaries:
		'Ranh giới không được lưu cùng mã nguồn mà được đọc từ các tệp GeoJSON riêng; mỗi bản đồ ghi nguồn ranh giới của các đơn vị đang vẽ:',
	licenceGadm:
		'Ranh giới các xã trước 2025 và các huyện: GADM v4.1. Giấy phép GADM chỉ cho phép dùng phi thương mại; muốn phân phối lại hay dùng thương mại phải xin phép GADM (gadm.org/license.html).',
	licenceGisvn:
		'Ranh giới các xã từ 01/7/2025: gis.vn / sapnhap.bando.com.vn qua kho vietnam-3d-map (MIT); điều khoản của dữ liệu gốc chưa được xác minh.',
	licenceSchematic:
		'Khi không có tệp ranh giới, bản đồ vẽ các ô giản lược từ điểm trung tâm của xã và ghi rõ như vậy.',
	licenceCodes:
		'Mã và tên đơn vị hành chính là mã chính thức của Tổng cục Thống kê (Cục Thống kê), tổng hợp bởi dvhcvn; quan hệ sáp nhập theo Nghị quyết 1670/NQ-UBTVQH15.',
	attribution: 'Dòng ghi nguồn hiển thị trên trang:',
	demo: 'Dữ liệu minh họa',
	demoText:
		'Khi cơ sở dữ liệu chứa số liệu minh họa, mọi trang và mọi tệp tải về đều ghi “Dữ liệu minh họa (demo data)”. Số liệu minh họa được sinh tự động, có hạt giống nên tái lập được, được hiệu chỉnh theo vài con số đã công bố (huyện Than Uyên năm 2022 tiếp nhận 12.122 hồ sơ, giải quyết đúng hạn 99,9%), nhưng không phải báo cáo thật.',
	demoNow: 'Trang này đang hiển thị dữ liệu minh họa.',
	downloads: 'Tệp tải về',
	downloadsText:
		'Mỗi tệp tải về tự giải thích: tệp XLSX có thêm trang “Giải thích - About”; GeoJSON có đối tượng metadata; CSV giữ nguyên dạng bảng (dòng đầu là tiêu đề cột) và được kèm trong tệp ZIP cùng README.txt; phản hồi CSV có tiêu đề HTTP Link trỏ tới mục của chỉ tiêu trên trang này.',
	howLink: 'Cách tính',
	footerLink: 'Phương pháp tính và nguồn dữ liệu'
};

export type MethodKey = keyof typeof vi;

const en: Record<MethodKey, string | string[]> = {
	title: 'Methodology',
	intro:
		'This page explains every indicator: definition, formula, unit, which way is better, threshold and points; how the composite indices and their bands are computed; how figures are carried through the reorganisation of administrative units; when a figure is of low confidence; and where the data come from, under which licences.',
	rawCounts:
		'Xã Số stores raw monthly counts, never rates. The rate of a district, the province, a quarter or a merged commune is the sum of numerators over the sum of denominators, never an average of rates. A blank means not reported, which is not zero.',
	contents: 'Contents',
	indicators: 'Indicators',
	code: 'Code',
	definition: 'Definition',
	formula: 'Formula',
	unit: 'Unit',
	direction: 'Direction',
	threshold: 'Threshold for full points',
	points: 'Points',
	pointsOf: 'points in the {composite}',
	notScored: 'Not scored',
	confidence: 'Confidence',
	confidenceYes: 'Flagged as low confidence when the denominator is below {n}.',
	confidenceNo: 'The low-confidence rule does not apply.',
	confidenceComposite:
		'Flagged as low confidence when one of its monthly components ({components}) has a denominator below {n}.',
	components: 'Components',
	composites: 'Composite indices and bands',
	compositeIntro:
		'The service index is modelled on the scoring of Decision 766/QĐ-TTg, in six groups: {components}. The infrastructure index has: {infra}.',
	earned:
		'A component at or above its threshold earns its full points; below it, (rate ÷ threshold) × its points. For example: {example}.',
	example: '{name} at {rate} against a threshold of {threshold} earns {earned} of {points} points',
	rescale:
		'A component without a value is not counted as zero: the index is rescaled to 100 over the components that have one (points earned ÷ their maximum points × 100). With no component at all, the index is blank.',
	bands: 'Bands of an index (0–100): {bands}; below {last} is {weak}.',
	bandFloor: '{band} from {floor}',
	rank: 'Rank: 1 is best in the indicator’s direction; ties share a rank (1, 2, 2, 4); units without a value are not ranked.',
	harmonisation: 'Reorganisation of administrative units (1 July 2025)',
	harmonisationText: [
		'On 1 July 2025 districts were abolished and many communes merged. Every unit has a validity (from, to) and is linked to its successors. A code can be reused: 03618 was Xã Phúc Than until 30 June 2025 and is Xã Mường Than from 1 July 2025.',
		'Because counts add up: a district’s or the province’s figure is the sum of its communes; the series of a new commune, before its merger, is the sum of its predecessors (marked “harmonised”); a commune that was split passes on the share recorded in the lineage.',
		'The as_of parameter (e.g. as_of=2025-07-01) draws an old period on the units in force on that date, summing the earlier units through their lineage. A period during which units ended (such as 2025) is drawn on the units in force on its last day, its earlier months summed the same way.'
	],
	lowConfidence: 'Low confidence',
	lowConfidenceText: [
		'A rate over too few cases swings widely and should not be used to compare communes. The rule applies only to rates whose denominator counts cases (dossiers, payments, survey responses, procedures, villages, staff, residents): {indicators}. Such a figure is flagged as low confidence when it has a value and its denominator (summed over the period and the units) is below {n}.',
		'It does not apply to a share of units ({unitShare}: a commune’s figure is its own 0 or 1, a district’s is over a handful of communes, never {n}), to counts, or to a composite in itself. A composite is flagged when one of its monthly components is of low confidence.',
		'On the map a low-confidence unit has white stripes over its colour; the tables and unit pages say “low confidence”; the API and the downloads have the low_confidence column.'
	],
	completeness: 'Reporting completeness',
	completenessText: [
		'Every figure comes with “months reported x/y”: y is the number of months of the period in which the communes behind it were in force (summed over communes for a district or the province); x is the number of those months in which every count the indicator needs (numerator and denominator) was reported. For a composite, x is the largest among its components.',
		'A month not reported is left out of both numerator and denominator, never counted as zero: a rate stays right when months are missing, and x below y says it rests on fewer months.'
	],
	sources: 'Data sources, boundaries and licences',
	sourcesFigures:
		'Figures: the communes’ monthly reports, typed in or uploaded from the one-stop system by editors, public only once an approver has approved them. No open licence has been declared for the figures.',
	sourcesBoundaries:
		'Boundaries are not kept with the code; they are read from separate GeoJSON files, and every map names the source of the boundaries it draws:',
	licenceGadm:
		'Communes before 2025 and districts: GADM v4.1. The GADM licence allows non-commercial use only; redistribution or commercial use needs GADM’s permission (gadm.org/license.html).',
	licenceGisvn:
		'Communes from 1 July 2025: gis.vn / sapnhap.bando.com.vn via the vietnam-3d-map repository (MIT); the upstream terms are unverified.',
	licenceSchematic:
		'Without a boundary file, the map draws schematic cells from the communes’ centre points and says so.',
	licenceCodes:
		'Codes and names of the administrative units are the official codes of the General Statistics Office, compiled by dvhcvn; mergers follow Resolution 1670/NQ-UBTVQH15.',
	attribution: 'Attribution lines shown on the pages:',
	demo: 'Demo data',
	demoText:
		'When the store holds demo figures, every page and every download says “Dữ liệu minh họa (demo data)”. They are generated, seeded and reproducible, calibrated to a few published facts (Than Uyên district received 12,122 dossiers in 2022 and resolved 99.9% on time), but they are not real reports.',
	demoNow: 'This installation is showing demo figures.',
	downloads: 'Downloads',
	downloadsText:
		'Every download says what it is: an XLSX file has a second sheet “Giải thích - About”; GeoJSON has a metadata object; a CSV stays a plain table (its first line is the header) and comes in a ZIP file with a README.txt; CSV responses carry an HTTP Link header to the indicator’s entry on this page.',
	howLink: 'How it is computed',
	footerLink: 'Methodology and data sources'
};

const copies: Record<Locale, Record<MethodKey, string | string[]>> = { vi, en };

/** The page's text for a locale; paragraphs come as arrays, `{name}` filled from `params`. */
export function methodCopy(locale: Locale) {
	return {
		text: (key: MethodKey, params: Record<string, string | number> = {}) =>
			fill(String(copies[locale][key]), params),
		paragraphs: (key: MethodKey, params: Record<string, string | number> = {}) =>
			([] as string[]).concat(copies[locale][key]).map((p) => fill(p, params))
	};
}
