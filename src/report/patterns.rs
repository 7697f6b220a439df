//! Sentences about patterns (steady rises, late starts) and the data caveats.

use rust_decimal::Decimal;

use super::view::{Series, View};
use super::words::{capitalise, exact, list, plural, Words};
use super::Lang;
use crate::analyze::result::{AnalysisResult, Figure};
use crate::cell::Grain;

pub(super) fn patterns(w: &Words<'_>, v: &View<'_>) -> Option<String> {
    if v.cats.is_empty() || v.periods.len() < 2 {
        return None;
    }
    let n = v.periods.len();
    let each_zh = match w.grain(v) {
        Grain::Year => "年",
        _ => "期",
    };
    let each_en = match w.grain(v) {
        Grain::Year => "year",
        Grain::Quarter => "quarter",
        Grain::Month => "month",
    };
    let mut zh: Vec<String> = Vec::new();
    let mut en: Vec<String> = Vec::new();
    let mut found = 0;
    if n >= 3 {
        for s in &v.cats {
            if found >= 3 {
                break;
            }
            let vals: Option<Vec<(&Figure, Decimal)>> = s
                .values
                .iter()
                .map(|f| f.and_then(|f| exact(f).map(|e| (f, e))))
                .collect();
            let Some(vals) = vals.filter(|x| x.len() == n) else {
                continue;
            };
            let rising = vals.windows(2).all(|p| matches!(p, [a, b] if b.1 > a.1));
            let falling = vals.windows(2).all(|p| matches!(p, [a, b] if b.1 < a.1));
            let flat = vals.windows(2).all(|p| matches!(p, [a, b] if b.1 == a.1));
            let path = if n <= 5 {
                vals.iter()
                    .map(|(f, _)| f.text.clone())
                    .collect::<Vec<_>>()
                    .join("→")
            } else {
                format!(
                    "{}→…→{}",
                    vals.first().map_or("", |x| x.0.text.as_str()),
                    vals.last().map_or("", |x| x.0.text.as_str())
                )
            };
            let unit = if w.zh() {
                w.amt_text("").to_string()
            } else {
                String::new()
            };
            if rising || falling {
                let (dz, de) = if rising {
                    ("增长", "rose")
                } else {
                    ("下降", "fell")
                };
                zh.push(format!("{}逐{each_zh}{dz}（{path}{unit}）", s.label));
                en.push(format!(
                    "{} {de} every {each_en} ({})",
                    s.label,
                    path.replace('→', " → ")
                ));
                found += 1;
            } else if flat {
                let f = vals.first().map(|x| x.0);
                if let Some(f) = f {
                    zh.push(format!("{}每{each_zh}均为{}", s.label, w.amt(f)));
                    en.push(format!("{} was {} every {each_en}", s.label, w.amt(f)));
                    found += 1;
                }
            }
        }
    }
    // Categories that start after the first period, or stop before the last.
    let first_at = |s: &Series<'_>| s.values.iter().position(Option::is_some);
    let late: Vec<(String, String)> = v
        .cats
        .iter()
        .filter_map(|s| {
            let i = first_at(s).filter(|&i| i > 0)?;
            Some((s.label.to_string(), w.period(*v.periods.get(i)?)))
        })
        .collect();
    for (label, p) in late.iter().take(3) {
        zh.push(format!("{label}自{p}起才有数据"));
        en.push(format!("{label} has figures only from {p}"));
    }
    let stopped: Vec<String> = v
        .cats
        .iter()
        .filter(|s| s.values.last().is_some_and(Option::is_none) && first_at(s).is_some())
        .map(|s| s.label.to_string())
        .collect();
    if let (false, Some(last)) = (stopped.is_empty(), v.periods.last()) {
        zh.push(format!(
            "{}没有{}的数据",
            w.period(*last),
            list(&stopped, Lang::Zh)
        ));
        en.push(format!(
            "there are no figures for {} in {}",
            list(&stopped, Lang::En),
            w.period(*last)
        ));
    }
    if zh.is_empty() {
        return None;
    }
    Some(if w.zh() {
        format!("{}。", zh.join("；"))
    } else {
        format!("{}.", capitalise(&en.join("; ")))
    })
}

pub(super) fn caveats(w: &Words<'_>, r: &AnalysisResult) -> Option<String> {
    let d = &r.diagnostics;
    let lines = |l: &[u64], sep: &str| -> String {
        let mut s: Vec<String> = l.iter().take(10).map(u64::to_string).collect();
        if l.len() > 10 {
            s.push("…".into());
        }
        s.join(sep)
    };
    let mut zh = Vec::new();
    let mut en = Vec::new();
    let lines_en = |l: &[u64]| format!("{} {}", plural(l.len(), "line", "lines"), lines(l, ", "));
    if d.approximate.count > 0 {
        zh.push(format!(
            "{}项为约数（第{}行），按所写数值计入",
            d.approximate.count,
            lines(&d.approximate.lines, "、")
        ));
        en.push(format!(
            "{} approximate {} counted as written ({})",
            d.approximate.count,
            plural(d.approximate.count, "value is", "values are"),
            lines_en(&d.approximate.lines)
        ));
    }
    let totals = d.set_aside_counts.get("total_row").copied().unwrap_or(0);
    if totals > 0 {
        let off = r
            .findings
            .iter()
            .filter(|f| f.code == "total_mismatch")
            .count();
        let (mz, me) = match off {
            0 => (String::new(), String::new()),
            1 => (
                "，其中1行与明细之和不符".to_string(),
                " (1 disagrees with the rows it covers)".to_string(),
            ),
            n => (
                format!("，其中{n}行与明细之和不符"),
                format!(" ({n} disagree with the rows they cover)"),
            ),
        };
        zh.push(format!(
            "表内自带的{totals}行合计已单独核对，未重复计入{mz}"
        ));
        en.push(format!(
            "the sheet's own {totals} total {} checked apart and not counted again{me}",
            plural(totals, "row is", "rows are")
        ));
    }
    let mut other: Vec<u64> = d
        .set_aside
        .iter()
        .filter(|s| s.reason != "total_row")
        .map(|s| s.line)
        .collect();
    other.dedup();
    if !other.is_empty() {
        zh.push(format!(
            "{}行因数据无法识别未计入（第{}行）",
            other.len(),
            lines(&other, "、")
        ));
        en.push(format!(
            "{} {} left out ({})",
            other.len(),
            plural(
                other.len(),
                "row with an unreadable cell is",
                "rows with unreadable cells are"
            ),
            lines_en(&other)
        ));
    }
    if d.nulls.count > 0 {
        zh.push(format!("{}行数值为空，未计入", d.nulls.count));
        en.push(format!(
            "{} {} not counted",
            d.nulls.count,
            plural(
                d.nulls.count,
                "row with no value is",
                "rows with no value are"
            )
        ));
    }
    if d.filtered_out > 0 {
        zh.push(format!("按筛选条件未计入{}行", d.filtered_out));
        en.push(format!(
            "{} {} outside the filters",
            d.filtered_out,
            plural(d.filtered_out, "row is", "rows are")
        ));
    }
    if zh.is_empty() {
        return None;
    }
    Some(if w.zh() {
        format!("数据说明：{}。", zh.join("；"))
    } else {
        format!("Notes on the data: {}.", en.join("; "))
    })
}
