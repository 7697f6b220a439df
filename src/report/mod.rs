//! The paragraph that goes into the report, in Chinese (in the register of
//! the seed reports) and in English, written from one analysis result in two
//! stages:
//!
//! 1. **facts** (`facts/`): [`view`] reads the result back as series, and
//!    `facts::facts` chooses what to say, in paragraph order, as a list of
//!    typed `Fact`s (one kind per sentence of the table below). A fact holds
//!    the result's own `Figure`s, labels, periods, and counts and line
//!    numbers from its diagnostics, never a number of its own making; every
//!    comparison (the largest category, the largest rise, more than half, a
//!    series that rose every period) is made here, on the `exact` values.
//! 2. **phrasing** (`zh.rs`, `en.rs`): each language turns every fact into a
//!    sentence with its own templates (`phrase(&Fact, &Words)`), and
//!    [`paragraph`] joins them (Chinese with nothing between, English with a
//!    space). The Taiwan form is derived from the Chinese ([`paragraphs`]),
//!    the file's labels kept as written.
//!
//! So every number in the paragraph is a `text` of the result (the same
//! rounding, separators and unit the table shows), a period label, or a count
//! or line number from the result's diagnostics; the only change a template
//! makes to a figure is to drop its minus sign after a word that says
//! 下降 / fell. Which sentences a view gets (docs/CHECKS.md):
//!
//! | sentence | needs |
//! | --- | --- |
//! | span and total, total per period | a grand total (`totals`); periods in the view |
//! | average per period | `growth: "average"` |
//! | trend of the total | `growth: "rate"`, `"change"`, `"cagr"` or `"index"` |
//! | largest categories and shares | categories, an additive aggregate; shares when `share` gives the share of the grand total |
//! | leader of each period | period across (or down with categories across) and a share of the period's total |
//! | largest rise and fall | categories and `growth: "rate"` or `"change"` |
//! | steady rises, falls, flat series; categories that start late or stop | categories and three or more periods / any periods |
//! | data caveats | approximate values, total rows, rows set aside, nulls, filters |
//!
//! All but the span and total and the caveats need an additive aggregate (a
//! sum or a count), the total per period too; the largest and the leaders
//! are left out when the rows are different indicators. The English opens
//! with the unit of money, which the Chinese writes after every amount.

mod en;
mod facts;
pub mod view;
mod words;
mod zh;

use serde::Serialize;

use crate::analyze::result::AnalysisResult;
use words::Words;

/// The language of a paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// Simplified Chinese (zh-CN).
    Zh,
    /// English.
    En,
}

/// The paragraph in each language, as the JSON result carries it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Paragraph {
    /// Simplified Chinese.
    pub zh: String,
    /// Chinese in Taiwan form: the template's words in 繁體, the file's
    /// labels as written.
    #[serde(rename = "zhTw")]
    pub zh_tw: String,
    /// English.
    pub en: String,
}

/// The paragraph of a result in every language.
///
/// # Example
/// ```
/// use aidstat::{analyze::{analyze, spec::Spec}, report::paragraphs};
/// let csv = "板块,金额(万元)\n产业发展,600\n医疗卫生,400\n";
/// let t = aidstat::load::load(csv.as_bytes(), &Default::default()).unwrap();
/// let r = analyze(&t, &Spec::from_json(r#"{"rows":["板块"],"share":"grand"}"#).unwrap()).unwrap();
/// let p = paragraphs(&r);
/// assert_eq!(p.zh, "资金合计1,000.00万元。按板块分，产业发展最多，为600.00万元，占60.00%，超过一半；其次是医疗卫生（400.00万元，占40.00%）。");
/// // The template's words in 繁體 (资金 → 資金, 万元 → 萬元, 为 → 為); the
/// // file's labels 板块, 产业发展 and 医疗卫生 as written.
/// assert_eq!(p.zh_tw, "資金合計1,000.00萬元。按板块分，产业发展最多，為600.00萬元，佔60.00%，超過一半；其次是医疗卫生（400.00萬元，佔40.00%）。");
/// ```
pub fn paragraphs(result: &AnalysisResult) -> Paragraph {
    let zh = paragraph(result, Lang::Zh);
    let keep = labels(result);
    let keep: Vec<&str> = keep.iter().map(String::as_str).collect();
    Paragraph {
        zh_tw: crate::hant::hant_keeping(&zh, &keep),
        zh,
        en: paragraph(result, Lang::En),
    }
}

/// The labels of a result that are the file's, which a paragraph in 繁體
/// copies as written: data rows' labels and keys, the columns' labels (the
/// total column's is the engine's word), the dimension names.
fn labels(result: &AnalysisResult) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for r in result.rows.iter().filter(|r| r.kind == "data") {
        out.push(r.label.clone());
        out.extend(r.keys.iter().flatten().cloned());
    }
    out.extend(
        result
            .columns
            .iter()
            .filter(|c| c.kind != "total")
            .map(|c| c.label.clone()),
    );
    out.extend(result.row_dims.iter().cloned());
    out.extend(result.col_dim.iter().cloned());
    crate::order::sort(&mut out);
    out.dedup();
    out
}

/// The paragraph of a result in one language.
///
/// # Example
/// ```
/// use aidstat::{table, analyze::{analyze, spec::Spec}, report::{paragraph, Lang}};
/// let csv = "年度,板块,金额(万元)\n2020,医疗,430\n2020,教育,570\n2021,教育,600\n";
/// let t = aidstat::load::load(csv.as_bytes(), &Default::default()).unwrap();
/// let r = analyze(&t, &Spec::from_json(r#"{"columns":"年度"}"#).unwrap()).unwrap();
/// assert_eq!(
///     paragraph(&r, Lang::Zh),
///     "2020年至2021年，资金合计1,600.00万元，其中2020年1,000.00万元、2021年600.00万元。"
/// );
/// ```
pub fn paragraph(result: &AnalysisResult, lang: Lang) -> String {
    let w = Words::new(result);
    let facts = facts::facts(result);
    let out: Vec<String> = match lang {
        Lang::Zh => facts.iter().filter_map(|f| zh::phrase(f, &w)).collect(),
        Lang::En => facts.iter().filter_map(|f| en::phrase(f, &w)).collect(),
    };
    out.join(if lang == Lang::Zh { "" } else { " " })
}
