"""Reason codes of the readers (extract/): text, PDFs, workbooks, scans, files that cannot be read."""

from __future__ import annotations

# code → {language: template}; templates use str.format with the reason's parameters
READING: dict[str, dict[str, str]] = {
    # ---- generic
    "unknown": {"zh": "{text}", "en": "{text}"},
    # ---- readers (extract/)
    # space-aligned text (extract/aligned)
    "columns.spacing_doubt": {
        "zh": "金额{a}与{b}相隔{seen}个字符，而它们所在的两列相隔{expected}个字符：本行各数所属的列不确定",
        "en": "amounts {a} and {b} are {seen} characters apart, their columns {expected}: the row's columns are uncertain",
    },
    "aligned.position_only": {
        "zh": "表体只填了表头{columns}列中的{filled}列，仅按位置对应到列",
        "en": "the body fills {filled} of {columns} header columns; matched by position only",
    },
    "aligned.uncertain_header": {
        "zh": "多行表头取自按空格对齐的文本，各列名称不确定",
        "en": "multi-row header read from space-aligned text; column names are uncertain",
    },
    "aligned.split_guess": {
        "zh": "多行表头取自按空格对齐的文本，各分组标题（如收入、支出）下辖哪些列是推测的",
        "en": "multi-row header read from space-aligned text; which columns each group label covers is a guess",
    },
    "aligned.wrapped_decimals": {
        "zh": "窄单元格中金额的小数部分换行打印，{fragment}归属哪一金额不确定",
        "en": "an amount's decimals wrapped onto the next line in a narrow cell; which amount {fragment} belongs to is uncertain",
    },
    "aligned.page_mismatch": {
        "zh": "本页表头与该表首页表头读法不同，本页各列不确定",
        "en": "the header on this page reads differently from the table's first page; its columns are uncertain",
    },
    # text whose columns collapsed into runs of tokens (extract/collapsed)
    "collapsed.above_header": {
        "zh": "表头上方的文字未能识别：{text}",
        "en": "lines above the header not understood: {text}",
    },
    "collapsed.column_numbers_income": {
        "zh": "栏次行给出收入{numbered}栏，表头印了{printed}栏",
        "en": "栏次 line gives {numbered} income columns; the header prints {printed}",
    },
    "collapsed.column_numbers_expense": {
        "zh": "表头列出支出{named}栏，栏次行为{numbered}栏；各栏名称是推测的",
        "en": "header names {named} expense columns, the 栏次 line {numbered}; names are a guess",
    },
    "collapsed.extra_items": {
        "zh": "本行有{items}项，而表只有{groups}组栏目；多出的项并入最后一组",
        "en": "{items} items for {groups} column groups; the extra ones joined into the last",
    },
    "collapsed.groups_by_enumerator": {
        "zh": "本行有{items}项，表有{groups}组栏目；按序号归入第{placed}组，不确定",
        "en": "{items} items for {groups} column groups; placed in groups {placed} by enumerator order, not certain",
    },
    "collapsed.extra_sides": {
        "zh": "本行有{items}项，而表只有{sides}侧；多出的项并入最后一侧",
        "en": "{items} items for {sides} sides; the extra ones joined into the last",
    },
    "collapsed.side_guess": {
        "zh": "本行只印了一项，它属于收入还是支出是推测的",
        "en": "one item printed; its side (收入 or 支出) is a guess",
    },
    "collapsed.no_row_number": {
        "zh": "未印行次，各数按印刷顺序保留",
        "en": "no 行次 printed; the numbers are kept in printed order",
    },
    "collapsed.too_many_numbers": {
        "zh": "本行有{numbers}个数，而{side}只有{columns}个金额栏",
        "en": "{numbers} numbers for {columns} {side} amount columns",
    },
    "collapsed.few_numbers_left": {
        "zh": "本行有{numbers}个数，{side}有{columns}个金额栏；从左起依次放入",
        "en": "{numbers} numbers for {columns} {side} amount columns; placed from the left",
    },
    "collapsed.group_guess": {
        "zh": "本行只印了一项，它属于哪一组栏目是推测的",
        "en": "one item printed; its column group is a guess",
    },
    "collapsed.numbers_printed_order": {
        "zh": "本行有{numbers}个数，而只有{columns}个金额栏；各数按印刷顺序保留",
        "en": "{numbers} numbers for {columns} amount columns; kept in printed order",
    },
    "collapsed.footnote": {"zh": "表注：{text}", "en": "footnote: {text}"},
    "collapsed.header_rebuilt": {
        "zh": "表头由{fragments}个片段重建为{columns}列",
        "en": "header rebuilt from {fragments} fragments for {columns} columns",
    },
    "collapsed.header_rebuilt_ties": {
        "zh": "表头由{fragments}个片段重建为{columns}列；另有{ties}种读法同样吻合",
        "en": "header rebuilt from {fragments} fragments for {columns} columns; {ties} other readings fit as well",
    },
    "collapsed.header_banner_ties": {
        "zh": "表头行上方印有列组标题，由{fragments}个片段重建为{columns}列；另有{ties}种分组同样吻合，各列所属分组未定",
        "en": "column-group headings printed above the header line; rebuilt from {fragments} fragments for {columns} columns; {ties} other groupings fit as well, so each column's group is unsure",
    },
    "collapsed.header_banner_tied_column": {
        "zh": "“{column}”列所属的列组未定：表头上方的列组标题另有{ties}种分组同样吻合，各读法在此列不一致",
        "en": "column {column}: its column group is unsure; {ties} other groupings of the headings above the header line fit as well and place it differently",
    },
    "collapsed.header_not_rebuilt": {
        "zh": "表头无法重建：{fragments}个片段（{names}）对应{columns}列；各列名称是推测的",
        "en": "header could not be rebuilt: {fragments} fragments ({names}) for {columns} columns; column names are a guess",
    },
    "collapsed.no_header": {
        "zh": "未找到表头；名称列由各行内容推断",
        "en": "no header found; label columns inferred from the rows",
    },
    "collapsed.parser_failed": {
        "zh": "无法解析该表（{error}）；各行按原文保留",
        "en": "collapsed parser failed ({error}); lines kept as text",
    },
    "collapsed.block_label": {
        "zh": "分块标题“{label}”（第{first}—{last}行）",
        "en": "block label {label} (lines {first}-{last})",
    },
    # tables running over pages (extract/continued.py)
    "continued.rows": {
        "zh": "续表在第{page}页：第{first}—{last}行",
        "en": "continued on page {page}: rows {first}-{last}",
    },
    # files that cannot be read (extract.model.ReadError): recorded against the file, named in ``file``
    "read.failed": {"zh": "无法读取文件“{file}”：{problem}", "en": "{file}: {problem}"},
    "read.internal_error": {
        "zh": "读取文件“{file}”时发生内部错误：{error}（位于{at}）",
        "en": "{file}: internal error {error} (at {at})",
    },
    "read.never_finished": {
        "zh": "文件“{file}”已开始处理{attempts}次，每次都未完成（读取时服务停止），不再重试；"
        "文件过大时可拆分后上传，或在内存更大的机器上用 digitize ingest 处理",
        "en": "{file}: processing was begun {attempts} times and never finished (the service stopped while "
        "reading it, each time); not retried again. A file this heavy may need splitting, or `digitize ingest` "
        "on a machine with more memory.",
    },
    "read.missing": {"zh": "文件或文件夹不存在", "en": "no such file or folder"},
    "read.archive": {
        "zh": "不读取压缩包；请解压后导入其中的文件",
        "en": "archives are not read; unpack the archive and ingest its files",
    },
    "read.folder_mixed": {
        "zh": "只有全部是页面图像的文件夹才作为一个文件读取",
        "en": "a folder is read as one document only when it holds page images alone",
    },
    "read.unsupported": {"zh": "不支持此类文件（{kind}）", "en": "{kind} input is not supported"},
    "read.cannot_read": {"zh": "无法打开文件（{error}）", "en": "cannot read file: {error}"},
    "read.not_text": {"zh": "不是可识别的文本文件（{error}）", "en": "not a text file: {error}"},
    "text.empty": {"zh": "空文件", "en": "empty file"},
    "text.undecodable_bom": {
        "zh": "无法按{encoding}解码（{error}）",
        "en": "undecodable {encoding} text: {error}",
    },
    "text.binary_control": {"zh": "二进制内容（含控制字符）", "en": "binary content (control characters)"},
    "text.binary_nul": {"zh": "二进制内容（含空字节）", "en": "binary content (NUL bytes)"},
    "text.undecodable": {
        "zh": "无法解码的文本（不是 UTF-8、GB18030 或其他可识别的编码）",
        "en": "undecodable text (not UTF-8, GB18030 or another detectable encoding)",
    },
    "read.blank": {"zh": "文件中没有文字（只有空白）", "en": "no text (only whitespace)"},
    "text.glyph_lines": {
        "zh": "文本中的数字每个字符后都断行，已按数字的形式重新接上{joined}处断行",
        "en": "the text breaks a line after every glyph of its figures; {joined} line breaks were joined back by the figures' shape",
    },
    "text.amounts_in_text": {
        "zh": "表中{cells}个文字单元格里印有金额，未能拆分为记录，整表需复核",
        "en": "{cells} text cells of the table print amounts that could not be split into records; the whole table needs review",
    },
    "read.bad_docx": {
        "zh": "不是可读取的 .docx 文档（{error}）",
        "en": "not a readable .docx document ({error})",
    },
    "read.bad_xlsx": {"zh": "不是可读取的工作簿（{error}）", "en": "not a readable workbook ({error})"},
    "read.xlsx_uncached": {
        "zh": "工作簿的{total}个公式单元格都没有缓存值（保存它的程序不计算公式）；请用 Excel 或 LibreOffice 打开后重新保存",
        "en": "the workbook's {total} formula cells hold no cached values (it was saved by a program that does "
        "not calculate formulas); open it in Excel or LibreOffice and save it again",
    },
    "read.xlsx_no_sheets": {"zh": "工作簿中没有工作表", "en": "the workbook has no sheets"},
    "read.too_many_pages": {"zh": "页数超过上限{limit}页", "en": "more than {limit} pages"},
    "read.page_too_big": {
        "zh": "第{page}页为{width}×{height}像素，超过{limit}像素的上限",
        "en": "page {page} is {width}×{height} pixels, above the {limit} limit",
    },
    "read.page_too_small": {
        "zh": "第{page}页只有{width}×{height}像素",
        "en": "page {page} is only {width}×{height} pixels",
    },
    "read.decompression_bomb": {
        "zh": "图像疑为解压炸弹，已拒绝（{error}）",
        "en": "image refused as a decompression bomb ({error})",
    },
    "read.bad_image": {
        "zh": "不是可读取的图像（未知或已损坏的图像数据）",
        "en": "not a readable image (unknown or damaged image data)",
    },
    "read.damaged_image": {
        "zh": "图像已损坏或格式不受支持（{error}）",
        "en": "damaged or unsupported image: {error}",
    },
    "read.image_empty": {"zh": "图像中没有页面", "en": "the image holds no pages"},
    "read.folder_empty": {"zh": "文件夹中没有页面图像", "en": "the folder holds no page images"},
    "read.pdf_encrypted": {
        "zh": "PDF 已加密（有密码保护），请先解密",
        "en": "the PDF is encrypted (password protected); decrypt it first",
    },
    "read.pdf_damaged": {
        "zh": "PDF 已损坏或格式不受支持（{error}）",
        "en": "damaged or unsupported PDF ({error})",
    },
    "read.pdf_empty": {"zh": "PDF 没有任何页面", "en": "the PDF has no pages"},
    "read.page_failed": {"zh": "第{page}页无法读取（{error}）", "en": "page {page}: {error}"},
    # PDFs, scans and workbooks
    "pdf.mixed": {
        "zh": "混合PDF：{pages}页中有{scanned}页没有文字层，已用OCR识别",
        "en": "mixed PDF: {scanned} of {pages} pages had no text layer and were read by OCR",
    },
    "scan.page_turned": {
        "zh": "第{page}页顺时针旋转{degrees}°后识别；其坐标以转正后的页面为准",
        "en": "page {page} was turned {degrees}° clockwise to read it upright; its boxes are on the upright page",
    },
    "xlsx.hidden_sheet": {
        "zh": "工作表“{sheet}”为隐藏状态，未读取",
        "en": "sheet '{sheet}' is hidden and was not read",
    },
    "xlsx.formulas_uncached": {
        "zh": "{total}个公式单元格中有{missing}个没有缓存值，按空白读取：{cells}",
        "en": "{missing} of {total} formula cells hold no cached value and read as empty: {cells}",
    },
    # ---- scans (issue 17)
    "scan_header_repaired": {
        "zh": "表头第{row}行第{col}列识别为「{raw}」，与词表的「{label}」相差{distance}字，按「{label}」读",
        "en": "header cell (row {row}, column {col}) read as '{raw}', {distance} edit(s) from the label "
        "'{label}': read as '{label}'",
    },
    "scan_header_repaired_doubted": {
        "zh": "表头第{row}行第{col}列识别为「{raw}」（置信度{confidence}），与词表的「{label}」相差{distance}字，"
        "按「{label}」读，其下各项需复核",
        "en": "header cell (row {row}, column {col}) read as '{raw}' (confidence {confidence}), {distance} "
        "edit(s) from the label '{label}': read as '{label}', the items under it go to review",
    },
    "scan_header_total_stroke": {
        "zh": "表头第{row}行第{col}列识别为「{raw}」，合计字样后的一笔是表线，按「{label}」读",
        "en": "header cell (row {row}, column {col}) read as '{raw}': the mark after its total word is a "
        "rule's stroke, read as '{label}'",
    },
    "scan_header_near_doubted": {
        "zh": "表头第{row}行第{col}列识别为「{raw}」，与词表的「{label}」相差{distance}字而未修正，其下各项需复核",
        "en": "header cell (row {row}, column {col}) read as '{raw}', {distance} edit(s) from the label "
        "'{label}' and not repaired: the items under it go to review",
    },
    "scan_header_speck_doubted": {
        "zh": "表头第{row}行第{col}列识别为「{raw}」，字间的「{mark}」不是印刷的字（斑点），其下各项需复核",
        "en": "header cell (row {row}, column {col}) read as '{raw}': the '{mark}' between its characters is "
        "no printed character (a speck): the items under it go to review",
    },
    "scan_amount_split": {
        "zh": "第{row}行第{col}列金额识别为「{text}」，数字间有空隔，与本列金额的{decimals}位小数不符（小数点可能褪色），需复核",
        "en": "amount '{text}' (row {row}, column {col}) read with a gap between its digits, unlike its "
        "column's {decimals} decimals (a faded decimal point?): to be checked",
    },
    "scan_code_unread": {
        "zh": "第{row}行第{col}列的科目编码识别为「{raw}」，不是编码，该行各项需复核",
        "en": "the code cell (row {row}, column {col}) read as '{raw}' is no code: the row's items go to review",
    },
    "scan_code_reread": {
        "zh": "第{row}行第{col}列的科目编码识别为「{raw}」，重新识别为「{text}」（{variants}种读法中{votes}种一致），"
        "该行各项待与科目名称核对",
        "en": "the code cell (row {row}, column {col}) read as '{raw}' was read again as '{text}' ({votes} of "
        "{variants} readings): the row's items wait for its name to confirm it",
    },
    "scan_code_confirmed": {
        "zh": "{table}：第{row}行的科目编码「{code}」由重新识别得出，与科目名称「{name}」相符，按此读",
        "en": "{table}: the code '{code}' of row {row}, read again, is the code of its name '{name}': read so",
    },
    "scan_code_from_name": {
        "zh": "{table}：第{row}行的科目编码未能识别，按上级编码与科目名称「{name}」取「{code}」，需复核",
        "en": "{table}: the code of row {row} could not be read; its parent's code and its name '{name}' give "
        "'{code}': to be checked",
    },
    "scan_print_unread": {
        "zh": "第{row}行第{col}列有印刷字迹而未能识别，该行各项需复核",
        "en": "cell (row {row}, column {col}) prints something the recogniser could not read: the row's "
        "items go to review",
    },
    "scan_cell_lines_uncut": {
        "zh": "第{row}行第{col}列识别为「{raw}」，其一行文字高{height}像素，约为两行而未能分行，需复核",
        "en": "cell (row {row}, column {col}) read as '{raw}': a line of it {height} pixels high, about two "
        "lines that could not be cut apart; to be checked",
    },
    "scan_header_reread": {
        "zh": "表头第{row}行第{col}列识别为「{raw}」（置信度{confidence}），从页面重新识别，{variants}种处理中{votes}种读作「{label}」，按「{label}」读",
        "en": "header cell (row {row}, column {col}) read as '{raw}' (confidence {confidence}) was read again "
        "from the page: {votes} of {variants} preparations read '{label}', the label it is read as",
    },
    "scan_header_doubted": {
        "zh": "表头第{row}行第{col}列识别为「{raw}」（置信度{confidence}），不是已知的表头，其下各项需复核",
        "en": "header cell (row {row}, column {col}) read as '{raw}' (confidence {confidence}) is no known "
        "label: the items under it go to review",
    },
    "scan_header_short_repaired": {
        "zh": "表头第{row}行第{col}列识别为「{raw}」，与「{label}」仅差一字，该列逐行等于其分项之和，按「{label}」读，其下各项需复核",
        "en": "header cell (row {row}, column {col}) read as '{raw}', one character from '{label}', and its "
        "column adds up as that total row by row: read as '{label}', the items under it go to review",
    },
    "scan_header_short_named": {
        "zh": "表头第{row}行第{col}列识别为「{raw}」，与「{label}」仅差一字，该列各行都是项目名称，按「{label}」读",
        "en": "header cell (row {row}, column {col}) read as '{raw}', one character from '{label}', over a "
        "column of item names only: read as '{label}'",
    },
    "scan_header_short_doubted": {
        "zh": "表头第{row}行第{col}列识别为「{raw}」，与「{label}」仅差一字且不是已知表头，其下各项需复核",
        "en": "header cell (row {row}, column {col}) read as '{raw}', one character from the label '{label}' "
        "and no label itself: the items under it go to review",
    },
    "scan_header_truncated_repaired": {
        "zh": "表头第{row}行第{col}列识别为「{raw}」，是「{label}」缺了一字，该列逐行等于其分项之和，按「{label}」读",
        "en": "header cell (row {row}, column {col}) read as '{raw}', '{label}' with a character lost, and "
        "its column adds up as that total row by row: read as '{label}'",
    },
    "scan_header_truncated_doubted": {
        "zh": "表头第{row}行第{col}列识别为「{raw}」，似为「{label}」缺了一字而无佐证，其下各项需复核",
        "en": "header cell (row {row}, column {col}) read as '{raw}', perhaps '{label}' with a character "
        "lost, with no evidence of it: the items under it go to review",
    },
    "scan_enumerator_numeral": {
        "zh": "第{row}行第{col}列识别为「{raw}」，序号缺失，按本列序号补为「{numeral}、」",
        "en": "cell (row {row}, column {col}) read as '{raw}', its numeral lost: '{numeral}、' from its "
        "column's sequence",
    },
    "scan_amount_restricted": {
        "zh": "第{row}行第{col}列识别为「{raw}」，按金额字符重读为「{text}」",
        "en": "cell (row {row}, column {col}) read as '{raw}', read again as an amount: '{text}'",
    },
    "scan_amount_reread": {
        "zh": "第{row}行第{col}列金额识别为「{raw}」，小数位与本列不符，从原图重读{variants}次，{votes}次为「{text}」，按「{text}」读，需复核",
        "en": "amount cell (row {row}, column {col}) read as '{raw}', its decimals not its column's: read "
        "again from its ink {variants} ways, {votes} gave '{text}', taken, still to review",
    },
    "scan_amount_decimals": {
        "zh": "第{row}行第{col}列识别为「{raw}」，读作金额「{text}」，与本列金额的{decimals}位小数不符（小数点可能褪色或误读），需复核",
        "en": "cell (row {row}, column {col}) read as '{raw}', an amount '{text}' unlike its column's "
        "{decimals} decimals (a faded or misread point?): to be checked",
    },
    "scan_amount_doubted": {
        "zh": "第{row}行第{col}列金额「{text}」中的「{char}」识别置信度仅{confidence}，需复核",
        "en": "amount '{text}' (row {row}, column {col}): its character '{char}' was read with "
        "confidence {confidence}; to be checked",
    },
    "scan_indicator_char_doubted": {
        "zh": "第{row}行第{col}列指标文字「{text}」中的「{char}」识别置信度仅{confidence}，需复核",
        "en": "indicator cell '{text}' (row {row}, column {col}): its character '{char}' was read with "
        "confidence {confidence}; to be checked",
    },
    "scan_indicator_level_repaired": {
        "zh": "第{row}行第{col}列指标级别识别为「{raw}」，与「{text}」相差{distance}字，按「{text}」读，需复核",
        "en": "indicator level (row {row}, column {col}) read as '{raw}', {distance} edit(s) from the "
        "level '{text}': read as '{text}', to be checked",
    },
    "scan_indicator_reread": {
        "zh": "第{row}行第{col}列指标值识别为「{raw}」，留白重读为「{text}」，需复核",
        "en": "indicator value (row {row}, column {col}) read as '{raw}', read again with a margin as '{text}'; "
        "to be checked",
    },
    "scan_operator_reread": {
        "zh": "第{row}行第{col}列指标方向单独识别为「{raw}」，与其指标值合读为「{text}」",
        "en": "operator cell (row {row}, column {col}) read alone as '{raw}', read with its figure as '{text}'",
    },
    "scan_operator_ink": {
        "zh": "第{row}行第{col}列指标方向识别为「{raw}」，其字形（有无下方横线）为「{text}」，按「{text}」读，需复核",
        "en": "operator cell (row {row}, column {col}) read as '{raw}', but its glyph's ink (a bar under "
        "the chevron or none) is '{text}': read as '{text}', to be checked",
    },
    "scan_project_char_doubted": {
        "zh": "第{row}行第{col}列项目名称「{text}」中的「{char}」识别置信度仅{confidence}，需复核",
        "en": "project name '{text}' (row {row}, column {col}): its character '{char}' was read with "
        "confidence {confidence}; to be checked",
    },
    "scan_operator_doubted": {
        "zh": "第{row}行第{col}列指标方向「{raw}」无法确认（与指标值合读为「{reading}」），需复核",
        "en": "operator cell (row {row}, column {col}) read as '{raw}' is not confirmed (read with its "
        "figure: '{reading}'); to be checked",
    },
    "scan_name_unit_kind": {
        "zh": "第{row}行第{col}列单位名称识别为「{raw}」，与单位类别「{label}」相差一字，按「{text}」读，需复核",
        "en": "name cell (row {row}, column {col}) read as '{raw}', one character from the kind of body "
        "'{label}': read as '{text}', to be checked",
    },
    "scan_name_repaired": {
        "zh": "第{row}行第{col}列名称识别为「{raw}」，与「{label}」相差{distance}字，按「{text}」读，需复核",
        "en": "name cell (row {row}, column {col}) read as '{raw}', {distance} edit(s) from the item name "
        "'{label}': read as '{text}', to be checked",
    },
    "scan_name_total_stroke": {
        "zh": "第{row}行第{col}列名称识别为「{raw}」，合计字样后的一笔是表线，按「{text}」读，需复核",
        "en": "name cell (row {row}, column {col}) read as '{raw}': the mark after its total word is a "
        "rule's stroke, read as '{text}', to be checked",
    },
    "scan_name_near_doubted": {
        "zh": "第{row}行第{col}列名称识别为「{raw}」，与「{label}」相差{distance}字，不能按识别结果采信，需复核",
        "en": "name cell (row {row}, column {col}) read as '{raw}', {distance} edit(s) from the item name "
        "'{label}': not trusted as read, to be checked",
    },
    "scan_name_bracket_closed": {
        "zh": "第{row}行第{col}列名称识别为「{raw}」，括号未闭合，按「{text}」读，需复核",
        "en": "name cell (row {row}, column {col}) read as '{raw}': a bracket opened and not closed, read as "
        "'{text}', to be checked",
    },
    "scan_name_enumerator": {
        "zh": "第{row}行第{col}列名称识别为「{raw}」，序号按本表读为「{text}」，需复核",
        "en": "name cell (row {row}, column {col}) read as '{raw}': its enumerator read from the table as "
        "'{text}', to be checked",
    },
    "scan_print_unsure": {
        "zh": "表格字迹处于识别极限（约{height_pt}磅，扫描件上{height_px}像素高），{share}的文字识别置信度低于{confidence}，无法可靠识别：整表需复核",
        "en": "the table's print is at the limit of recognition (about {height_pt} pt, {height_px} px high on "
        "the scan) and {share} of its words were read below confidence {confidence}: the whole table goes "
        "to review",
    },
    "scan_print_too_small": {
        "zh": "表格字迹过小（约{height_pt}磅，扫描件上{height_px}像素高，识别至少需{needed_px}像素），无法可靠识别：整表需复核",
        "en": "the table's print is too small to read (about {height_pt} pt, {height_px} px high on the scan; "
        "recognition needs {needed_px} px): the whole table goes to review",
    },
    "scan_small_print_reread": {
        "zh": "表格字迹很小（约{height_pt}磅），已按原图分辨率识别；不在词表中的表头其下各项需复核",
        "en": "the table's print is small (about {height_pt} pt): read at the file's own resolution; the items "
        "under any header that is no known label go to review",
    },
    "scan_small_print_settled": {
        "zh": "表格字迹处于识别极限（约{height_pt}磅）：{cells}个金额中{confirmed}个经本表合计关系核实，{derived}个按合计关系推出；未经核实的金额及不在词表中的表头其下各项需复核",
        "en": "the table's print is at the limit of recognition (about {height_pt} pt): {confirmed} of its {cells} "
        "amounts are confirmed by the table's sums, {derived} found from them; amounts not confirmed, and "
        "the items under any header that is no known label, go to review",
    },
    "scan_amount_chosen_by_sums": {
        "zh": "第{row}行第{col}列金额识别为「{raw}」，放大重读为「{text}」，按本表合计关系取后者",
        "en": "amount (row {row}, column {col}) read as '{raw}' and, enlarged, as '{text}': the table's sums "
        "take '{text}'",
    },
    "scan_amount_by_sums": {
        "zh": "第{row}行第{col}列金额识别为「{raw}」，与本表合计关系不符；按行列合计应为「{text}」，需复核",
        "en": "amount (row {row}, column {col}) read as '{raw}' fits none of the table's sums; its row's and "
        "column's sums give '{text}': to be checked",
    },
    "scan_amount_unconfirmed": {
        "zh": "第{row}行第{col}列金额「{text}」字迹处于识别极限，未经本表合计关系核实，需复核",
        "en": "amount '{text}' (row {row}, column {col}) is printed at the limit of recognition and no sum of "
        "the table confirms it: to be checked",
    },
    "scan_header_sibling_named": {
        "zh": "第{row}行第{col}列表头识别为「{raw}」，无法按识别结果修复；其下各栏与第{sibling}列起的同组表头相同，按其命名为「{label}」，其下各项需复核",
        "en": "header cell (row {row}, column {col}) read as '{raw}', beyond repair as read; the columns under it "
        "are those of the same group from column {sibling}: named '{label}' after it, its items to be checked",
    },
    "scan_header_change_named": {
        "zh": "第{row}行第{col}列表头识别为「{raw}」，无法按识别结果修复；其下各栏逐行等于「{second}」减「{first}」，按词表命名为「{label}」，其下各项需复核",
        "en": "header cell (row {row}, column {col}) read as '{raw}', beyond repair as read; the columns under it "
        "are '{second}' less '{first}' row by row: named '{label}' from the vocabulary, its items to be checked",
    },
    "scan_name_dictionary": {
        "zh": "{table}：编码{code}的名称识别为「{name}」，与编码表的「{expected}」相近而不同，需复核",
        "en": "{table}: the name of code {code} read as '{name}', near but not equal to the dictionary's "
        "'{expected}': to be checked",
    },
    "scan_name_speck_doubted": {
        "zh": "第{row}行第{col}列：名称识别为「{raw}」，其中的「{mark}」不是印刷的字（斑点），按「{text}」读，需复核",
        "en": "row {row} col {col}: name read as '{raw}': the '{mark}' is no printed character (a speck), "
        "read as '{text}': to be checked",
    },
    "scan_name_lead_doubted": {
        "zh": "第{row}行第{col}列：名称识别为「{raw}」，「{label}」之前的「{lead}」不是序号，需复核",
        "en": "row {row} col {col}: name read as '{raw}', the '{lead}' before '{label}' is no enumerator: "
        "to be checked",
    },
    "scan_name_cells_merged": {
        "zh": "{table}第{row}行：该列单元格为空，其内容识别时并入了第{merged}行的「{text}」，需复核",
        "en": "{table} row {row}: its cell of the column is blank, its text read into row {merged}'s "
        "'{text}': to be checked",
    },
    "scan_name_not_code": {
        "zh": "{table}：编码{code}的名称识别为「{name}」，不是编码表中该编码的「{expected}」，需复核",
        "en": "{table}: the name of code {code} read as '{name}', not the dictionary's '{expected}' for it: "
        "to be checked",
    },
}
