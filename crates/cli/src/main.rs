//! `aidstat`: the engine on the command line. Files are read as the page
//! reads them (CSV / TXT / JSON through the core, workbooks through the
//! Office module), and every answer is the API's: `inspect` the schema,
//! `analyze` a view (as a text table, CSV, JSON or xlsx), `check` the
//! findings, `clean` a long table, `sql` a query over it.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::unreachable,
        clippy::todo,
        clippy::unimplemented
    )
)]

mod args;
mod error;
mod export;
mod input;
mod labels;
mod output;
mod spec;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use args::{Cli, Command, Format};
use error::CliError;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = cli.lang.clone();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "{}", e.show(&lang));
            ExitCode::from(e.exit)
        }
    }
}

fn run(cli: Cli) -> Result<(), CliError> {
    let lang = cli.lang.as_str();
    match &cli.command {
        Command::Inspect(a) => {
            let s = input::open(&a.input, lang)?;
            // Pretty by default; --json gives it on one line, as the API does.
            output::print_json(&s.schema(), a.json)
        }
        Command::Analyze(a) => {
            let spec = spec::spec_json(&a.view)?;
            let s = input::open(&a.input, lang)?;
            let analysis = s.analyze(&spec)?;
            let schema = s.schema();
            let name = input::source_name(&a.input.files);
            match a.format {
                Format::Json => output::write_out(
                    a.out.as_deref(),
                    format!("{}\n", output::json_text(&analysis, false)?).as_bytes(),
                ),
                Format::Csv => {
                    let v = output::value_of(&analysis)?;
                    output::write_out(a.out.as_deref(), &output::csv::csv_bytes(&v, lang))
                }
                Format::Table => {
                    let v = output::value_of(&analysis)?;
                    let text = output::table::render(&v, &schema, &name, lang);
                    output::write_out(a.out.as_deref(), text.as_bytes())
                }
                Format::Xlsx => {
                    let Some(out) = a.out.as_deref() else {
                        return Err(CliError::usage(
                            "--format xlsx 需要 --out 文件名",
                            "--format xlsx needs --out FILE",
                        ));
                    };
                    let v = output::value_of(&analysis)?;
                    let bytes = output::xlsx::xlsx_bytes(&v, &schema, &name, lang)?;
                    output::write_out(Some(out), &bytes)
                }
            }
        }
        Command::Check(a) => {
            let s = input::open(&a.input, lang)?;
            let findings = s.findings();
            if a.json {
                return output::print_json(&findings, true);
            }
            output::write_out(None, output::findings_text(findings, lang)?.as_bytes())
        }
        Command::Clean(a) => {
            let s = input::open(&a.input, lang)?;
            let unit = spec::money_unit(a.unit.as_deref())?;
            let name = input::source_name(&a.input.files);
            let table = s.into_table();
            let rows = export::clean(&table, &name, unit, &a.out)?;
            let mut err = std::io::stderr();
            let _ = writeln!(
                err,
                "{}",
                msg(
                    lang,
                    &format!("写出 {rows} 行：{}", a.out),
                    &format!("wrote {rows} rows: {}", a.out)
                )
            );
            if let Some(r) = &a.rejects {
                let n = export::rejects(&table, &name, r)?;
                let _ = writeln!(
                    err,
                    "{}",
                    msg(
                        lang,
                        &format!("写出被搁置的 {n} 行：{r}"),
                        &format!("wrote {n} set-aside rows: {r}")
                    )
                );
            }
            Ok(())
        }
        Command::Sql(a) => {
            let spec_text = spec::read_spec_file(&a.spec)?;
            let s = input::open(&a.input, lang)?;
            let unit = spec::money_unit(a.unit_in.as_deref())?;
            let table = s.into_table();
            let text = export::sql(&spec_text, &table, unit, &a.dialect, &a.table)?;
            output::write_out(None, text.as_bytes())
        }
    }
}

/// A line in the language asked for (繁體 derived from the simplified).
pub(crate) fn msg(lang: &str, zh: &str, en: &str) -> String {
    aidstat::message::Texts::new(zh, en).get(lang)
}
