//! Why a figure is empty or flagged (the `reason` of a figure in a
//! result), in the three languages the page speaks. The page, the Excel
//! export's cell notes and the report read these texts from here
//! ([`crate::api::vocabulary`] hands them to JavaScript).

/// Every reason code with its text in simplified Chinese, Taiwan's
/// traditional Chinese and English.
pub const REASONS: [(&str, [&str; 3]); 16] = [
    (
        "zero_total",
        [
            "分母为 0 或缺失，无法计算占比",
            "分母為 0 或缺失，無法計算佔比",
            "The total is 0 or missing: no share",
        ],
    ),
    (
        "negative_part",
        [
            "含负数部分，占比可能小于 0 或大于 100%",
            "含負數部分，佔比可能小於 0 或大於 100%",
            "A negative part: the share may be below 0 or above 100 %",
        ],
    ),
    (
        "no_prior",
        [
            "上一期没有数据，无法比较",
            "上一期沒有資料，無法比較",
            "No figure for the previous period",
        ],
    ),
    (
        "zero_base",
        [
            "上年为 0，无法计算增长率",
            "上年為 0，無法計算增長率",
            "The previous year is 0: no growth rate",
        ],
    ),
    (
        "negative_base",
        [
            "上期为负数，增长率按其绝对值计算",
            "上期為負數，增長率按其絕對值計算",
            "The previous value is negative: the rate uses its absolute value",
        ],
    ),
    (
        "no_current",
        ["本期没有数据", "本期沒有資料", "No figure for this period"],
    ),
    (
        "cagr_undefined",
        [
            "首期 ≤ 0、末期 < 0 或只有一期，无法计算年均增长率",
            "首期 ≤ 0、末期 < 0 或只有一期，無法計算年均增長率",
            "First value ≤ 0, last < 0 or a single period: no CAGR",
        ],
    ),
    (
        "no_base",
        [
            "基期没有数据，无法计算定基指数",
            "基期沒有資料，無法計算定基指數",
            "No figure in the base period: no index",
        ],
    ),
    (
        "no_period",
        [
            "视图中没有年度，无法计算增长",
            "檢視中沒有年度，無法計算增長",
            "The view has no period: no growth",
        ],
    ),
    ("no_records", ["没有记录", "沒有記錄", "No records"]),
    (
        "no_value",
        [
            "记录的数值都为空（缺失，不是 0）",
            "記錄的數值都為空（缺失，不是 0）",
            "All values are empty (missing, not 0)",
        ],
    ),
    (
        "not_additive",
        [
            "该汇总方式不能相加，不计算占比",
            "該彙總方式不能相加，不計算佔比",
            "This aggregate does not add up: no share",
        ],
    ),
    (
        "overflow",
        [
            "数值超出可精确计算的范围",
            "數值超出可精確計算的範圍",
            "Beyond the range of exact decimals",
        ],
    ),
    (
        "nudged",
        [
            "为使合计为 100%，此占比调整了一个单位",
            "為使合計為 100%，此佔比調整了一個單位",
            "Moved by one unit so the shares add up to 100 %",
        ],
    ),
    (
        "approximate",
        [
            "含约数（约、近、超…）",
            "含約數（約、近、超…）",
            "Includes approximate values (约, 近, 超 …)",
        ],
    ),
    (
        "mixed_indicators",
        [
            "不同指标不能相加，不计算跨指标的合计或占比",
            "不同指標不能相加，不計算跨指標的合計或佔比",
            "Different indicators do not add up: no total or share across them",
        ],
    ),
];

/// The text of a reason code in a language (`zh-CN`, `zh-TW`, `en`; other
/// tags read simplified Chinese); `None` for a code that is not known.
///
/// # Example
/// ```
/// use aidstat::analyze::reasons::reason_text;
/// assert_eq!(reason_text("no_prior", "zh-CN"), Some("上一期没有数据，无法比较"));
/// assert_eq!(reason_text("no_prior", "en"), Some("No figure for the previous period"));
/// assert_eq!(reason_text("nonsense", "en"), None);
/// ```
pub fn reason_text(code: &str, lang: &str) -> Option<&'static str> {
    let i = match lang {
        "zh-TW" => 1,
        "en" => 2,
        _ => 0,
    };
    REASONS
        .iter()
        .find(|(c, _)| *c == code)
        .and_then(|(_, t)| t.get(i).copied())
}
