#!/usr/bin/env python3
"""Reads a Word report aidstat wrote with an independent reader (python-docx)
and prints what a test needs to check, as JSON on stdout:

    target/py/bin/python tests/workbooks/read_docx.py report.docx

{"paragraphs": [text, ...], "tables": [{"rows": [[{"text", "span", "vmerge",
 "bold", "align"}, ...]], "header": [true, ...]}], "images": [[w_emu, h_emu]],
 "page": {"width_mm", "height_mm", "landscape"}, "fonts": [east-asian faces]}"""
import json
import sys

import docx
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn


def cell_of(tc):
    texts = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in tc.iter(qn("w:p"))]
    pr = tc.tcPr
    span = pr.find(qn("w:gridSpan")) if pr is not None else None
    vm = pr.find(qn("w:vMerge")) if pr is not None else None
    bolds = [r.find(qn("w:rPr")) for r in tc.iter(qn("w:r"))]
    bold = any(b is not None and b.find(qn("w:b")) is not None for b in bolds)
    jc = next((p.find(qn("w:pPr")).find(qn("w:jc")) for p in tc.iter(qn("w:p")) if p.find(qn("w:pPr")) is not None and p.find(qn("w:pPr")).find(qn("w:jc")) is not None), None)
    return {
        "text": "\n".join(texts),
        "span": int(span.get(qn("w:val"))) if span is not None else 1,
        "vmerge": (vm.get(qn("w:val")) or "continue") if vm is not None else None,
        "bold": bold,
        "align": jc.get(qn("w:val")) if jc is not None else None,
    }


def main(path):
    d = docx.Document(path)
    tables = []
    for t in d.tables:
        rows, header = [], []
        for tr in t._tbl.tr_lst:
            rows.append([cell_of(tc) for tc in tr.tc_lst])
            pr = tr.trPr
            header.append(pr is not None and pr.find(qn("w:tblHeader")) is not None)
        tables.append({"rows": rows, "header": header})
    s = d.sections[0]
    fonts = sorted({f.get(qn("w:eastAsia")) for f in d.element.body.iter(qn("w:rFonts")) if f.get(qn("w:eastAsia"))})
    out = {
        "paragraphs": [p.text for p in d.paragraphs],
        "tables": tables,
        "images": [[sh.width, sh.height] for sh in d.inline_shapes],
        "page": {
            "width_mm": round(s.page_width.mm),
            "height_mm": round(s.page_height.mm),
            "landscape": s.orientation == WD_ORIENT.LANDSCAPE,
        },
        "fonts": fonts,
    }
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
