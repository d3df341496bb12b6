"""The page layout's tolerances, named in one place (as pdfplumber's ``TableSettings``).

Lengths are written in PDF points (``*_pt``: × ``scale``, the page's pixels per point) or in
character heights (``*_ch``: × the body text's character height on the page), so they hold at
any resolution; ``*_px`` are floors in pixels, ``*_ratio`` plain fractions. Every layout function
takes a ``settings`` parameter whose default is ``TABLE_SETTINGS``; the instance is frozen.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TableSettings:
    # ---- binarizing and deskewing (extract.ink)
    rendered_threshold: int = 200  # grey level below which a pixel of a rendered PDF page is ink
    denoise_min_scale: float = 2.5  # px/pt from which a scan is median-filtered before thresholding
    threshold_block_pt: float = 12.0  # adaptive threshold's window (made odd)
    threshold_block_min_px: int = 15  # the window's floor
    threshold_offset: int = 12  # grey levels below the window's mean that count as ink
    deskew_limit: float = 5.0  # largest skew looked for, degrees either way
    deskew_work_px: float = 900.0  # the page's longer side when scoring skew angles
    deskew_steps: tuple[float, ...] = (0.5, 0.1, 0.02)  # degrees: the coarse scan, then each refinement
    deskew_refine_span: int = 5  # a refinement tries this many steps either side of the best angle
    deskew_min_angle: float = 0.05  # degrees: a smaller skew is left unrotated
    char_min_pt: float = 3.0  # ink components shorter than this are no characters
    char_min_px: int = 3  # … nor shorter than this
    char_max_pt: float = 30.0  # ink components taller or wider than this are no characters
    char_min_components: int = 5  # fewer character components than this: the default height
    char_percentile: float = 75.0  # the character height read from the components' heights
    char_default_pt: float = 9.0  # the character height when the page shows too little text
    # ---- text-line boxes by XY-cut (extract.ink.text_boxes)
    column_gap_ch: float = 0.9  # a blank run at least this wide splits a band into pieces
    column_gap_min_px: int = 2  # … and at least this many pixels
    short_band_ch: float = 2.0  # a band shorter than this is one text line …
    short_band_gap_ratio: float = 0.9  # … split only at gaps this fraction of its height
    stroke_ch: float = 0.45  # bands and pieces thinner than this are strokes (二, 三), joined on
    speck_ch: float = 0.35  # pieces smaller than this both ways are specks
    stroke_overlap_ratio: float = 0.5  # a stroke joins a piece covering this much of the narrower width
    stroke_gap_ch: float = 0.6  # … and no farther above or below it
    # ---- ruling lines and ruled grids (extract.ruling)
    h_rule_pt: float = 22.0  # shortest horizontal rule the opening keeps
    h_rule_min_px: int = 10  # … in pixels at least
    v_rule_pt: float = 11.0  # shortest vertical rule the opening keeps
    v_rule_min_px: int = 8  # … in pixels at least
    rule_join_pt: float = 0.8  # rules' thickness grown by this (3× along them) to close breaks
    rule_ridge_pt: float = 3.0  # scans: a line thinner than this across …
    rule_ridge_levels: int = 48  # … and this many grey levels darker than the paper beside it is ink
    rule_fill_levels: int = 16  # … a rule continued along its line on a fill: this many darker beside it
    fill_levels: int = 5  # scans: a background this many levels darker than the paper is a fill …
    fill_max_levels: int = 60  # … and no darker than this (a dark band, a photograph is no fill)
    rule_flank_ratio: float = 0.3  # … a run continuing one with ink both sides along more of it is text
    rule_thin_ridge_px: int = 3  # scans, small print: a light rule darker than the pixel either side …
    rule_thin_levels: int = 12  # … by this many levels (the page averaged along it), wall to wall
    rule_thin_closed_cover: float = 0.95  # … its thin line, breaks closed, along this share of the way
    rule_thin_cover: float = 0.7  # … and with its breaks open along this share (text: its strokes)
    rule_bridge_pt: float = 22.0  # scans: a vertical rule continued to the next horizontal one this near …
    rule_bridge_cover: float = 0.85  # … where its line is drawn along this share of the way at least
    grid_min_width_pt: float = 40.0  # a line structure narrower than this is no table
    grid_min_height_pt: float = 12.0  # … or lower than this
    h_segment_min_pt: float = 15.0  # horizontal segments shorter than this are no row edges
    v_segment_min_pt: float = 6.0  # vertical segments shorter than this are no column edges
    snap_tolerance_pt: float = 3.0  # line positions this close are one row or column edge
    h_free_rule_pt: float = 100.0  # a horizontal segment this long is a rule though it meets no vertical
    open_side_pt: float = 6.0  # rules reaching this far past the outer line add an open-sided edge
    open_side_min_rules: int = 2  # … when this many rules reach past it (a lone one is a stroke of text)
    wall_band_pt: float = 1.5  # half-width of the strip searched for a wall between two cells
    wall_band_min_px: int = 2  # … in pixels at least
    wall_cover_ratio: float = 0.6  # a wall drawn along more than this share of the cell side is one
    # ---- words into a grid's cells (extract.grid)
    grid_margin_px: float = 2.0  # words this far outside a grid's box still belong to it
    wall_cut_margin: float = 0.3  # × word height: a wall this far inside a word splits it
    full_size_ratio: float = 0.34  # an empty row or column this share of the median one is the table's
    # ---- borderless regions (extract.blocks)
    block_phrase_gap_ch: float = 1.2  # a space this wide between words makes a multi-column line
    block_reach_ch: float = 4.5  # a line at most this far below the one above continues a region
    row_gap_min_ch: float = 0.5  # vertical gaps smaller than this are inside a row
    row_gap_default_ch: float = 2.0  # the row spacing when a region shows none
    narrow_line_ratio: float = (
        0.6  # a line this fraction of the region's (page's) width is a cell, wider a paragraph
    )
    row_gap_slack: float = 1.25  # × the row spacing: a one-cell line this close below is one more row
    short_run_lines: int = 4  # single-phrase runs this short never break a region
    spilled_row_cells: int = 3  # a page's first line of this many cells, alone: a table's last row
    header_above_ch: float = 0.8  # a spanning header line this close above a region is its header
    header_indent_ch: float = 0.6  # a one-cell row above starting this close to a column start
    region_margin_ch: float = 1.0  # lines within this of a region's sides lie inside it
    page_number_centre_ratio: float = 0.1  # a page number centred within this share of the width
    heading_size_ratio: float = 1.4  # × char height: a line this tall is a title in a larger font
    heading_max_words: int = 3  # … when it has at most this many words
    wrap_cut_ch: float = 0.05  # the default cut between wrapped lines and rows (only overlaps merge)
    wrap_gap_max_ch: float = 0.6  # the line spacing inside wrapped cells is at most this …
    wrap_row_min_ch: float = 0.5  # … and the spacing between rows at least this
    wrap_ratio: float = 2.5  # … and the two differ by this factor at least
    # ---- borderless columns (extract.borderless)
    phrase_gap_ch: float = 0.55  # a wider space between words on a line separates cells
    leaf_labels_min: int = 3  # a lowest header row with fewer phrases does not vote on columns
    wrapped_cell_ch: float = 0.5  # a body phrase over lines this far apart is a wrapped cell
    crossing_rows_min: int = 12  # tables of fewer rows let no phrase cross a boundary …
    crossing_rows_per: int = 25  # … larger ones one phrase per this many rows
    column_gap_min_ch: float = 0.4  # narrowest blank run that can be a column boundary
    column_gap_min2_px: int = 2  # … in pixels at least
    column_gap_typical_ratio: float = 0.35  # a boundary is this share of the median gap wide …
    column_gap_char_ch: float = 0.6  # … or this wide
    outer_margin_max_ch: float = 1.0  # the outer edges lie at most this far beyond the text
    align_tol_ch: float = 0.5  # texts starting (ending) within this share one x
    align_share_ratio: float = 0.6  # a boundary is aligned on when this share of its texts share one x
    # ---- header cells (extract.headercells)
    leaf_below_ch: float = 0.25  # a phrase this far below another's middle lies under it
    centre_tol_ch: float = 0.6  # a label centred within this over a run of columns is on it
    centre_tol_min_px: float = 2.0  # … in pixels at least
    level_overlap_ch: float = 0.1  # phrases overlapping vertically by less than this are on other lines
    child_line_ch: float = 0.4  # sub-headers within this of the first line under a label are on it
    run_margin_ch: float = 0.5  # a sub-header reaching this far past a run's bounds is still in it
    centred_near_ch: float = 0.15  # runs centred within this of the best are equally good
    centred_low_ch: float = 0.25  # … of the best run otherwise
    wrap_line_ch: float = 0.6  # a header line this close under the one above on the same run wraps it
    level_above_ch: float = 0.5  # a cell lies under another whose middle is this far above its own
    unit_wrap_ch: float = 0.4  # a header phrase this close under another continues it …
    unit_centre_ch: float = 0.5  # … when centred within this of it …
    unit_start_ch: float = 0.3  # … or starting within this of it
    padding_tol_ch: float = 0.5  # a column's text edges within this are aligned (left or right)
    # ---- the page's words read from the ink (extract.layout)
    cell_pad_pt: float = 1.2  # a ruled cell's inside is this far from its walls; a line crop's padding
    cell_pad_min_px: int = 2  # … in pixels at least
    cell_line_gap_pt: float = 1.5  # blank rows at least this high split a cell into text lines
    cell_line_gap_min_px: int = 2  # … in pixels at least
    cell_line_min_pt: float = 3.0  # ink rows lower than this in a cell are no text line
    cell_wrapped_h: float = 1.8  # a cell's text line this × its table's print height or higher, cut by a
    cell_wrapped_piece_h: float = 0.6  # blank row into two pieces this × the print height or higher, is two
    cell_wrapped_valley: float = 0.2  # … as are lines touching, cut at a row of this × the median row's ink
    cell_uncut_min_lines: int = 8  # a line left that high (× the table's line height) is doubted: of so many
    cell_uncut_row_px: int = 3  # … its print's rows: this many pixels darker than the paper's noise
    small_print_pad_pt: float = 0.6  # a ruled cell's ink is measured this far inside its walls
    small_print_px: float = 10.0  # text lines of a ruled table lower than this (px read at) are unreadable
    small_print_min_px: int = 3  # … ink rows lower than this are specks, not text
    small_print_percentile: float = 25.0  # a table's print height: this percentile of its text lines' heights
    small_print_reread_px: float = 13.0  # … lower than this are read from a finer file's own pixels
    small_print_sure_confidence: float = 0.9  # … and, lower than that, are unreadable when more than …
    small_print_unsure_share: float = 0.2  # … this share of their words was read below that confidence
    small_print_line_ratio: float = 0.6  # a table's cells keep text lines down to this × its print height
    # small print read at the layout's own scale (no finer file): each cell line is also recognised
    # enlarged (cubic) by each of these factors …
    small_print_enlarge: tuple[float, ...] = (2.0, 3.0)
    small_print_sharpen: tuple[float, ...] = (2.0, 3.0)  # … and enlarged by these and sharpened
    small_print_unsharp: float = 1.0  # the unsharp mask's amount (its blur: the factor in pixels)
    line_pad_ch: float = 0.15  # an XY-cut text line's crop padding
    line_pad_min_px: int = 2  # … in pixels at least
    faint_ink_levels: int = 48  # ink this close to the paper's grey is noise (a cell's line all so: no line)
    # ---- tables continued over pages (extract.continued)
    same_columns_ratio: float = 0.02  # × table width: column edges this close are the same columns
    # ---- running heads (extract.pdf): a line this near the top or bottom edge (× page height), the
    # same on this many pages, one of them without a table, is the document's, no table's title
    running_head_ratio: float = 0.12
    running_head_pages: int = 3
    continued_overlap_ratio: float = 0.6  # parts overlapping by this share of the narrower continue
    edges_tol_ch: float = 1.2  # column boundaries within this of the earlier part's agree …
    edges_default_px: float = 10.0  # (the character height when a part holds no word)
    edges_agree_ratio: float = 0.6  # … when this share of them do

    # ---- scanned pages as they come (extract.seals, extract.orient, extract.scanpage)
    seal_sat_min: int = 70  # HSV saturation (0..255) from which red or blue ink is a seal's
    seal_value_min: int = 90  # … and brightness: darker pixels are text printed under the seal
    seal_red_hue_max: int = 12  # OpenCV hue (0..180) of red: at most this …
    seal_red_hue_min: int = 160  # … or at least this
    seal_blue_hue: tuple[int, int] = (100, 130)  # hue range of blue stamps …
    seal_blue_sat_min: int = 110  # … which must be more saturated (JPEG tints black text bluish)
    seal_min_pixels: int = 400  # fewer seal pixels than this are no seal
    seal_region_ratio: float = 0.012  # × the page's short side: closing that makes a seal a region
    seal_covered_ratio: float = 0.2  # a text line this much under a seal is doubted …
    seal_confidence_factor: float = 0.85  # … its confidence multiplied by this
    orient_work_px: int = 1000  # the orientation is judged on the page reduced to this long side
    orient_rule_piece_ratio: float = 4.0  # an ink component this many times longer than thick …
    orient_rule_piece_ch: float = 1.5  # … and this many character sizes long: a skewed rule's piece
    orient_run_thick_px: int = 5  # an ink component this thick (work px) at least …
    orient_run_ink_px: float = 3.0  # … with this much ink per pixel of its length: characters run together
    orient_ratio_min: float = 1.25  # text lines across must be this much clearer than along to turn
    rec_line_fill: float = 0.75  # a text-line crop's share of the recogniser's 48-px frame (issue #17) …
    rec_line_fill_min_px: int = 28  # … for line crops at least this high (small print keeps the whole frame)
    rec_low_fill: float = 0.85  # a lower line crop's share (a line of digits: no CJK glyph above them) …
    rec_low_fill_min_px: int = 22  # … for line crops at least this high
    rec_small_frame_px: int = 32  # a line crop is read in this lower frame (fewer rows and columns) …
    rec_small_frame_min_px: int = 22  # … when it is at least this high …
    rec_small_frame_recheck: float = 0.95  # … and again in the 48-px frame when a character is read less sure
    orient_vote_lines: int = 6  # text lines recognised both ways up for the 0°/180° vote
    orient_upright_score: float = 0.9  # a vote read this well upright needs no second reading
    orient_vote_first: int = (
        2  # … the widest this many lines read first: read this well, the rest are not read
    )
    orient_vote_chars: float = 6.0  # a vote line is cut to this many character heights
    orient_overrule_margin: float = 0.05  # lines read across this much better overrule an ink vote of turned

    # ---- the paper of a scan before it is read (extract.paper)
    bed_work_px: int = 1000  # the bed is looked for on the page reduced to this long side
    bed_dark_ratio: float = (
        0.5  # a pixel darker than this share of the paper's grey may be the scanner's bed …
    )
    bed_thick_pt: float = (
        4.0  # … where such pixels make a region this thick both ways, touching the image's edge
    )
    bed_grow_pt: float = 2.0  # the bed's region grown by this over the page's edge and its shadow
    paper_work_px: int = 600  # the paper's background is estimated on the page reduced to this long side …
    paper_window_pt: float = 24.0  # … as its lightest grey in a window this wide (ink taken out), smoothed
    paper_even_levels: int = 14  # a background varying less than this many grey levels (5–95th percentile) …
    paper_white_level: int = 225  # … and this light is white paper evenly lit: the page is left as it is
    ink_depth_percentile: float = (
        0.5  # on other paper, the ink's darkness: this percentile of the levelled page …
    )
    show_through_ratio: float = (
        0.3  # … and a mark lighter than this share of it is the paper's (show-through)
    )
    speck_max_pt: float = 2.0  # on such a page or a 1-bit one, a dot no larger than this both ways …
    speck_clear_pt: float = 2.5  # … with no other ink this near is a speck, whitened

    # ---- amount cells of scans read as amounts (extract.amountread)
    amount_column_min: int = 3  # a column with this many amounts in its body …
    amount_column_share: float = 0.6  # … making up this share of its non-empty body cells holds amounts
    amount_decimals_agree: float = 0.8  # this share of a column's amounts printing d decimals: all print d
    amount_char_doubt: float = 0.5  # an amount with a character read below this confidence is doubted …
    amount_doubt_cap: float = 0.5  # … its confidence at most this, its record pending with the reason
    enumerator_guess_cap: float = 0.6  # an enumerator's lost numeral no enumerator below confirms: doubted

    # ---- indicator cells of scanned performance tables (extract.scanindicators)
    indicator_char_doubt: float = 0.5  # a character of an indicator cell read below this: doubted
    # × the line height: the blank set between the cells of a figure read in one crop, per view
    # (operator | figure | unit, then operator | figure: a unit misread spoils the first view only)
    operator_gaps_h: tuple[float, ...] = (0.15, 0.4)

    # ---- tables ruled one way only on scans (extract.scangrid)
    row_rules_min: int = 4  # horizontal rules of one extent stacked, without verticals, make a row grid …
    row_rule_extent_ratio: float = 0.03  # … their ends within this × their length of each other …
    row_rule_gap_pt: float = 80.0  # … each at most this far below the one above
    line_split_gap_h: float = 1.0  # × a text line's height: a wider blank splits a row grid's line
    cell_spaced_gap_h: float = 2.5  # … and any ruled cell's line (characters spread across a header)
    cell_spaced_piece_h: float = 0.7  # … when every piece is this × the line's height wide (characters)

    # ---- header cells of scans (extract.scanheaders)
    header_repair_penalty: float = 0.05  # a header repaired to a label: its confidence × (1 − this × edits)
    header_substitute_confidence: float = 0.97  # a header with a character read as another is repaired
    # only when read below this (one with a single character left out always is)
    header_doubt_confidence: float = 0.8  # a header no label is near, read below this, is doubted …
    header_doubt_cap: float = 0.6  # … its confidence at most this (its items go to review)
    header_names_below_min: int = 3  # a two-character header one character from a name label (项日 for
    # 项目) is that label over at least this many body cells, all Chinese text and no amount
    header_sibling_share: float = 0.5  # a doubted group heading is named by its sibling's label when this share of its characters are the label's (extract.siblingheaders)
    header_far_ratio: float = 0.34  # a doubted header within this × a long label's length of edits …
    header_far_min_chars: int = 8  # … (a label this long or longer) is read as that label, still doubted
    header_near_ratio: float = 0.34  # a header no label itself, within this × a label's length of edits
    # of one and not repaired to it (read clearly), is doubted: too near a label to trust as read

    # ---- item names of scans (extract.scannames)
    name_near_ratio: float = 0.34  # a name within this × an item name's length of edits, too far to
    # repair, is doubted as read (its records go to review)

    # ---- text exports whose figures break after every glyph (extract.glyphlines)
    glyph_lines_share: float = 0.3  # this share of an export's printed lines holding one half-width glyph …
    glyph_lines_min: int = 20  # … and at least this many: its lines are rebuilt

    # ---- tolerances in pixels at a page's ``scale`` (its pixels per point)
    def join_px(self, scale: float) -> int:
        """``rule_join_pt`` in pixels, 1 at least: the closing of a rule's breaks."""
        return max(1, int(self.rule_join_pt * scale))

    def ridge_px(self, scale: float) -> int:
        """``rule_ridge_pt`` in pixels, odd and 3 at least: the width across which a thin line is
        told from what lies either side of it (extract.ruling, extract.thinrules)."""
        return max(3, int(self.rule_ridge_pt * scale) | 1)


TABLE_SETTINGS = TableSettings()
