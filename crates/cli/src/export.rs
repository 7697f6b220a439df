//! `clean` and `sql`: each subcommand's call into the core, one function each.
//!
//! TODO(merge sql): `aidstat::export::clean::{write_clean, write_rejects, layout}`
//! and `aidstat::export::sql::{render, Dialect}` are being written on branch
//! `sql`. Until they land, these functions check their arguments and answer
//! that the core cannot yet do it. When merging, the bodies become:
//! - `clean`: `write_clean(table, source, unit, BufWriter::new(File::create(out)?))`
//! - `rejects`: `write_rejects(table, source, BufWriter::new(File::create(out)?))`
//! - `sql`: `render(&Spec::from_json(spec)?, &layout(table, unit), dialect.parse()?, name)`
//!   with `unit` the `--unit-in` unit, or else the spec's unit.

use aidstat::analyze::spec::Spec;
use aidstat::cell::MoneyUnit;
use aidstat::table::Table;

use crate::error::CliError;

fn not_yet(what: &str) -> CliError {
    CliError::new(
        "not_available",
        format!("这一版的引擎还不能{what}（aidstat::export 尚未并入）"),
        format!(
            "this build's engine cannot {} yet (aidstat::export is not merged)",
            match what {
                "写出清洗后的表" => "write the clean table",
                "写出被搁置的行" => "write the rows set aside",
                _ => "write SQL",
            }
        ),
    )
}

/// Writes the clean long table to `out`; the rows written.
pub fn clean(
    _table: &Table,
    _source: &str,
    _unit: Option<MoneyUnit>,
    _out: &str,
) -> Result<usize, CliError> {
    Err(not_yet("写出清洗后的表"))
}

/// Writes the rows set aside to `out`; the rows written.
pub fn rejects(_table: &Table, _source: &str, _out: &str) -> Result<usize, CliError> {
    Err(not_yet("写出被搁置的行"))
}

/// The spec's view as SQL over the clean table `name`.
pub fn sql(
    spec_json: &str,
    _table: &Table,
    unit_in: Option<MoneyUnit>,
    dialect: &str,
    name: &str,
) -> Result<String, CliError> {
    let spec = Spec::from_json(spec_json)?;
    if !matches!(dialect, "duckdb" | "spark") {
        return Err(CliError::usage(
            &format!("不认识的 SQL 方言“{dialect}”（可用：duckdb、spark）"),
            &format!("unknown SQL dialect \"{dialect}\" (known: duckdb, spark)"),
        ));
    }
    if name.trim().is_empty() {
        return Err(CliError::usage(
            "--table 不能为空",
            "--table must not be empty",
        ));
    }
    // The clean table's amounts are in --unit-in, else in the spec's unit.
    let _layout_unit = unit_in.or(spec.unit);
    Err(not_yet("写出 SQL"))
}
