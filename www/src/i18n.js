// Interface strings in 简体中文 (default), 繁體中文 and English.
// Engine messages arrive with messageZh / messageZhTw / messageEn.

export const LANGS = [
  ['zh-CN', '简体中文'],
  ['zh-TW', '繁體中文'],
  ['en', 'English'],
];

/** key → [zh-CN, zh-TW, en] */
const S = {
  'app.title': ['对口帮扶资金统计', '對口幫扶資金統計', 'Paired-assistance fund statistics'],
  'app.tagline': ['精确汇总、占比与增长 · 数据只在本机处理，不联网', '精確彙總、佔比與增長 · 資料只在本機處理，不連網', 'Exact totals, shares and growth · your data never leaves this computer'],
  'app.skip': ['跳到结果表', '跳到結果表', 'Skip to the result table'],
  'lang.label': ['语言', '語言', 'Language'],
  'data.heading': ['数据', '資料', 'Data'],
  'data.drop': ['把 Excel 工作簿、CSV 或 JSON 文件拖到这里', '將 Excel 活頁簿、CSV 或 JSON 檔案拖到這裡', 'Drop an Excel workbook, CSV or JSON file here'],
  'data.or': ['或', '或', 'or'],
  'data.pick': ['选择文件…', '選擇檔案…', 'Choose a file…'],
  'data.addFile': ['添加文件…', '新增檔案…', 'Add files…'],
  'data.paste': ['粘贴表格', '貼上表格', 'Paste cells'],
  'data.demo': ['示例数据', '示例資料', 'Demo data'],
  'data.dropHere': ['松开鼠标即可读取文件', '放開滑鼠即可讀取檔案', 'Release to read the file'],
  'data.privacy': ['文件只在本机浏览器内读取和计算，不会上传。', '檔案只在本機瀏覽器內讀取和計算，不會上傳。', 'Files are read and computed inside this browser only; nothing is uploaded.'],
  'paste.label': ['把从 Excel 或 WPS 复制的单元格粘贴到这里（Ctrl+V），第一行为表头', '將從 Excel 或 WPS 複製的儲存格貼到這裡（Ctrl+V），第一列為表頭', 'Paste cells copied from Excel or WPS here (Ctrl+V); the first line is the header'],
  'paste.go': ['分析粘贴的内容', '分析貼上的內容', 'Analyse the pasted cells'],
  'paste.close': ['关闭', '關閉', 'Close'],
  'paste.empty': ['没有可分析的内容：请先粘贴单元格。', '沒有可分析的內容：請先貼上儲存格。', 'Nothing to analyse: paste some cells first.'],
  'demo.note': ['这是示例：花都区对口帮扶清新区 2020—2022 年资金（万元）。把自己的文件拖进来即可分析同样的表和图。', '這是示例：花都區對口幫扶清新區 2020—2022 年資金（萬元）。將自己的檔案拖進來即可分析同樣的表和圖。', 'This is a demo: funds from Huadu to Qingxin, 2020–2022 (in 10k yuan). Drop your own file to get the same tables and charts.'],
  'source.demo': ['示例数据', '示例資料', 'demo data'],
  'source.files': ['{n} 个文件（“{first}”等）', '{n} 個檔案（「{first}」等）', '{n} files (“{first}” and more)'],
  'source.paste': ['粘贴的表格', '貼上的表格', 'pasted cells'],
  'source.rows': ['{n} 行数据', '{n} 列資料', '{n} data rows'],
  'source.loaded': ['载入 {n} 行', '載入 {n} 列', '{n} rows loaded'],
  'source.setAside': ['另置 {n} 行', '另置 {n} 列', '{n} rows set aside'],
  'source.header': ['第 {n} 行为表头', '第 {n} 列為表頭', 'header on line {n}'],
  'source.skipped': ['跳过表头上方 {n} 行', '略過表頭上方 {n} 列', '{n} lines above the header skipped'],
  'source.unitLine': ['单位行：{u}', '單位列：{u}', 'unit line: {u}'],
  'source.bom': ['含 BOM', '含 BOM', 'with BOM'],
  'source.decodeErrors': ['{n} 个字节无法解码', '{n} 個位元組無法解碼', '{n} bytes could not be decoded'],
  'source.detected': ['自动识别', '自動識別', 'detected'],
  'source.given': ['指定', '指定', 'chosen'],
  'delim.,': ['逗号分隔', '逗號分隔', 'comma-separated'],
  'delim.\t': ['制表符分隔', '定位字元分隔', 'tab-separated'],
  'delim.;': ['分号分隔', '分號分隔', 'semicolon-separated'],
  'delim.|': ['竖线分隔', '豎線分隔', 'pipe-separated'],
  'fmt.json': ['JSON', 'JSON', 'JSON'],
  'source.workbook': ['工作簿（.{f}）', '活頁簿（.{f}）', 'workbook (.{f})'],
  'source.sheet': ['工作表“{s}”', '工作表「{s}」', 'sheet "{s}"'],
  'understood.sheet': ['工作表', '工作表', 'Sheet'],
  'understood.sheetHidden': ['{s}（隐藏）', '{s}（隱藏）', '{s} (hidden)'],
  'understood.sheetSize': ['{s}（{r} 行 × {c} 列）', '{s}（{r} 列 × {c} 欄）', '{s} ({r} rows × {c} columns)'],

  'understood.heading': ['数据识别', '資料識別', 'What was understood'],
  'understood.summary': ['列的识别与更正（{n} 列）', '欄的識別與更正（{n} 欄）', 'Columns as understood, and corrections ({n} columns)'],
  'understood.reading': ['读取方式', '讀取方式', 'How the file is read'],
  'understood.encoding': ['编码', '編碼', 'Encoding'],
  'understood.delimiter': ['分隔符', '分隔符', 'Delimiter'],
  'understood.headerLine': ['表头行号', '表頭列號', 'Header line'],
  'understood.defaultUnit': ['金额列默认单位', '金額欄預設單位', 'Default unit of amount columns'],
  'understood.auto': ['自动', '自動', 'auto'],
  'understood.reread': ['按此重新读取', '依此重新讀取', 'Read again with these settings'],
  'understood.resetOverrides': ['撤销全部更正', '撤銷全部更正', 'Undo all corrections'],
  'understood.col.name': ['列名', '欄名', 'Column'],
  'understood.col.role': ['作用', '作用', 'Role'],
  'understood.col.unit': ['单位', '單位', 'Unit'],
  'understood.col.stats': ['不同值 / 空 / 无法读取', '不同值 / 空 / 無法讀取', 'Distinct / empty / unreadable'],
  'understood.col.sample': ['示例值', '示例值', 'Sample values'],
  'understood.col.unitFrom': ['（来自{s}）', '（來自{s}）', ' (from {s})'],
  'understood.roleOf': ['“{c}”的作用', '「{c}」的作用', 'Role of “{c}”'],
  'understood.unitOf': ['“{c}”的单位', '「{c}」的單位', 'Unit of “{c}”'],
  'understood.setAside': ['另置的行（不参与计算）', '另置的列（不參與計算）', 'Rows set aside (not used)'],
  'understood.wideUndo': ['按原列读取', '按原欄讀取', 'Read the columns as they are'],
  'understood.wideRedo': ['按时期展开', '按時期展開', 'Read the years as one measure'],
  'understood.wideOff': ['各时期列按原样读取（未展开）。', '各時期欄按原樣讀取（未展開）。', 'The period columns are read as they are (not unpivoted).'],
  'understood.noneSetAsideSome': ['没有另置的行；使用 {used}/{read} 行，其余为空值或被筛选掉。', '沒有另置的列；使用 {used}/{read} 列，其餘為空值或被篩選掉。', 'No row set aside; {used} of {read} rows used, the others are empty or filtered out.'],
  'understood.noneSetAside': ['没有另置的行：每一行都参与了计算。', '沒有另置的列：每一列都參與了計算。', 'No row set aside: every row was used.'],
  'understood.skippedLines': ['表头上方跳过的行', '表頭上方略過的列', 'Lines skipped above the header'],
  'understood.line': ['第 {n} 行', '第 {n} 列', 'line {n}'],
  'understood.findings': ['文件自带合计行的核对', '檔案自帶合計列的核對', 'Check of the file’s own total rows'],
  'understood.warnings': ['提示', '提示', 'Notes'],
  'understood.th.line': ['行号', '列號', 'Line'],
  'understood.th.reason': ['原因', '原因', 'Reason'],
  'understood.th.column': ['列', '欄', 'Column'],
  'understood.th.raw': ['原文', '原文', 'Raw text'],
  'understood.more': ['另有 {n} 行未列出（Excel 导出的说明表列出前 1,000 行）', '另有 {n} 列未列出（Excel 匯出的說明表列出前 1,000 列）', '{n} more not listed (the Excel export lists the first 1,000)'],

  'role.period': ['时期（年度）', '時期（年度）', 'period (year)'],
  'role.dimension': ['分类维度', '分類維度', 'dimension'],
  'role.measure': ['数值（度量）', '數值（度量）', 'measure'],
  'role.ignore': ['忽略', '忽略', 'ignore'],
  'kind.money': ['金额', '金額', 'money'],
  'kind.count': ['计数', '計數', 'count'],
  'kind.number': ['数值', '數值', 'number'],
  'unitSource.header': ['表头', '表頭', 'header'],
  'unitSource.unit_line': ['单位行', '單位列', 'unit line'],
  'unitSource.user': ['手动更正', '手動更正', 'your correction'],
  'unitSource.cells': ['单元格', '儲存格', 'cells'],
  'unitSource.default': ['默认', '預設', 'default'],
  'unit.none': ['（无单位）', '（無單位）', '(no unit)'],
  'unit.asIs': ['（按列单位：{u}）', '（依欄單位：{u}）', '(column unit: {u})'],

  'controls.heading': ['视图设置', '檢視設定', 'View'],
  'controls.show': ['视图设置（行、列、占比、增长、筛选）', '檢視設定（列、欄、佔比、增長、篩選）', 'View (rows, columns, shares, growth, filters)'],
  'controls.layout': ['行与列', '列與欄', 'Rows and columns'],
  'controls.row1': ['行（第 1 层）', '列（第 1 層）', 'Rows (level 1)'],
  'controls.row2': ['行（第 2 层，可选）', '列（第 2 層，可選）', 'Rows (level 2, optional)'],
  'controls.row3': ['行（第 3 层，可选）', '列（第 3 層，可選）', 'Rows (level 3, optional)'],
  'controls.columns': ['列（通常为年度）', '欄（通常為年度）', 'Columns (usually the year)'],
  'controls.none': ['（无）', '（無）', '(none)'],
  'controls.measure': ['统计指标', '統計指標', 'Measure'],
  'controls.measureCol': ['数值列', '數值欄', 'Measure column'],
  'controls.aggregate': ['汇总方式', '彙總方式', 'Aggregate'],
  'controls.share': ['占比', '佔比', 'Share'],
  'controls.shareKind': ['占比口径', '佔比口徑', 'Share of'],
  'controls.largestRemainder': ['调整尾差，使占比合计为 100%', '調整尾差，使佔比合計為 100%', 'Nudge shares to add up to 100 %'],
  'controls.growth': ['增长', '增長', 'Growth'],
  'controls.growthKind': ['增长指标', '增長指標', 'Growth figure'],
  'controls.basePeriod': ['基期', '基期', 'Base period'],
  'controls.basePeriodFirst': ['（首期）', '（首期）', '(first period)'],
  'controls.display': ['显示', '顯示', 'Display'],
  'controls.unit': ['金额单位', '金額單位', 'Money unit'],
  'controls.unitDefault': ['按文件（{u}）', '依檔案（{u}）', 'as in the file ({u})'],
  'controls.precision': ['金额小数位', '金額小數位', 'Decimals (amounts)'],
  'controls.percentPrecision': ['百分比小数位', '百分比小數位', 'Decimals (percent)'],
  'controls.subtotals': ['显示小计行', '顯示小計列', 'Subtotal rows'],
  'controls.totals': ['显示合计', '顯示合計', 'Grand total'],
  'controls.filters': ['筛选', '篩選', 'Filters'],
  'controls.filterAll': ['全选', '全選', 'All'],
  'controls.filterNone': ['全不选', '全不選', 'None'],
  'controls.filterCount': ['已选 {k}/{n}', '已選 {k}/{n}', '{k} of {n} kept'],
  'controls.reset': ['恢复默认视图', '恢復預設檢視', 'Default view'],
  'controls.needPeriod': ['增长需要把年度放在行或列中', '增長需要把年度放在列或欄中', 'Growth needs the year among the rows or as the columns'],

  'agg.sum': ['求和', '求和', 'sum'],
  'agg.count': ['记录数', '記錄數', 'count of records'],
  'agg.count_nonnull': ['非空个数', '非空個數', 'count of values'],
  'agg.mean': ['平均值', '平均值', 'mean'],
  'agg.min': ['最小值', '最小值', 'minimum'],
  'agg.max': ['最大值', '最大值', 'maximum'],
  'agg.distinct': ['不同值个数', '不同值個數', 'distinct values'],
  'share.none': ['不计算', '不計算', 'none'],
  'share.grand': ['占总计', '佔總計', 'of the grand total'],
  'share.row': ['占本行合计', '佔本列合計', 'of the row total'],
  'share.column': ['占本列合计', '佔本欄合計', 'of the column total'],
  'share.parent': ['占上级小计', '佔上級小計', 'of the parent subtotal'],
  'growth.none': ['不计算', '不計算', 'none'],
  'growth.change': ['增减额', '增減額', 'change'],
  'growth.rate': ['增长率（同比）', '增長率（同比）', 'growth rate (YoY)'],
  'growth.speed': ['发展速度', '發展速度', 'development speed'],
  'growth.index': ['定基指数', '定基指數', 'fixed-base index'],
  'growth.cagr': ['年均增长率', '年均增長率', 'CAGR'],
  'growth.average': ['年均值', '年均值', 'average per year'],
  'growth.contribution': ['增长贡献率', '增長貢獻率', 'contribution to growth'],
  'growth.pull': ['拉动（百分点）', '拉動（百分點）', 'pull (percentage points)'],

  'col.value': ['金额', '金額', 'amount'],
  'col.number': ['数值', '數值', 'value'],
  'col.share': ['占比', '佔比', 'share'],
  'col.total': ['合计', '合計', 'Total'],
  'row.total': ['合计', '合計', 'Total'],
  'row.subtotal': ['{k} 小计', '{k} 小計', '{k} subtotal'],
  'fig.new': ['新增', '新增', 'new'],

  'punct.colon': ['：', '：', ': '],
  'punct.semicolon': ['；', '；', '; '],
  'punct.listSep': ['、', '、', ', '],
  'findings.heading': ['数据检查', '資料檢查', 'Data checks'],
  'findings.pending': ['正在检查…', '正在檢查…', 'Checking…'],
  'findings.failed': ['检查未完成。', '檢查未完成。', 'The checks did not finish.'],
  'findings.none': ['没有发现问题。', '沒有發現問題。', 'Nothing found.'],
  'findings.count.error': ['错误 {n}', '錯誤 {n}', '{n} errors'],
  'findings.count.warning': ['警告 {n}', '警告 {n}', '{n} warnings'],
  'findings.count.info': ['提示 {n}', '提示 {n}', '{n} notes'],
  'findings.sev.error': ['错误', '錯誤', 'error'],
  'findings.sev.warning': ['警告', '警告', 'warning'],
  'findings.sev.info': ['提示', '提示', 'note'],
  'findings.lines': ['（第 {l} 行）', '（第 {l} 列）', '(lines {l})'],
  'findings.accept': ['采纳更正', '採納更正', 'Accept'],
  'findings.isAccepted': ['已采纳', '已採納', 'accepted'],
  'findings.accepted': ['已采纳的更正', '已採納的更正', 'Accepted corrections'],
  'findings.acceptedCell': ['第 {l} 行“{c}”按“{v}”读取', '第 {l} 列「{c}」按「{v}」讀取', 'line {l}, “{c}” read as “{v}”'],
  'findings.acceptedRelabel': ['“{c}”中“{a}”统一为“{b}”', '「{c}」中「{a}」統一為「{b}」', '“{c}”: “{a}” unified as “{b}”'],
  'findings.empty': ['空', '空', 'empty'],
  'findings.undo': ['撤销', '撤銷', 'Undo'],
  'paragraph.heading': ['报告段落', '報告段落', 'Paragraph for the report'],
  'paragraph.copy': ['复制', '複製', 'Copy'],
  'paragraph.copied': ['已复制到剪贴板。', '已複製到剪貼簿。', 'Copied to the clipboard.'],
  'paragraph.copyFailed': ['无法复制：请选中文字后按 Ctrl+C。', '無法複製：請選取文字後按 Ctrl+C。', 'Could not copy: select the text and press Ctrl+C.'],
  'result.heading': ['结果', '結果', 'Result'],
  'result.title': ['{m}：按{by}', '{m}：按{by}', '{m} by {by}'],
  'result.titleTotal': ['{m}：总计', '{m}：總計', '{m}: total'],
  'result.by': ['、', '、', ', '],
  'result.cross': [' × ', ' × ', ' × '],
  'result.unit': ['单位：{u}', '單位：{u}', 'unit: {u}'],
  'result.filters': ['筛选：{f}', '篩選：{f}', 'filter: {f}'],
  'result.excluding': ['不含 {v}', '不含 {v}', 'excluding {v}'],
  'result.rows': ['使用 {used}/{read} 行', '使用 {used}/{read} 列', '{used} of {read} rows used'],
  'result.filteredOut': ['筛掉 {n} 行', '篩掉 {n} 列', '{n} rows filtered out'],
  'result.nulls': ['{n} 行数值为空（未计入）', '{n} 列數值為空（未計入）', '{n} rows with an empty value (not counted)'],
  'result.approx': ['{n} 个约数', '{n} 個約數', '{n} approximate values'],
  'result.tableLabel': ['结果表', '結果表', 'Result table'],
  'result.rowHead': ['项目', '項目', 'Item'],
  'result.sortBy': ['按“{c}”排序', '依「{c}」排序', 'Sort by “{c}”'],
  'result.legend': ['表中“新增”表示上年为 0；“—”表示无法计算；点按带虚下划线的单元格（或鼠标停在上面）可看原因。金额已按四舍五入显示。', '表中「新增」表示上年為 0；「—」表示無法計算；點按帶虛底線的儲存格（或滑鼠停在上面）可看原因。金額已按四捨五入顯示。', '“new” means the previous year was 0; “—” means no figure can be given; tap (or hover) a cell with a dotted underline for the reason. Figures are rounded half away from zero.'],
  'result.cellNote': ['{r} · {c}：{v}——{why}', '{r} · {c}：{v}——{why}', '{r} · {c}: {v} — {why}'],
  'result.truncated': ['表格只显示前 {n} 行（共 {m} 行）；导出的 CSV / JSON 含全部行。', '表格只顯示前 {n} 列（共 {m} 列）；匯出的 CSV / JSON 含全部列。', 'The table shows the first {n} of {m} rows; the CSV / JSON export holds them all.'],
  'result.empty': ['还没有结果：请载入数据。', '還沒有結果：請載入資料。', 'No result yet: load some data.'],
  'result.summary': ['{l}（{a}—{b}）', '{l}（{a}—{b}）', '{l} ({a}–{b})'],
  'result.flag': ['注', '註', 'note'],

  'export.heading': ['导出', '匯出', 'Export'],
  'export.csv': ['CSV（UTF-8）', 'CSV（UTF-8）', 'CSV (UTF-8)'],
  'export.csvGb': ['CSV（GB18030）', 'CSV（GB18030）', 'CSV (GB18030)'],
  'export.json': ['JSON', 'JSON', 'JSON'],
  'export.xlsx': ['Excel', 'Excel', 'Excel'],
  'export.docx': ['Word 报告', 'Word 報告', 'Word report'],
  'export.docxTitle': ['Word 文档（.docx）：标题、数据来源、报告段落、表格、图表和说明；Word 和 WPS 均可打开', 'Word 文件（.docx）：標題、資料來源、報告段落、表格、圖表和說明；Word 和 WPS 均可開啟', 'Word document (.docx): title, source, paragraph, table, chart and notes; opens in Word and WPS'],
  'report.add': ['加入报告', '加入報告', 'Add to report'],
  'report.addTitle': ['把当前视图（表格、段落和图表）加入 Word 报告；可加入多个视图一起导出', '把目前的檢視（表格、段落和圖表）加入 Word 報告；可加入多個檢視一起匯出', 'Add this view (table, paragraph and chart) to the Word report; several views export together'],
  'report.added': ['已加入报告：{v}（共 {n} 个视图）', '已加入報告：{v}（共 {n} 個檢視）', 'Added to the report: {v} ({n} views)'],
  'report.heading': ['报告中的视图（{n}）', '報告中的檢視（{n}）', 'Views in the report ({n})'],
  'report.up': ['上移：{v}', '上移：{v}', 'Move up: {v}'],
  'report.down': ['下移：{v}', '下移：{v}', 'Move down: {v}'],
  'report.remove': ['移出报告：{v}', '移出報告：{v}', 'Remove from the report: {v}'],
  'report.clear': ['清空报告', '清空報告', 'Clear the report'],
  'report.fileName': ['帮扶资金报告', '幫扶資金報告', 'assistance funds report'],
  'export.xlsxTitle': ['Excel 工作簿（.xlsx）：数值为精确数字，附“说明”工作表', 'Excel 活頁簿（.xlsx）：數值為精確數字，附「說明」工作表', 'Excel workbook (.xlsx): figures as exact numbers, with a Notes sheet'],
  'export.print': ['打印 / 存为 PDF', '列印 / 存為 PDF', 'Print / save as PDF'],
  'export.csvTitle': ['Excel、WPS 均可直接打开（带 BOM 的 UTF-8）', 'Excel、WPS 均可直接開啟（帶 BOM 的 UTF-8）', 'Opens cleanly in Excel and WPS (UTF-8 with BOM)'],
  'export.csvGbTitle': ['适合较旧的 Excel（GB18030 编码）', '適合較舊的 Excel（GB18030 編碼）', 'For older Excel versions (GB18030)'],
  'export.png': ['PNG 图片', 'PNG 圖片', 'PNG image'],
  'export.svg': ['SVG 矢量图', 'SVG 向量圖', 'SVG image'],
  'export.done': ['已导出 {f}', '已匯出 {f}', 'Exported {f}'],

  'chart.heading': ['图表', '圖表', 'Chart'],
  'chart.kind': ['图表类型', '圖表類型', 'Chart type'],
  'chart.auto': ['自动', '自動', 'automatic'],
  'chart.bar': ['柱状图（分组）', '柱狀圖（分組）', 'bars (grouped)'],
  'chart.stack': ['柱状图（堆积）', '柱狀圖（堆疊）', 'bars (stacked)'],
  'chart.pct': ['占比：百分比堆积柱状图', '佔比：百分比堆疊柱狀圖', 'shares: 100 % stacked bars'],
  'chart.donut': ['占比：环形图', '佔比：環形圖', 'shares: donut'],
  'chart.line': ['增长：折线图', '增長：折線圖', 'growth: lines'],
  'chart.summary': ['{l}：条形图', '{l}：條形圖', '{l}: bars'],
  'chart.swap': ['交换横轴与系列', '交換橫軸與系列', 'Swap axis and series'],
  'chart.decal': ['图案填充', '圖案填充', 'Patterns'],
  'chart.decalHint': ['用花纹区分各系列，不只靠颜色', '用花紋區分各系列，不只靠顏色', 'Series told apart by patterns, not by colour alone'],
  'chart.none': ['这个视图没有可画的数值。', '這個檢視沒有可畫的數值。', 'Nothing to draw in this view.'],
  'chart.gap': ['无数值', '無數值', 'no figure'],
  'chart.truncated': ['图中只画出前 {n} 项（按合计排序）', '圖中只畫出前 {n} 項（依合計排序）', 'Only the first {n} items are drawn (by total)'],
  'chart.negativeLeftOut': ['环形图不含负数项', '環形圖不含負數項', 'Negative items are left out of the donut'],
  'chart.desc': ['{k}。{p}', '{k}。{p}', '{k}. {p}'],
  'chart.aria': ['{t}。图表，数据见上方结果表。', '{t}。圖表，資料見上方結果表。', '{t}. Chart; the figures are in the table above.'],

  'progress.reading': ['正在读取文件…', '正在讀取檔案…', 'Reading the file…'],
  'progress.parsing': ['正在解析…', '正在解析…', 'Parsing…'],
  'progress.workbook': ['正在读取工作簿…', '正在讀取活頁簿…', 'Reading the workbook…'],
  'progress.analysing': ['正在计算…', '正在計算…', 'Computing…'],
  'progress.starting': ['正在启动计算引擎…', '正在啟動計算引擎…', 'Starting the engine…'],
  'progress.restarting': ['正在重新启动计算引擎…', '正在重新啟動計算引擎…', 'Restarting the engine…'],
  'progress.cancel': ['取消', '取消', 'Cancel'],
  'progress.cancelled': ['已取消。', '已取消。', 'Cancelled.'],

  'error.title': ['出错了', '出錯了', 'Something went wrong'],
  'error.at': ['（第 {l} 行{c}）', '（第 {l} 列{c}）', ' (line {l}{c})'],
  'error.atCol': ['第 {c} 列', '第 {c} 欄', ', column {c}'],
  'error.engine': ['计算引擎无法启动：{m}', '計算引擎無法啟動：{m}', 'The engine could not start: {m}'],
  'error.engineOld': ['计算引擎无法启动：这个浏览器的内核太旧，本页的安全策略下不能运行 WebAssembly。请换用 Chrome 或 Edge 97 以上的版本（360 等浏览器须用极速模式，内核 97 以上）。（{m}）', '計算引擎無法啟動：這個瀏覽器的核心太舊，本頁的安全策略下不能執行 WebAssembly。請改用 Chrome 或 Edge 97 以上的版本。（{m}）', 'The engine could not start: this browser is too old to run WebAssembly under the page\'s security policy. Please use Chrome or Edge 97 or newer. ({m})'],
  'error.noBuild': ['没有找到计算引擎（target/page/engine.js）：请先运行 scripts/build.sh，或直接打开 dist/aidstat.html。', '沒有找到計算引擎（target/page/engine.js）：請先執行 scripts/build.sh，或直接開啟 dist/aidstat.html。', 'The engine (target/page/engine.js) is missing: run scripts/build.sh first, or open dist/aidstat.html.'],
  'error.crashed': ['计算引擎出错，正在自动重启…', '計算引擎出錯，正在自動重新啟動…', 'The engine failed; restarting it…'],
  'error.recovered': ['计算引擎出错，已自动重启；数据和视图已保留。', '計算引擎出錯，已自動重新啟動；資料和檢視已保留。', 'The engine failed and was restarted automatically; your data and view are kept.'],
  'error.crashMemory': ['文件很大，可能超出了浏览器页面可用的内存（网页中的计算引擎最多使用 4 GB）：请把文件按年度或地区拆成几个文件，或删去不需要的列后再打开。', '檔案很大，可能超出了瀏覽器頁面可用的記憶體（網頁中的計算引擎最多使用 4 GB）：請把檔案按年度或地區拆成幾個檔案，或刪去不需要的欄後再開啟。', 'The file is large and may have needed more memory than a browser tab allows (the engine in a page can use at most 4 GB): split it by year or region, or remove the columns you do not need, and open it again.'],
  'error.recoveredLoad': ['刚才打开的数据没有载入。', '剛才開啟的資料沒有載入。', 'The data just opened was not loaded.'],
  'error.recoveredReload': ['刚才对读取方式的更改没有生效。', '剛才對讀取方式的更改沒有生效。', 'The change to how the file is read did not take effect.'],
  'error.recoveredView': ['刚才选的视图没能计算，已恢复为之前的视图。', '剛才選的檢視沒能計算，已恢復為之前的檢視。', 'The view just chosen could not be computed; the previous view is back.'],
  'error.crashLost': ['计算引擎出错，已自动重启，但没能恢复数据：请重新载入文件。', '計算引擎出錯，已自動重新啟動，但沒能恢復資料：請重新載入檔案。', 'The engine failed and was restarted, but the data could not be restored: please open the file again.'],
  'error.crashDead': ['计算引擎出错，且无法重新启动：请刷新页面，再重新载入文件。', '計算引擎出錯，且無法重新啟動：請重新整理頁面，再重新載入檔案。', 'The engine failed and could not be restarted: reload the page and open the file again.'],
  'error.dismiss': ['关闭提示', '關閉提示', 'Dismiss'],
  'view.changed.intro': ['视图已按新数据调整：', '檢視已按新資料調整：', 'The view was adjusted to the new data: '],
  'view.changed.row': ['行“{c}”在这份数据中没有或不能分组，已去掉', '列「{c}」在這份資料中沒有或不能分組，已去掉', 'row “{c}” is not in this data or cannot group, so it was removed'],
  'view.changed.column': ['列“{c}”在这份数据中没有或不能分组，已去掉', '欄「{c}」在這份資料中沒有或不能分組，已去掉', 'column “{c}” is not in this data or cannot group, so it was removed'],
  'view.changed.columnTo': ['列“{c}”在这份数据中没有，改用“{to}”', '欄「{c}」在這份資料中沒有，改用「{to}」', 'column “{c}” is not in this data; “{to}” is used'],
  'view.changed.measure': ['数值列“{c}”在这份数据中没有，改用“{to}”', '數值欄「{c}」在這份資料中沒有，改用「{to}」', 'measure “{c}” is not in this data; “{to}” is used'],
  'view.changed.noMeasure': ['数值列“{c}”在这份数据中没有，改为计数', '數值欄「{c}」在這份資料中沒有，改為計數', 'measure “{c}” is not in this data; records are counted'],
  'view.changed.aggregate': ['这份数据没有数值列，改为计数', '這份資料沒有數值欄，改為計數', 'this data has no measure, so records are counted'],
  'view.changed.filter': ['筛选“{c}”在这份数据中没有，已去掉', '篩選「{c}」在這份資料中沒有，已去掉', 'filter on “{c}” is not in this data, so it was removed'],
  'view.changed.filterValues': ['筛选“{c}”中这份数据没有的值已去掉', '篩選「{c}」中這份資料沒有的值已去掉', 'values this data lacks were removed from the filter on “{c}”'],
  'view.changed.base': ['基期“{p}”在这份数据中没有，改用第一个时期', '基期「{p}」在這份資料中沒有，改用第一個時期', 'base period “{p}” is not in this data; the first period is used'],
  'view.changed.unit': ['单位“{u}”不适用于这份数据的数值列，改用该列的单位', '單位「{u}」不適用於這份資料的數值欄，改用該欄的單位', 'unit “{u}” does not apply to this measure; its own unit is used'],
  'view.changed.default': ['原视图不适用于这份数据，已改用默认视图', '原檢視不適用於這份資料，已改用預設檢視', 'the previous view does not fit this data, so the default view is shown'],
  'view.changed.readOptions': ['上次的读取设置不适用于这个文件，已按默认方式读取', '上次的讀取設定不適用於這個檔案，已按預設方式讀取', 'the saved reading settings do not fit this file, so it was read with the defaults'],
  'error.keptPrevious': ['仍显示之前的数据。', '仍顯示之前的資料。', 'The previous data is still shown.'],
  'status.ready': ['已完成', '已完成', 'Done'],
  'status.mainThread': ['（计算在页面主线程进行）', '（計算在頁面主執行緒進行）', '(computing on the page’s main thread)'],

  'footer.offline': ['离线可用：本页不联网，不上传任何数据。', '離線可用：本頁不連網，不上傳任何資料。', 'Works offline: this page makes no network request and uploads nothing.'],
  'footer.version': ['计算引擎 {v}', '計算引擎 {v}', 'engine {v}'],
  'footer.rounding': ['计算精确到分毫，显示时四舍五入。', '計算精確到分毫，顯示時四捨五入。', 'Exact decimal arithmetic; rounding only for display.'],

  // reasons of empty figures (shown on hover): the engine's texts, added by addReasons() at start
  'reason.unknown': ['无法计算', '無法計算', 'No figure'],

  // reasons a row was set aside
  'aside.total_row': ['文件自带的合计行，不重复相加', '檔案自帶的合計列，不重複相加', 'The file’s own total row, not summed again'],
  'aside.bad_cell': ['数值无法读取', '數值無法讀取', 'Unreadable value'],
  'aside.bad_period': ['时期无法识别', '時期無法識別', 'Unreadable period'],
  'aside.too_many_cells': ['单元格比表头多', '儲存格比表頭多', 'More cells than the header'],
  'aside.unit_mismatch': ['单位与列不符', '單位與欄不符', 'Unit does not fit the column'],
  'aside.out_of_range': ['数值超出范围', '數值超出範圍', 'Value out of range'],
};

const INDEX = { 'zh-CN': 0, 'zh-TW': 1, en: 2 };
let current = 'zh-CN';

/** Sets the interface language ("zh-CN", "zh-TW" or "en"); unknown → zh-CN. */
export function setLang(lang) {
  current = Object.prototype.hasOwnProperty.call(INDEX, lang) ? lang : 'zh-CN';
  return current;
}

export function getLang() {
  return current;
}

/**
 * Looks up a string and fills `{name}` placeholders.
 * @example t('source.header', { n: 3 }) // "第 3 行为表头"
 */
export function t(key, vars, lang = current) {
  const entry = S[key];
  let text = entry ? entry[INDEX[lang] ?? 0] : key;
  if (vars) text = text.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
  return text;
}

/** True when the key exists (for reason codes the engine may add later). */
export function has(key) {
  return Object.prototype.hasOwnProperty.call(S, key);
}

/** The engine's message in the current language. */
export function engineMessage(obj, lang = current) {
  if (!obj) return '';
  if (lang === 'en') return obj.messageEn || obj.message || obj.messageZh || '';
  if (lang === 'zh-TW' && obj.messageZhTw) return obj.messageZhTw;
  return obj.messageZh || obj.messageEn || obj.message || '';
}

/**
 * The engine's texts of the reasons of empty or flagged figures
 * (specVocabulary().reasons: {code: {'zh-CN', 'zh-TW', en}}), added once the engine has started.
 */
export function addReasons(reasons) {
  for (const [code, texts] of Object.entries(reasons || {})) {
    S[`reason.${code}`] = [texts['zh-CN'], texts['zh-TW'], texts.en];
  }
}

/** Human explanation of a reason code, or a generic one. */
export function reasonText(code, lang = current) {
  if (!code) return '';
  return has(`reason.${code}`) ? t(`reason.${code}`, null, lang) : t('reason.unknown', null, lang);
}
