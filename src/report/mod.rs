//! The paragraph that goes into the report, in Chinese (in the register of
//! the seed reports) and in English, written from one analysis result by
//! templates.
//!
//! Every number in the paragraph is a `text` of the result (the same
//! rounding, separators and unit the table shows), a period label, or a count
//! or line number from the result's diagnostics; the only change a template
//! makes to a figure is to drop its minus sign after a word that says
//! 下降 / fell. Ordering (the largest category, the largest rise) compares
//! the `exact` values. Which sentences a view gets (docs/CHECKS.md):
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

mod categories;
mod patterns;
mod totals;
pub mod view;
mod words;

use serde::Serialize;

use crate::analyze::result::AnalysisResult;
use crate::analyze::spec::Aggregate;
use categories::{largest, leaders, rises_falls};
use patterns::{caveats, patterns};
use totals::{average, span_total, trend};
use words::Words;

/// The language of a paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// Simplified Chinese (zh-CN).
    Zh,
    /// English.
    En,
}

/// The paragraph in both languages, as the JSON result carries it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Paragraph {
    /// Chinese.
    pub zh: String,
    /// English.
    pub en: String,
}

/// Both paragraphs of a result.
///
/// # Example
/// ```
/// use aidstat::{analyze::{analyze, spec::Spec}, report::{paragraph, paragraphs, Lang}};
/// let t = aidstat::load::load("年度,金额(万元)\n2020,430\n2021,570\n".as_bytes(), &Default::default()).unwrap();
/// let r = analyze(&t, &Spec::from_json(r#"{"columns":"年度"}"#).unwrap()).unwrap();
/// let p = paragraphs(&r);
/// assert!(p.zh.starts_with("2020年至2021年，资金合计1,000.00万元"));
/// assert!(p.en.starts_with("Amounts are in 万元"));
/// assert_eq!(p.en, paragraph(&r, Lang::En));
/// ```
pub fn paragraphs(result: &AnalysisResult) -> Paragraph {
    Paragraph {
        zh: paragraph(result, Lang::Zh),
        en: paragraph(result, Lang::En),
    }
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
    let w = Words::new(result, lang);
    let v = view::read(result);
    let additive = result
        .spec
        .aggregate
        .parse::<Aggregate>()
        .is_ok_and(Aggregate::is_additive);
    let mut out: Vec<String> = Vec::new();
    if lang == Lang::En {
        if let Some(u) = w.unit_note() {
            out.push(u);
        }
    }
    out.extend(span_total(&w, &v, additive));
    if additive {
        out.extend(average(&w, &v));
        out.extend(trend(&w, &v));
        // Different indicators (亿元 beside 万人) have no largest or leader:
        // their levels are not comparable, only their rates.
        let mixed = result.rows.iter().any(|r| {
            r.cells
                .iter()
                .any(|c| c.value.reason == Some("mixed_indicators"))
        });
        if !mixed {
            out.extend(largest(&w, &v));
            out.extend(leaders(&w, &v));
        }
        out.extend(rises_falls(&w, &v));
        out.extend(patterns(&w, &v));
    }
    out.extend(caveats(&w, result));
    let sep = if lang == Lang::Zh { "" } else { " " };
    out.join(sep)
}
