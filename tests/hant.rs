//! Every Chinese character of the engine's templates (the string literals of
//! `src/` and of the Office module, test modules aside) is known to the
//! Taiwan-form table: mapped, or listed as the same in both scripts. A new
//! template character fails here until `scripts/hant-table.py` is run again,
//! so no 繁體 message keeps a simplified character by oversight.

use std::path::Path;

fn literals(dir: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            if !p.ends_with("bindings") {
                literals(&p, out);
            }
            continue;
        }
        if p.extension().is_none_or(|x| x != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&p).unwrap();
        let text = text.split("#[cfg(test)]").next().unwrap();
        // Comments (and the doc examples in them) are not templates.
        let text: String = text
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        // The string literals, roughly: text between unescaped double quotes.
        let mut inside = false;
        let mut escaped = false;
        let mut cur = String::new();
        for c in text.chars() {
            if inside {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == '"' {
                    inside = false;
                    out.push(std::mem::take(&mut cur));
                    continue;
                }
                cur.push(c);
            } else if c == '"' {
                inside = true;
            }
        }
    }
}

#[test]
fn every_template_character_is_known_to_the_taiwan_table() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut lits = Vec::new();
    literals(&root.join("src"), &mut lits);
    literals(&root.join("crates/office/src"), &mut lits);
    assert!(lits.len() > 300, "{} literals", lits.len());
    let mut unknown: Vec<char> = lits
        .iter()
        .flat_map(|s| s.chars())
        .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
        .filter(|&c| {
            aidstat::hant::hant(&c.to_string()) == c.to_string() && !aidstat::hant::SAME.contains(c)
        })
        .collect();
    unknown.sort();
    unknown.dedup();
    assert!(unknown.is_empty(), "run scripts/hant-table.py: {unknown:?}");
}

#[test]
fn messages_in_taiwan_form_keep_the_files_labels() {
    // A simplified label that differs in traditional script: 资金项目 / 宝安区.
    let csv = "年度,资金项目,金额(万元)\n2020,宝安区,100\n2020,宝安区,abc\n2021,宝安区,200\n2022,宝安区,300\n2023,宝安区,400\n";
    let t = aidstat::load::load(csv.as_bytes(), &Default::default()).unwrap();
    let spec = aidstat::analyze::spec::Spec::from_json(r#"{"rows":["资金项目"]}"#).unwrap();
    let r = aidstat::analyze::analyze(&t, &spec).unwrap();
    let item = r
        .diagnostics
        .set_aside
        .iter()
        .find(|i| i.line == 3)
        .unwrap_or_else(|| panic!("{:?}", r.diagnostics));
    let zh = &item.text.zh;
    let tw = item.text.zh_tw();
    assert!(zh.contains("“金额(万元)”") || zh.contains("“abc”"), "{zh}");
    // Template characters change (第 3 行 … 读 → 讀), quoted file text stays.
    assert_ne!(&tw, zh);
    assert!(!tw.contains('“'), "{tw}");
    for quoted in zh.split('“').skip(1).map(|s| s.split('”').next().unwrap()) {
        assert!(tw.contains(&format!("「{quoted}」")), "{quoted} in {tw}");
    }
}
