//! The result's labels as the page writes them (www/src/render/labels.js and
//! table.js, www/src/i18n.js): the leaf columns, the title and the unit line,
//! the rows as strings. Read from the API's result JSON, as the page reads it.

use serde_json::Value;

/// zh-CN, zh-TW, en.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    Zh,
    Tw,
    En,
}

impl Lang {
    pub fn of(tag: &str) -> Lang {
        let l = tag.to_ascii_lowercase();
        if l.starts_with("en") {
            Lang::En
        } else if l == "zh-tw" || l == "zh-hk" || l.starts_with("zh-hant") {
            Lang::Tw
        } else {
            Lang::Zh
        }
    }

    /// The page's language tag.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::Tw => "zh-TW",
            Lang::En => "en",
        }
    }

    fn pick(self, w: [&'static str; 3]) -> &'static str {
        match self {
            Lang::Zh => w[0],
            Lang::Tw => w[1],
            Lang::En => w[2],
        }
    }
}

/// The page's words (i18n.js), by key.
pub fn t(key: &str, lang: Lang) -> String {
    let w = match key {
        "agg.sum" => ["求和", "求和", "sum"],
        "agg.count" => ["记录数", "記錄數", "count of records"],
        "agg.count_nonnull" => ["非空个数", "非空個數", "count of values"],
        "agg.mean" => ["平均值", "平均值", "mean"],
        "agg.min" => ["最小值", "最小值", "minimum"],
        "agg.max" => ["最大值", "最大值", "maximum"],
        "agg.distinct" => ["不同值个数", "不同值個數", "distinct values"],
        "share.grand" => ["占总计", "佔總計", "of the grand total"],
        "share.row" => ["占本行合计", "佔本列合計", "of the row total"],
        "share.column" => ["占本列合计", "佔本欄合計", "of the column total"],
        "share.parent" => ["占上级小计", "佔上級小計", "of the parent subtotal"],
        "growth.change" => ["增减额", "增減額", "change"],
        "growth.rate" => ["增长率（同比）", "增長率（同比）", "growth rate (YoY)"],
        "growth.speed" => ["发展速度", "發展速度", "development speed"],
        "growth.index" => ["定基指数", "定基指數", "fixed-base index"],
        "growth.cagr" => ["年均增长率", "年均增長率", "CAGR"],
        "growth.average" => ["年均值", "年均值", "average per year"],
        "growth.contribution" => ["增长贡献率", "增長貢獻率", "contribution to growth"],
        "growth.pull" => [
            "拉动（百分点）",
            "拉動（百分點）",
            "pull (percentage points)",
        ],
        "controls.share" => ["占比", "佔比", "Share"],
        "controls.growth" => ["增长", "增長", "Growth"],
        "col.value" => ["金额", "金額", "amount"],
        "col.number" => ["数值", "數值", "value"],
        "col.share" => ["占比", "佔比", "share"],
        "col.total" | "row.total" => ["合计", "合計", "Total"],
        "fig.new" => ["新增", "新增", "new"],
        "punct.colon" => ["：", "：", ": "],
        "result.by" => ["、", "、", ", "],
        "result.flag" => ["注", "註", "note"],
        _ => return key.to_string(),
    };
    lang.pick(w).to_string()
}

fn s<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

fn arr<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v.get(key)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// A unit as the page writes it (萬元 in 繁體中文).
pub fn unit_label(u: &str, lang: Lang) -> String {
    if lang == Lang::Tw {
        aidstat::hant::hant(u)
    } else {
        u.to_string()
    }
}

/// `金额(万元)` → `金额`: the unit is shown apart.
pub fn measure_name(name: &str) -> String {
    let trimmed = name.trim_end();
    let Some(last) = trimmed.chars().last() else {
        return name.to_string();
    };
    if last != ')' && last != '）' {
        return name.to_string();
    }
    let body = &trimmed[..trimmed.len() - last.len_utf8()];
    let Some(open) = body.rfind(['(', '（']) else {
        return name.to_string();
    };
    let inner = &body[open..].trim_start_matches(['(', '（']);
    let unitish = ["元", "萬", "万", "亿", "億", "人", "次", "个", "個"]
        .iter()
        .any(|u| inner.contains(u))
        || inner.to_ascii_lowercase().contains("unit")
        || inner.to_ascii_lowercase().contains("yuan");
    let stripped = body[..open].trim_end();
    if unitish && !stripped.is_empty() {
        stripped.to_string()
    } else {
        name.to_string()
    }
}

fn value_label(r: &Value, lang: Lang) -> String {
    let agg = r["spec"]["aggregate"].as_str().unwrap_or("sum");
    if agg != "sum" {
        return t(&format!("agg.{agg}"), lang);
    }
    let m = &r["measure"];
    if s(m, "kind") == "money" {
        return t("col.value", lang);
    }
    let n = measure_name(s(m, "name"));
    if n.is_empty() {
        t("col.number", lang)
    } else {
        n
    }
}

fn growth_label(kind: &str, lang: Lang) -> String {
    let full = t(&format!("growth.{kind}"), lang);
    for cut in ["（", " ("] {
        if let Some(i) = full.find(cut) {
            if full.ends_with('）') || full.ends_with(')') {
                return full[..i].to_string();
            }
        }
    }
    full
}

const CELL_GROWTHS: [&str; 6] = ["change", "rate", "speed", "index", "contribution", "pull"];

/// The figure columns under a result column: value, then share and growth when asked for.
fn sub_columns(r: &Value, col: &Value) -> Vec<&'static str> {
    let spec = &r["spec"];
    let mut subs = vec!["value"];
    let share = s(spec, "share");
    if !share.is_empty() && share != "none" {
        subs.push("share");
    }
    let total_across = s(col, "kind") == "total" && !r["colDim"].is_null();
    if CELL_GROWTHS.contains(&s(spec, "growth")) && !total_across {
        subs.push("growth");
    }
    subs
}

fn sub_label(sub: &str, r: &Value, lang: Lang) -> String {
    match sub {
        "value" => value_label(r, lang),
        "share" => t("col.share", lang),
        _ => {
            let g = s(&r["spec"], "growth");
            let base = s(&r["spec"], "basePeriod");
            if g == "index" && !base.is_empty() {
                format!("{}（{base}=100）", growth_label(g, lang))
            } else {
                growth_label(g, lang)
            }
        }
    }
}

fn column_label(col: &Value, lang: Lang) -> String {
    if s(col, "kind") == "total" {
        t("col.total", lang)
    } else {
        s(col, "label").to_string()
    }
}

/// The first-column text of a row.
pub fn row_label(row: &Value, lang: Lang) -> String {
    match s(row, "kind") {
        "total" => t("row.total", lang),
        "subtotal" => {
            let level = row["level"].as_u64().unwrap_or(0) as usize;
            let key = level
                .checked_sub(1)
                .and_then(|i| arr(row, "keys").get(i))
                .and_then(Value::as_str);
            match key {
                Some(k) => match lang {
                    Lang::Zh => format!("{k} 小计"),
                    Lang::Tw => format!("{k} 小計"),
                    Lang::En => format!("{k} subtotal"),
                },
                None => s(row, "label").to_string(),
            }
        }
        _ => s(row, "label").to_string(),
    }
}

/// What a leaf column holds.
#[derive(Clone, Debug)]
pub enum Leaf {
    Label,
    Dim(usize),
    Figure { col: usize, sub: &'static str },
    Summary,
}

/// The leaf columns, each with its flat header (as the page's CSV heads them).
pub fn leaf_columns(r: &Value, lang: Lang) -> Vec<(Leaf, String)> {
    let dims = arr(r, "rowDims");
    let mut leaves = Vec::new();
    if dims.is_empty() {
        leaves.push((Leaf::Label, String::new()));
    }
    for (i, d) in dims.iter().enumerate() {
        leaves.push((Leaf::Dim(i), d.as_str().unwrap_or("").to_string()));
    }
    let unit = unit_label(s(&r["measure"], "unit"), lang);
    let cols = arr(r, "columns");
    for (ci, col) in cols.iter().enumerate() {
        for sub in sub_columns(r, col) {
            let l = sub_label(sub, r, lang);
            let with_unit = if sub == "value" && !unit.is_empty() {
                format!("{l}（{unit}）")
            } else {
                l
            };
            let flat = if !r["colDim"].is_null() || cols.len() > 1 {
                format!("{} {with_unit}", column_label(col, lang))
            } else {
                with_unit
            };
            leaves.push((Leaf::Figure { col: ci, sub }, flat));
        }
    }
    if arr(r, "rows")
        .iter()
        .any(|row| row.get("summary").is_some_and(|x| !x.is_null()))
    {
        leaves.push((Leaf::Summary, summary_label(r, lang)));
    }
    leaves
}

fn summary_label(r: &Value, lang: Lang) -> String {
    let g = s(&r["spec"], "growth");
    let base = if g == "cagr" || g == "average" {
        t(&format!("growth.{g}"), lang)
    } else {
        s(r, "summaryLabel").to_string()
    };
    match arr(r, "periods") {
        [a, .., b] => {
            let (a, b) = (a.as_str().unwrap_or(""), b.as_str().unwrap_or(""));
            if lang == Lang::En {
                format!("{base} ({a}–{b})")
            } else {
                format!("{base}（{a}—{b}）")
            }
        }
        _ => base,
    }
}

/// The figure of a leaf in a row, if any.
pub fn figure<'a>(leaf: &Leaf, row: &'a Value) -> Option<&'a Value> {
    match leaf {
        Leaf::Figure { col, sub } => arr(row, "cells").get(*col).and_then(|c| c.get(*sub)),
        Leaf::Summary => row.get("summary"),
        _ => None,
    }
    .filter(|f| !f.is_null())
}

/// A figure's text as the page shows it (新增 is "new" in English).
pub fn figure_text(fig: Option<&Value>, lang: Lang) -> String {
    let text = fig.map_or("", |f| s(f, "text"));
    if text == "新增" && lang == Lang::En {
        t("fig.new", lang)
    } else {
        text.to_string()
    }
}

/// Thousands separators dropped so that a spreadsheet reads a number.
pub fn csv_figure(text: &str) -> String {
    let body = text.strip_prefix(['-', '+']).unwrap_or(text);
    let body = body.strip_suffix('%').unwrap_or(body);
    let int = body.split_once('.').map_or(body, |(i, f)| {
        if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) {
            "x"
        } else {
            i
        }
    });
    let groups: Vec<&str> = int.split(',').collect();
    let grouped = groups.len() > 1
        && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()))
        && (1..=3).contains(&groups[0].len())
        && groups[1..].iter().all(|g| g.len() == 3);
    if grouped {
        text.replace(',', "")
    } else {
        text.to_string()
    }
}

/// The text of a reason code in a language (the engine's reason texts).
pub fn reason_text(code: &str, lang: Lang) -> String {
    let v = aidstat::api::vocabulary();
    v.reasons
        .get(code)
        .and_then(|r| r.get(lang.tag()))
        .and_then(Value::as_str)
        .map_or_else(|| code.to_string(), str::to_string)
}

/// The table as rows of strings, header first (the page's `tableRows`):
/// `csv` drops thousands separators and adds a column of flags in words
/// after a flagged figure column; otherwise a flagged figure gets a `*`.
pub fn table_rows(r: &Value, lang: Lang, csv: bool) -> Vec<Vec<String>> {
    let leaves = leaf_columns(r, lang);
    let rows = arr(r, "rows");
    let flagged: Vec<bool> = leaves
        .iter()
        .map(|(leaf, _)| {
            csv && rows
                .iter()
                .any(|row| figure(leaf, row).is_some_and(|f| !arr(f, "flags").is_empty()))
        })
        .collect();
    let mut head = Vec::new();
    for ((_, flat), f) in leaves.iter().zip(&flagged) {
        head.push(flat.clone());
        if *f {
            head.push(format!("{flat} {}", t("result.flag", lang)));
        }
    }
    let mut out = vec![head];
    for row in rows {
        let mut line = Vec::new();
        for ((leaf, _), f) in leaves.iter().zip(&flagged) {
            match leaf {
                Leaf::Label => line.push(row_label(row, lang)),
                Leaf::Dim(i) => {
                    if s(row, "kind") == "data" {
                        line.push(
                            arr(row, "keys")
                                .get(*i)
                                .and_then(Value::as_str)
                                .unwrap_or("")
                                .to_string(),
                        );
                    } else if *i == 0 {
                        line.push(row_label(row, lang));
                    } else {
                        line.push(String::new());
                    }
                }
                _ => {
                    let fig = figure(leaf, row);
                    let text = figure_text(fig, lang);
                    let flags: Vec<String> = fig
                        .map(|x| {
                            arr(x, "flags")
                                .iter()
                                .filter_map(Value::as_str)
                                .map(|c| reason_text(c, lang))
                                .collect()
                        })
                        .unwrap_or_default();
                    if csv {
                        line.push(csv_figure(&text));
                        if *f {
                            line.push(flags.join("；"));
                        }
                    } else if flags.is_empty() {
                        line.push(text);
                    } else {
                        line.push(format!("{text}*"));
                    }
                }
            }
        }
        out.push(line);
    }
    out
}

/// The result's title (`金额：按板块 × 年度`).
pub fn title(r: &Value, lang: Lang) -> String {
    let agg = r["spec"]["aggregate"].as_str().unwrap_or("sum");
    let name = measure_name(s(&r["measure"], "name"));
    let m = if agg == "sum" {
        if name.is_empty() {
            t("col.value", lang)
        } else {
            name
        }
    } else {
        let sep = if name.is_empty() { "" } else { " · " };
        format!("{name}{sep}{}", t(&format!("agg.{agg}"), lang))
    };
    let dims: Vec<&str> = arr(r, "rowDims").iter().filter_map(Value::as_str).collect();
    let by = dims.join(&t("result.by", lang));
    let col = r["colDim"].as_str();
    if by.is_empty() && col.is_none() {
        return match lang {
            Lang::Zh => format!("{m}：总计"),
            Lang::Tw => format!("{m}：總計"),
            Lang::En => format!("{m}: total"),
        };
    }
    let full = match (by.is_empty(), col) {
        (_, None) => by,
        (true, Some(c)) => c.to_string(),
        (false, Some(c)) => format!("{by} × {c}"),
    };
    match lang {
        Lang::En => format!("{m} by {full}"),
        _ => format!("{m}：按{full}"),
    }
}

/// The second caption line: unit, share, growth, filters.
pub fn subtitle(r: &Value, lang: Lang) -> String {
    let mut parts = Vec::new();
    let unit = s(&r["measure"], "unit");
    if !unit.is_empty() {
        let u = unit_label(unit, lang);
        parts.push(match lang {
            Lang::Zh => format!("单位：{u}"),
            Lang::Tw => format!("單位：{u}"),
            Lang::En => format!("unit: {u}"),
        });
    }
    let spec = &r["spec"];
    let colon = t("punct.colon", lang);
    let share = s(spec, "share");
    if !share.is_empty() && share != "none" {
        parts.push(format!(
            "{}{colon}{}",
            t("controls.share", lang),
            t(&format!("share.{share}"), lang)
        ));
    }
    let growth = s(spec, "growth");
    if !growth.is_empty() && growth != "none" {
        parts.push(format!(
            "{}{colon}{}",
            t("controls.growth", lang),
            t(&format!("growth.{growth}"), lang)
        ));
    }
    let filter_word = lang.pick(["筛选：", "篩選：", "filter: "]);
    for f in arr(spec, "filters") {
        let join = |k: &str| {
            arr(f, k)
                .iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join(" / ")
        };
        if f.get("keep").is_some_and(|k| !k.is_null()) {
            parts.push(format!(
                "{filter_word}{} = {}",
                s(f, "column"),
                join("keep")
            ));
        } else if f.get("drop").is_some_and(|k| !k.is_null()) {
            let ex = lang.pick(["不含 ", "不含 ", "excluding "]);
            parts.push(format!(
                "{filter_word}{}{colon}{ex}{}",
                s(f, "column"),
                join("drop")
            ));
        }
    }
    parts.join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_forms() {
        assert_eq!(measure_name("金额(万元)"), "金额");
        assert_eq!(measure_name("金额（万元）"), "金额");
        assert_eq!(measure_name("(万元)"), "(万元)");
        assert_eq!(measure_name("金额"), "金额");
        assert_eq!(csv_figure("1,234.50"), "1234.50");
        assert_eq!(csv_figure("-1,234.5%"), "-1234.5%");
        assert_eq!(csv_figure("1,2"), "1,2");
        assert_eq!(csv_figure("—"), "—");
        assert_eq!(growth_label("rate", Lang::Zh), "增长率");
        assert_eq!(growth_label("rate", Lang::En), "growth rate");
        assert_eq!(growth_label("change", Lang::Zh), "增减额");
    }
}
