//! `clean` and `sql`: each subcommand's call into the core's
//! `aidstat::export` (the clean long table, its layout, SQL over it).

use std::fs::File;
use std::io::{BufWriter, Write};

use aidstat::analyze::spec::Spec;
use aidstat::cell::MoneyUnit;
use aidstat::export::sql::{render, Dialect};
use aidstat::export::{layout, write_clean, write_rejects};
use aidstat::table::Table;

use crate::error::CliError;

fn create(path: &str) -> Result<BufWriter<File>, CliError> {
    File::create(path)
        .map(BufWriter::new)
        .map_err(|e| CliError::write(path, &e))
}

/// Writes the clean long table to `out`; the rows written.
pub fn clean(
    table: &Table,
    source: &str,
    unit: Option<MoneyUnit>,
    out: &str,
) -> Result<usize, CliError> {
    let mut w = create(out)?;
    let n = write_clean(table, source, unit, &mut w)?;
    w.flush().map_err(|e| CliError::write(out, &e))?;
    Ok(n)
}

/// Writes the rows set aside to `out`; the rows written.
pub fn rejects(table: &Table, source: &str, out: &str) -> Result<usize, CliError> {
    let mut w = create(out)?;
    let n = write_rejects(table, source, &mut w)?;
    w.flush().map_err(|e| CliError::write(out, &e))?;
    Ok(n)
}

/// The spec's view as SQL over the clean table `name`, whose amounts are in
/// `unit_in` (default: the spec's unit).
pub fn sql(
    spec_json: &str,
    table: &Table,
    unit_in: Option<MoneyUnit>,
    dialect: &str,
    name: &str,
) -> Result<String, CliError> {
    let spec = Spec::from_json(spec_json)?;
    let dialect: Dialect = dialect.parse().map_err(|e: aidstat::Error| CliError {
        exit: 2,
        ..CliError::from(e)
    })?;
    if name.trim().is_empty() {
        return Err(CliError::usage(
            "--table 不能为空",
            "--table must not be empty",
        ));
    }
    let l = layout(table, unit_in.or(spec.unit));
    let mut text = render(&spec, &l, dialect, name)?;
    if !text.ends_with('\n') {
        text.push('\n');
    }
    Ok(text)
}
