#!/usr/bin/env python3
"""Reads a workbook aidstat wrote with an independent reader (openpyxl) and
prints what a test needs to check, as JSON on stdout:

    target/py/bin/python tests/workbooks/read_export.py view.xlsx

{"sheets": [...], "grid": {"cells": {"B5": [value, type, number_format]}, "merged": [...],
 "freeze": "B5", "notes": {"B5": "text"}}, "notes": [[A, B], ...]}"""
import json
import sys

import openpyxl


def main(path):
    wb = openpyxl.load_workbook(path)
    grid, notes = wb.worksheets[0], wb.worksheets[1]
    cells, comments = {}, {}
    for row in grid.iter_rows():
        for c in row:
            if c.value is None:
                continue
            value = c.value
            if isinstance(value, float) and value.is_integer():
                kind = "n"
            else:
                kind = "n" if isinstance(value, (int, float)) else "s"
            # repr keeps the double exact: the test compares it with the decimal it stands for.
            cells[c.coordinate] = [repr(value) if kind == "n" else value, kind, c.number_format, bool(c.font and c.font.b)]
            if c.comment is not None:
                comments[c.coordinate] = c.comment.text
    out = {
        "sheets": wb.sheetnames,
        "grid": {
            "cells": cells,
            "merged": sorted(str(r) for r in grid.merged_cells.ranges),
            "freeze": grid.freeze_panes,
            "notes": comments,
            "widths": {k: v.width for k, v in grid.column_dimensions.items()},
        },
        "notes": [[c.value for c in row] for row in notes.iter_rows(max_col=4)],
    }
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
