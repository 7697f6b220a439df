//! The workbook's own words (headers, the notes sheet) in the three
//! languages the page speaks.

/// A language of the workbook.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// Simplified Chinese (default).
    ZhCn,
    /// Traditional Chinese as used in Taiwan.
    ZhTw,
    /// English.
    En,
}

impl Lang {
    /// From a tag: `zh-TW`, `en`; anything else is simplified Chinese.
    pub fn of(tag: Option<&str>) -> Lang {
        match tag {
            Some(t) if t.eq_ignore_ascii_case("zh-TW") || t.eq_ignore_ascii_case("zh-Hant") => {
                Lang::ZhTw
            }
            Some(t) if t.starts_with("en") => Lang::En,
            _ => Lang::ZhCn,
        }
    }

    /// One of three texts.
    pub fn pick<'a>(self, zh: &'a str, tw: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::ZhCn => zh,
            Lang::ZhTw => tw,
            Lang::En => en,
        }
    }

    /// A word of the workbook.
    pub fn word(self, w: Word) -> &'static str {
        let (zh, tw, en) = match w {
            Word::Share => ("占比", "佔比", "Share"),
            Word::Growth => ("增长", "增長", "Growth"),
            Word::Total => ("合计", "合計", "Total"),
            Word::Subtotal => ("小计", "小計", "Subtotal"),
            Word::Unit => ("单位：", "單位：", "Unit: "),
            Word::Sheet => ("汇总", "彙總", "Summary"),
            Word::Notes => ("说明", "說明", "Notes"),
            Word::View => ("视图", "檢視", "View"),
            Word::File => ("来源文件", "來源檔案", "Source file"),
            Word::Format => ("文件格式", "檔案格式", "Format"),
            Word::Encoding => ("编码", "編碼", "Encoding"),
            Word::SheetRead => ("读取的工作表", "讀取的工作表", "Sheet read"),
            Word::RowsRead => ("读入行数", "讀入列數", "Rows read"),
            Word::RowsUsed => ("参与计算", "參與計算", "Rows used"),
            Word::RowsAside => (
                "另置（不参与计算）",
                "另置（不參與計算）",
                "Set aside (not used)",
            ),
            Word::AsideList => (
                "另置的行及原因",
                "另置的列及原因",
                "Rows set aside, and why",
            ),
            Word::Filtered => ("被筛选排除", "被篩選排除", "Left out by filters"),
            Word::Rounding => ("数值说明", "數值說明", "Figures"),
            Word::Blank => ("空白单元格", "空白儲存格", "Blank cells"),
            Word::Findings => ("核对结果", "核對結果", "Checks"),
            Word::Warnings => ("读取提示", "讀取提示", "How the file was read"),
            Word::Paragraph => ("报告段落", "報告段落", "Report paragraph"),
            Word::Line => ("行号", "列號", "Line"),
            Word::Column => ("列", "欄", "Column"),
            Word::Raw => ("原文", "原文", "As written"),
            Word::Why => ("原因", "原因", "Why"),
        };
        self.pick(zh, tw, en)
    }

    /// How the figures are stored and shown.
    pub fn rounding(self, precision: u32, rounded: usize) -> String {
        let mut s = match self {
            Lang::ZhCn => format!("单元格里存的是精确数值（Excel 最多保存 15 位有效数字），按四舍五入显示 {precision} 位小数；公式引用的是精确值"),
            Lang::ZhTw => format!("儲存格中存的是精確數值（Excel 最多保存 15 位有效數字），按四捨五入顯示 {precision} 位小數；公式引用的是精確值"),
            Lang::En => format!("cells hold the exact figures (Excel keeps at most 15 significant digits), shown rounded half away from zero to {precision} decimals; formulas use the exact values"),
        };
        if rounded > 0 {
            s.push_str(&match self {
                Lang::ZhCn => format!("；{rounded} 个金额超过 15 位有效数字，已四舍五入到 15 位"),
                Lang::ZhTw => format!("；{rounded} 個金額超過 15 位有效數字，已四捨五入到 15 位"),
                Lang::En => format!("; {rounded} amount(s) have more than 15 significant digits and are rounded to 15"),
            });
        }
        s
    }
}

/// The words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum Word {
    Share,
    Growth,
    Total,
    Subtotal,
    Unit,
    Sheet,
    Notes,
    View,
    File,
    Format,
    Encoding,
    SheetRead,
    RowsRead,
    RowsUsed,
    RowsAside,
    AsideList,
    Filtered,
    Rounding,
    Blank,
    Findings,
    Warnings,
    Paragraph,
    Line,
    Column,
    Raw,
    Why,
}
