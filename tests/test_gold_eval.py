"""The gold evaluation: the extraction of every sample is scored field by field against its
hand-written gold file, and the figures the issues promise are asserted."""
from pathlib import Path

import pandas as pd

import pytest

from kehoach.evaluate import evaluate, format_report

from .conftest import SAMPLES

GOLD = SAMPLES / "gold"
SEEDS = ["000_8a3c601f3164e90a", "003_84bb2d633493153f"]


@pytest.fixture(scope="module")
def extracted(extracted_samples) -> Path:
    return extracted_samples


@pytest.mark.parametrize("seed", SEEDS)
def test_eval_seed_reaches_issue_thresholds(extracted, seed):
    report = evaluate(GOLD, extracted, [GOLD / f"{seed}.gold.json"])
    print(format_report(report))
    f1 = {t: report.table_counts(t).f1 for t in report.fields}
    assert f1["documents"] == 1.0, report.mismatches
    assert f1["legal_basis"] == 1.0, report.mismatches
    assert f1["targets"] >= 0.98, report.mismatches
    assert f1["tasks"] >= 0.98, report.mismatches


@pytest.mark.parametrize("synthetic", ["syn01_bacquang_word", "syn02_longthanh_party_pdf", "syn03_nghean_yhct_web",
                                       "syn04_tanuyen_ttyt_pdftext", "syn05_soyte_camau_indicators",
                                       "syn06_hue_bvtw_two_appendices", "syn07_quangngai_budget_column",
                                       "syn08_cdc_hanoi_targets_in_body", "syn09_binhdinh_ttyt_no_header",
                                       "syn10_thainguyen_numbering_restarts", "syn11_yhct_baseline_column",
                                       "syn12_laocai_no_appendix", "syn13_soyte_external_units", "syn16_nghean_two_row_header",
                                       "syn17_camau_date_ranges", "syn18_cp1258_danang",
                                       "syn19_phutho_product_first", "syn20_sannhi_yearly_indicators",
                                       "syn21_phoi_gialai_subitems", "syn23_thanhhoa_nested_groups",
                                       "syn24_dangbo_bvtinh_program", "syn25_ydct_result_fractions",
                                       "syn26_webcopy_flat_header", "syn27_wordcopy_multiline_tab_cells",
                                       "syn30_header_order_two_annexes", "syn31_ttyt_commune_budget",
                                       "syn33_soyte_column_number_row", "syn35_long_appendix_roman_groups",
                                       "syn36_cells_one_per_line", "syn37_deadline_phrasings",
                                       "syn39_target_phrasings", "syn41_program_multi_year",
                                       "syn43_indicator_qualitative_values", "syn44_two_tables_one_appendix",
                                       "syn45_task_codes", "syn46_numbered_targets_hanh_dong",
                                       "syn48_seed003_style_sys", "syn49_seed000_style_long_names",
                                       "syn50_mixed_bullets_objectives", "syn51_full_unit_names_wrapped",
                                       "syn52_indicator_draft_2025", "syn53_soyte_two_annex_footers",
                                       "syn54_pandoc_grid_tables", "syn55_bv_nhi_roadmap_bullets",
                                       "syn56_ttyt_merged_commune_stations"])
def test_eval_synthetic_plan_of_another_hospital(extracted, synthetic):
    """Hand-written plans in other layouts (Word copy with | tables, a Party plan, a web copy
    of a Quyết định with its plan attached, PDF text with page numbers inside sentences, an
    indicator table with a unit-of-measure column, two appendix tables, a funding column, a
    Word table saved with tabs inside the objectives, a text that lost its header, numbering
    restarting per section, a baseline column, no appendix at all, the product column before
    the units, a roadmap of year columns, sub-items inside task cells, full unit names wrapped
    in narrow columns, page footers "Trang 5/8" with running headers, pandoc's grid tables):
    the seeds' thresholds hold for them too."""
    report = evaluate(GOLD, extracted, [GOLD / f"{synthetic}.gold.json"])
    f1 = {t: report.table_counts(t).f1 for t in report.fields}
    assert f1["documents"] == 1.0 and f1["legal_basis"] == 1.0, report.mismatches
    assert f1["targets"] >= 0.98 and f1.get("tasks", 1.0) >= 0.98, report.mismatches


@pytest.mark.parametrize("synthetic", ["syn14_hcm_person_column",
                                       "syn15_haiphong_citation_variety", "syn22_soyte_hungyen_running_header",
                                       "syn32_bvtinh_one_units_column", "syn34_draft_blank_number",
                                       "syn38_unit_name_variety", "syn40_no_tt_column",
                                       "syn42_start_end_columns", "syn47_values_with_fractions"])
def test_eval_synthetic_plan_with_cells_printed_side_by_side(extracted, synthetic):
    """Plans whose flattened tables print two cells' lines interleaved ("Trước Hồ sơ đề xuất"
    / "30/6/2026 cấp độ được"), a person named "… Khoa" beside a unit column, units of other
    bodies, a running footer: header, legal basis and targets hold the seeds' thresholds; tasks reach 0.92 (the
    interleaved rows are the known misses, listed in samples/synthetic/README.md)."""
    report = evaluate(GOLD, extracted, [GOLD / f"{synthetic}.gold.json"])
    f1 = {t: report.table_counts(t).f1 for t in report.fields}
    assert f1["documents"] == 1.0 and f1["legal_basis"] == 1.0, report.mismatches
    assert f1["targets"] >= 0.98 and f1["tasks"] >= 0.92, report.mismatches


@pytest.mark.parametrize("synthetic, targets_floor, tasks_floor", [
    ("syn28_gantt_quarter_marks", 0.98, 0.80),
    ("syn29_indicator_value_variety", 0.80, 0.70),
])
def test_eval_synthetic_plan_with_known_misses(extracted, synthetic, targets_floor, tasks_floor):
    """Plans whose known misses are listed in samples/synthetic/README.md (quarter columns
    marked "x" instead of a deadline; indicator rows whose cells interleave line by line): the
    header and legal basis hold, and the tables do not fall below where they stand now."""
    report = evaluate(GOLD, extracted, [GOLD / f"{synthetic}.gold.json"])
    f1 = {t: report.table_counts(t).f1 for t in report.fields}
    assert f1["documents"] == 1.0 and f1["legal_basis"] == 1.0, report.mismatches
    assert f1["targets"] >= targets_floor and f1["tasks"] >= tasks_floor, report.mismatches


# Floors (documents, legal_basis, targets, tasks) where each stands now; the misses are listed
# in samples/real_tools/README.md and the closing notes.
REAL_TOOLS = {
    "syn57_pdftotext_raw_table": (1.0, 1.0, 1.0, 0.51),       # pdftotext's column blocks
    "syn58_soffice_text_export": (1.0, 1.0, 0.97, 1.0),
    "syn59_pdftotext_layout_soyte": (1.0, 0.9, 1.0, 0.89),  # numbers cut by a column gutter
    "syn60_pdfplumber_bv_quan_y": (1.0, 1.0, 1.0, 0.59),      # every cell's lines interleaved (0.68 while a budget cell could take any length)
    "syn57_pdftotext_raw_table.pdf": (1.0, 1.0, 1.0, 1.0),
    "syn58_soffice_text_export.pdf": (1.0, 1.0, 0.99, 1.0),
    "syn59_pdftotext_layout_soyte.pdf": (1.0, 1.0, 1.0, 0.98),
    "syn60_pdfplumber_bv_quan_y.pdf": (1.0, 1.0, 1.0, 1.0),
    "syn57_pdftotext_raw_table.docx": (1.0, 1.0, 1.0, 1.0),
    "syn58_soffice_text_export.docx": (1.0, 1.0, 0.99, 1.0),
    "syn59_pdftotext_layout_soyte.docx": (1.0, 1.0, 1.0, 0.98),
    "syn60_pdfplumber_bv_quan_y.docx": (1.0, 1.0, 1.0, 1.0),
    "syn61_dang_uy_party_plan": (1.0, 0.98, 1.0, 0.63),         # merged lead cells printed once
    "syn61_dang_uy_party_plan.pdf": (1.0, 1.0, 1.0, 0.99),
    "syn61_dang_uy_party_plan.docx": (1.0, 1.0, 1.0, 0.99),
    "syn62_indicator_years_pdfplumber": (1.0, 1.0, 0.26, 0.81),  # a two-row header interleaved
    "syn62_indicator_years_pdfplumber.pdf": (1.0, 1.0, 1.0, 1.0),
    "syn62_indicator_years_pdfplumber.docx": (1.0, 1.0, 1.0, 1.0),
    "syn63_pdftotext_bv_tam_than": (1.0, 1.0, 1.0, 0.0),        # column blocks: no row is read
    "syn63_pdftotext_bv_tam_than.pdf": (1.0, 1.0, 1.0, 0.99),
    "syn63_pdftotext_bv_tam_than.docx": (1.0, 1.0, 1.0, 0.99),
    "syn64_word_tabs_one_units_column": (1.0, 1.0, 1.0, 0.54),   # every cell's lines interleaved
    "syn64_word_tabs_one_units_column.pdf": (1.0, 1.0, 1.0, 1.0),
    "syn64_word_tabs_one_units_column.docx": (1.0, 1.0, 1.0, 1.0),
    "syn65_quyet_dinh_ban_hanh_ke_hoach": (1.0, 0.97, 1.0, 0.67),  # a centred table, monospaced
    "syn65_quyet_dinh_ban_hanh_ke_hoach.pdf": (1.0, 1.0, 1.0, 1.0),
    "syn65_quyet_dinh_ban_hanh_ke_hoach.docx": (1.0, 1.0, 1.0, 1.0),
    "syn66_soyte_hanoi_start_end": (0.83, 1.0, 1.0, 0.21),         # pdfplumber layout=True
    "syn66_soyte_hanoi_start_end.pdf": (1.0, 1.0, 1.0, 0.97),
    "syn66_soyte_hanoi_start_end.docx": (1.0, 1.0, 1.0, 0.97),
    "syn67_objectives_table_groups_restart": (1.0, 1.0, 0.0, 0.68),  # rows centred vertically
    "syn67_objectives_table_groups_restart.pdf": (1.0, 1.0, 1.0, 1.0),
    "syn67_objectives_table_groups_restart.docx": (1.0, 1.0, 1.0, 1.0),
    "syn68_word_autonumber_bullets_in_cells": (1.0, 1.0, 1.0, 0.6),  # cells interleaved
    "syn68_word_autonumber_bullets_in_cells.pdf": (1.0, 1.0, 1.0, 1.0),
    "syn68_word_autonumber_bullets_in_cells.docx": (1.0, 1.0, 1.0, 1.0),
    "syn69_narrow_columns_many_units": (1.0, 0.98, 1.0, 0.67),     # pdftotext -layout, narrow columns
    "syn69_narrow_columns_many_units.pdf": (1.0, 1.0, 1.0, 1.0),
    "syn69_narrow_columns_many_units.docx": (1.0, 1.0, 1.0, 1.0),
    "syn70_two_appendices_signature_table": (1.0, 1.0, 0.37, 0.68),  # two value columns interleaved
    "syn70_two_appendices_signature_table.pdf": (1.0, 1.0, 1.0, 1.0),
    "syn70_two_appendices_signature_table.docx": (1.0, 1.0, 1.0, 1.0),
    "syn71_lo_trinh_notes_column": (1.0, 0.93, 1.0, 0.87),
    "syn71_lo_trinh_notes_column.pdf": (1.0, 1.0, 1.0, 1.0),
    "syn71_lo_trinh_notes_column.docx": (1.0, 1.0, 1.0, 1.0),
    "syn72_stt_cong_viec_ghi_chu": (1.0, 0.98, 1.0, 0.43),          # one units column, layout text
    "syn72_stt_cong_viec_ghi_chu.pdf": (1.0, 1.0, 1.0, 1.0),
    "syn72_stt_cong_viec_ghi_chu.docx": (1.0, 1.0, 1.0, 1.0),
    "syn73_bv_yhct_tab_header_no_appendix_table": (1.0, 1.0, 1.0, 1.0),
    "syn73_bv_yhct_tab_header_no_appendix_table.pdf": (1.0, 1.0, 1.0, 1.0),
    "syn73_bv_yhct_tab_header_no_appendix_table.docx": (1.0, 1.0, 1.0, 1.0),
    "syn74_soyte_indicator_baseline_targets": (1.0, 1.0, 0.32, 0.65),  # baseline and year columns interleaved
    "syn74_soyte_indicator_baseline_targets.pdf": (1.0, 1.0, 1.0, 1.0),
    "syn74_soyte_indicator_baseline_targets.docx": (1.0, 1.0, 1.0, 1.0),
    "syn75_bvdk_budget_columns_footnote_codes": (1.0, 1.0, 1.0, 0.82),
    "syn75_bvdk_budget_columns_footnote_codes.pdf": (1.0, 1.0, 1.0, 1.0),
    "syn75_bvdk_budget_columns_footnote_codes.docx": (1.0, 1.0, 1.0, 1.0),
    "syn76_tram_y_te_no_appendix": (1.0, 1.0, 1.0, 1.0),             # no appendix: no task invented
    "syn76_tram_y_te_no_appendix.pdf": (1.0, 1.0, 1.0, 1.0),
    "syn76_tram_y_te_no_appendix.docx": (1.0, 1.0, 1.0, 1.0),
    "syn77_scan_bv_phcn_rotated.docx": (1.0, 1.0, 1.0, 1.0),
    "syn78_two_tables_deadline_first": (1.0, 1.0, 0.87, 0.4),       # pdfplumber layout=True
    "syn78_two_tables_deadline_first.pdf": (1.0, 1.0, 1.0, 1.0),
    "syn78_two_tables_deadline_first.docx": (1.0, 1.0, 1.0, 1.0),
    "syn79_phan_muc_sections_target_phrasings": (1.0, 1.0, 1.0, 1.0),
    "syn79_phan_muc_sections_target_phrasings.pdf": (1.0, 1.0, 1.0, 1.0),
    "syn79_phan_muc_sections_target_phrasings.docx": (1.0, 1.0, 1.0, 1.0),
    # tracked changes left in the Word file: the DOCX reads the final text; LibreOffice prints
    # deletions struck through into the PDF and glues them to insertions in its text export
    "syn80_docx_tracked_changes_footnotes": (1.0, 0.92, 0.9, 0.97),
    "syn80_docx_tracked_changes_footnotes.pdf": (1.0, 0.93, 0.9, 0.98),
    "syn80_docx_tracked_changes_footnotes.docx": (1.0, 1.0, 1.0, 1.0),
    "syn81_borderless_appendix_table": (1.0, 1.0, 1.0, 0.52),       # cells one space apart
    "syn81_borderless_appendix_table.pdf": (1.0, 1.0, 1.0, 0.99),   # its page 2 has no header
    "syn81_borderless_appendix_table.docx": (1.0, 1.0, 1.0, 1.0),
    "syn82_draft_watermark_justified": (1.0, 0.97, 0.4, 0.32),      # watermark letters in the text
    "syn82_draft_watermark_justified.pdf": (1.0, 1.0, 1.0, 1.0),
    "syn82_draft_watermark_justified.docx": (1.0, 1.0, 1.0, 1.0),
    "syn83_task_subrows_merged_tt": (1.0, 1.0, 1.0, 0.98),
    "syn83_task_subrows_merged_tt.pdf": (1.0, 1.0, 1.0, 1.0),
    "syn83_task_subrows_merged_tt.docx": (1.0, 1.0, 1.0, 1.0),
    "syn84_docx_floating_text_boxes": (1.0, 1.0, 1.0, 0.0),  # pdftotext prints the table in column blocks
    "syn84_docx_floating_text_boxes.pdf": (1.0, 1.0, 1.0, 1.0),
    "syn84_docx_floating_text_boxes.docx": (1.0, 1.0, 1.0, 1.0),
    "syn85_scan_fax_quality.docx": (1.0, 1.0, 1.0, 1.0),
    "syn86_tw_hospital_start_end": (1.0, 1.0, 1.0, 0.99),
    "syn86_tw_hospital_start_end.pdf": (1.0, 1.0, 1.0, 0.99),
    "syn86_tw_hospital_start_end.docx": (1.0, 1.0, 1.0, 0.99),
    "syn87_soyte_units_as_leads": (0.96, 0.98, 1.0, 0.46),  # pdfplumber: every cell's lines interleaved
    "syn87_soyte_units_as_leads.pdf": (1.0, 1.0, 1.0, 0.99),
    "syn87_soyte_units_as_leads.docx": (1.0, 1.0, 1.0, 0.99),
    "syn88_specialty_tall_rows": (1.0, 0.97, 1.0, 0.99),
    "syn88_specialty_tall_rows.pdf": (1.0, 1.0, 1.0, 0.99),
    "syn88_specialty_tall_rows.docx": (1.0, 1.0, 1.0, 0.99),
    "syn89_word_multilevel_autonumber": (1.0, 1.0, 1.0, 0.43),  # pdfplumber: header columns glued
    "syn89_word_multilevel_autonumber.pdf": (1.0, 1.0, 1.0, 1.0),
    "syn89_word_multilevel_autonumber.docx": (1.0, 1.0, 1.0, 1.0),
    "syn90_bvdk_merged_lead_cells.pdf": (1.0, 1.0, 1.0, 1.0),
    "syn90_bvdk_merged_lead_cells.docx": (1.0, 1.0, 1.0, 1.0),
    "syn91_cdc_people_and_boards_as_units.pdf": (1.0, 1.0, 1.0, 1.0),
    "syn91_cdc_people_and_boards_as_units.docx": (1.0, 1.0, 1.0, 1.0),
    "syn92_bv_san_nhi_legal_paragraph.pdf": (1.0, 1.0, 1.0, 1.0),
    "syn92_bv_san_nhi_legal_paragraph.docx": (1.0, 1.0, 1.0, 1.0),
    "syn93_ttyt_lettered_groups_continuous_numbers.pdf": (1.0, 1.0, 1.0, 0.98),
    "syn93_ttyt_lettered_groups_continuous_numbers.docx": (1.0, 1.0, 1.0, 0.98),
    "syn94_scan_with_ocr_text_layer.docx": (1.0, 1.0, 1.0, 1.0),
    "syn95_wide_budget_table_small_font.pdf": (1.0, 1.0, 1.0, 0.98),
    "syn95_wide_budget_table_small_font.docx": (1.0, 1.0, 1.0, 0.98),
    "syn96_stt_column_numbers_row_sub_bullets.pdf": (1.0, 1.0, 1.0, 1.0),
    "syn96_stt_column_numbers_row_sub_bullets.docx": (1.0, 1.0, 1.0, 1.0),
    "syn97_soyte_named_task_groups.pdf": (1.0, 1.0, 1.0, 1.0),
    "syn97_soyte_named_task_groups.docx": (1.0, 1.0, 1.0, 1.0),
    "syn98_bv_phoi_targets_by_milestone_year.pdf": (1.0, 1.0, 1.0, 0.98),
    "syn98_bv_phoi_targets_by_milestone_year.docx": (1.0, 1.0, 1.0, 0.98),
    "syn99_bv_mat_product_before_units.pdf": (1.0, 1.0, 1.0, 1.0),
    "syn99_bv_mat_product_before_units.docx": (1.0, 1.0, 1.0, 1.0),
    "syn100_bv_ung_buou_task_table_in_body.pdf": (1.0, 1.0, 1.0, 0.99),
    "syn100_bv_ung_buou_task_table_in_body.docx": (1.0, 1.0, 1.0, 0.99),
    "syn101_soyte_hcm_long_rows_page_breaks.pdf": (1.0, 1.0, 1.0, 0.99),
    "syn101_soyte_hcm_long_rows_page_breaks.docx": (1.0, 1.0, 1.0, 0.99),
    "syn102_bv_tu_nhan_number_with_year.pdf": (1.0, 1.0, 1.0, 0.97),
    "syn102_bv_tu_nhan_number_with_year.docx": (1.0, 1.0, 1.0, 0.97),
    "syn103_yhct_month_ranges_relative_targets.pdf": (1.0, 1.0, 1.0, 0.99),
    "syn103_yhct_month_ranges_relative_targets.docx": (1.0, 1.0, 1.0, 0.99),
    "syn104_ttyt_kv_indicator_table_with_leads.pdf": (1.0, 1.0, 1.0, 1.0),
    "syn104_ttyt_kv_indicator_table_with_leads.docx": (1.0, 1.0, 1.0, 1.0),
    "syn105_names_with_dates_and_units.pdf": (1.0, 0.98, 1.0, 1.0),
    "syn105_names_with_dates_and_units.docx": (1.0, 0.98, 1.0, 1.0),
    "syn106_bvdk_hyphenated_units_abbrev_list.pdf": (1.0, 1.0, 1.0, 0.99),
    "syn106_bvdk_hyphenated_units_abbrev_list.docx": (1.0, 1.0, 1.0, 0.99),
    "syn107_ttyt_kv_collective_units_ranges.pdf": (1.0, 1.0, 1.0, 1.0),
    "syn107_ttyt_kv_collective_units_ranges.docx": (1.0, 1.0, 1.0, 1.0),
    "syn108_bv_tam_than_merged_deadline_and_partner_cells.pdf": (1.0, 1.0, 1.0, 1.0),
    "syn108_bv_tam_than_merged_deadline_and_partner_cells.docx": (1.0, 1.0, 1.0, 1.0),
    "syn109_ttyt_two_row_header_bullet_products.pdf": (1.0, 1.0, 1.0, 1.0),
    "syn109_ttyt_two_row_header_bullet_products.docx": (1.0, 1.0, 1.0, 1.0),
    "syn110_soyte_lamdong_agencies_as_units.pdf": (1.0, 1.0, 1.0, 1.0),
    "syn110_soyte_lamdong_agencies_as_units.docx": (1.0, 1.0, 1.0, 1.0),
    "syn111_bv_yhct_event_deadlines_long_title.pdf": (1.0, 1.0, 0.94, 1.0),
    "syn111_bv_yhct_event_deadlines_long_title.docx": (1.0, 1.0, 0.94, 1.0),
    "syn112_ttyt_name_cells_with_sub_bullets.pdf": (1.0, 1.0, 1.0, 1.0),
    "syn112_ttyt_name_cells_with_sub_bullets.docx": (1.0, 1.0, 1.0, 1.0),
    "syn113_bv_san_nhi_grouped_targets_indicator_annex.pdf": (1.0, 1.0, 1.0, 1.0),
    "syn113_bv_san_nhi_grouped_targets_indicator_annex.docx": (1.0, 1.0, 1.0, 1.0),
    "syn114_bvdk_kv_role_labels_in_units_column.pdf": (1.0, 1.0, 1.0, 1.0),
    "syn114_bvdk_kv_role_labels_in_units_column.docx": (1.0, 1.0, 1.0, 1.0),
    "syn115_cdc_gialai_caps_reductions_ranges.pdf": (1.0, 1.0, 1.0, 1.0),
    "syn115_cdc_gialai_caps_reductions_ranges.docx": (1.0, 1.0, 1.0, 1.0),
    "syn116_soyte_hue_tasks_and_projects_annexes.pdf": (1.0, 0.99, 1.0, 1.0),
    "syn116_soyte_hue_tasks_and_projects_annexes.docx": (1.0, 0.99, 1.0, 1.0),
    "syn117_bv_mat_abbreviation_key_after_table.pdf": (1.0, 1.0, 1.0, 1.0),
    "syn117_bv_mat_abbreviation_key_after_table.docx": (1.0, 1.0, 1.0, 1.0),
    "syn118_docx_tracked_changes_content_controls.pdf": (1.0, 0.99, 1.0, 1.0),
    "syn118_docx_tracked_changes_content_controls.docx": (1.0, 1.0, 1.0, 1.0),
    "syn119_bvdk_tayninh_lead_first_numbered_objectives.pdf": (1.0, 1.0, 1.0, 1.0),
    "syn119_bvdk_tayninh_lead_first_numbered_objectives.docx": (1.0, 1.0, 1.0, 1.0),
    "syn120_ttyt_2025_plan_quarter_and_month_ranges.pdf": (1.0, 1.0, 1.0, 1.0),
    "syn120_ttyt_2025_plan_quarter_and_month_ranges.docx": (1.0, 1.0, 1.0, 1.0),
    "syn121_bv_nhi_merged_lead_and_deadline_cells.pdf": (1.0, 1.0, 1.0, 0.99),
    "syn121_bv_nhi_merged_lead_and_deadline_cells.docx": (1.0, 1.0, 1.0, 1.0),
    "syn122_trung_tam_phap_y_unusual_units.pdf": (1.0, 0.99, 1.0, 0.98),
    "syn122_trung_tam_phap_y_unusual_units.docx": (1.0, 0.99, 1.0, 0.98),
    "syn123_bv_groups_as_separate_tables_numbering_restarts.pdf": (1.0, 1.0, 1.0, 1.0),
    "syn123_bv_groups_as_separate_tables_numbering_restarts.docx": (1.0, 1.0, 1.0, 1.0),
    "syn124_bvdk_people_in_unit_cells_plain_signature.pdf": (1.0, 1.0, 1.0, 0.98),
    "syn124_bvdk_people_in_unit_cells_plain_signature.docx": (1.0, 1.0, 1.0, 0.98),
    "syn125_ttyt_plan_without_appendix_table.pdf": (1.0, 1.0, 1.0, 1.0),
    "syn125_ttyt_plan_without_appendix_table.docx": (1.0, 1.0, 1.0, 1.0),
    "syn126_soyte_merged_province_agencies.pdf": (1.0, 1.0, 1.0, 1.0),
    "syn126_soyte_merged_province_agencies.docx": (1.0, 1.0, 1.0, 1.0),
    "syn127_bv_indicator_table_dvt_baseline.pdf": (1.0, 1.0, 1.0, 1.0),
    "syn127_bv_indicator_table_dvt_baseline.docx": (1.0, 1.0, 1.0, 1.0),
    "syn128_ttyt_start_end_landscape_rows_split.pdf": (1.0, 1.0, 1.0, 1.0),
    "syn128_ttyt_start_end_landscape_rows_split.docx": (1.0, 1.0, 1.0, 1.0),
    "syn129_bv_chuyen_khoa_legal_dates_in_words.pdf": (1.0, 1.0, 1.0, 1.0),
    "syn129_bv_chuyen_khoa_legal_dates_in_words.docx": (1.0, 1.0, 1.0, 1.0),
    "syn130_bv_deadline_second_products_with_numbers.pdf": (1.0, 1.0, 1.0, 1.0),
    "syn130_bv_deadline_second_products_with_numbers.docx": (1.0, 1.0, 1.0, 1.0),
    "syn131_cdc_roadmap_year_columns_indicators.pdf": (1.0, 1.0, 0.99, 0.99),
    "syn131_cdc_roadmap_year_columns_indicators.docx": (1.0, 1.0, 0.99, 0.99),
    "syn132_dang_uy_bv_party_plan_tasks.pdf": (1.0, 1.0, 1.0, 1.0),
    "syn132_dang_uy_bv_party_plan_tasks.docx": (1.0, 1.0, 1.0, 1.0),
    "syn133_ttyt_table_continues_without_header.pdf": (1.0, 1.0, 1.0, 1.0),
    "syn133_ttyt_table_continues_without_header.docx": (1.0, 1.0, 1.0, 1.0),
    "syn134_soyte_city_hospitals_listed_in_cells.pdf": (1.0, 0.97, 1.0, 0.98),
    "syn134_soyte_city_hospitals_listed_in_cells.docx": (1.0, 1.0, 1.0, 0.98),
    "syn135_bv_yhct_kpi_column_task_table.pdf": (1.0, 1.0, 1.0, 1.0),
    "syn135_bv_yhct_kpi_column_task_table.docx": (1.0, 1.0, 1.0, 1.0),
    "syn136_ttyt_duties_table_then_tasks_table.pdf": (1.0, 1.0, 1.0, 1.0),
    "syn136_ttyt_duties_table_then_tasks_table.docx": (1.0, 1.0, 1.0, 1.0),
    "syn137_bv_citation_spacing_variants.pdf": (1.0, 1.0, 1.0, 1.0),
    "syn137_bv_citation_spacing_variants.docx": (1.0, 1.0, 1.0, 1.0),
    "syn138_bv_table_header_wording_variants.pdf": (1.0, 1.0, 1.0, 1.0),
    "syn138_bv_table_header_wording_variants.docx": (1.0, 1.0, 1.0, 1.0),
    "syn139_ttyt_deadline_phrasings_each_row.pdf": (1.0, 1.0, 1.0, 1.0),
    "syn139_ttyt_deadline_phrasings_each_row.docx": (1.0, 1.0, 1.0, 1.0),
    "syn140_soyte_legal_basis_cong_van_and_local_plans.pdf": (1.0, 1.0, 0.92, 1.0),
    "syn140_soyte_legal_basis_cong_van_and_local_plans.docx": (1.0, 1.0, 0.92, 1.0),
    "syn141_bv_objective_target_phrasings_mixed.pdf": (1.0, 1.0, 1.0, 1.0),
    "syn141_bv_objective_target_phrasings_mixed.docx": (1.0, 1.0, 1.0, 1.0),
    "syn142_truong_cao_dang_y_te_plan.pdf": (1.0, 1.0, 0.97, 0.98),
    "syn142_truong_cao_dang_y_te_plan.docx": (1.0, 1.0, 0.97, 0.98),
    "syn143_bv_three_level_numbering_bulleted_units.pdf": (1.0, 1.0, 1.0, 0.99),
    "syn143_bv_three_level_numbering_bulleted_units.docx": (1.0, 1.0, 1.0, 0.99),
    "syn144_ttyt_units_written_as_prose.pdf": (1.0, 1.0, 1.0, 0.98),
    "syn144_ttyt_units_written_as_prose.docx": (1.0, 1.0, 1.0, 0.98),
    "syn145_chi_cuc_agency_plan_indicator_annex.pdf": (1.0, 1.0, 1.0, 0.99),
    "syn145_chi_cuc_agency_plan_indicator_annex.docx": (1.0, 1.0, 1.0, 0.99),
    "syn146_ttyt_plan_for_2027_years_left_out.pdf": (1.0, 1.0, 1.0, 0.99),
    "syn146_ttyt_plan_for_2027_years_left_out.docx": (1.0, 1.0, 1.0, 0.99),
    "syn147_bv_running_header_footer_lines.pdf": (1.0, 1.0, 1.0, 1.0),
    "syn147_bv_running_header_footer_lines.docx": (1.0, 0.98, 1.0, 1.0),
    "syn148_bv_tasks_grouped_by_quarter_rows.pdf": (1.0, 1.0, 1.0, 1.0),
    "syn148_bv_tasks_grouped_by_quarter_rows.docx": (1.0, 1.0, 1.0, 1.0),
    "syn149_cdc_start_end_one_column_unusual_labels.pdf": (1.0, 1.0, 1.0, 1.0),
    "syn149_cdc_start_end_one_column_unusual_labels.docx": (1.0, 1.0, 1.0, 1.0),
}


@pytest.mark.parametrize("name", REAL_TOOLS)
def test_eval_plan_made_by_real_tools(extracted, name):
    """Word files saved as PDF by LibreOffice and flattened by pdftotext, pdfplumber or
    LibreOffice's text export (samples/real_tools): the DOCX and PDF read by kehoach itself,
    and the texts the tools made."""
    report = evaluate(GOLD, extracted, [GOLD / f"{name}.gold.json"])
    f1 = [report.table_counts(t).f1 for t in ("documents", "legal_basis", "targets", "tasks")]
    assert all(got >= floor for got, floor in zip(f1, REAL_TOOLS[name])), (f1, report.mismatches)


# Floors where each stands: the PDFs of real_tools/ and renditions/ flattened by pypdf's
# extract_text(), the way the seeds' text was made (samples/pypdf/README.md).
DRAWING_ORDER_TEXTS = {
    "000_than_uyen_long_pypdf.txt": (1.0, 1.0, 1.0, 0.98),
    "000_than_uyen_pypdf.txt": (1.0, 1.0, 1.0, 1.0),
    "003_hoang_hoa_pypdf.txt": (1.0, 1.0, 1.0, 1.0),
    "syn57_pdftotext_raw_table_pypdf.txt": (1.0, 1.0, 1.0, 0.97),
    "syn58_soffice_text_export_pypdf.txt": (1.0, 1.0, 0.97, 1.0),
    "syn59_pdftotext_layout_soyte_pypdf.txt": (1.0, 1.0, 1.0, 0.93),
    "syn60_pdfplumber_bv_quan_y_pypdf.txt": (1.0, 1.0, 1.0, 1.0),
    "syn61_dang_uy_party_plan_pypdf.txt": (1.0, 1.0, 1.0, 0.84),
    "syn62_indicator_years_pdfplumber_pypdf.txt": (1.0, 1.0, 0.99, 0.99),
    "syn63_pdftotext_bv_tam_than_pypdf.txt": (1.0, 1.0, 1.0, 0.96),
    "syn64_word_tabs_one_units_column_pypdf.txt": (1.0, 1.0, 1.0, 0.95),
    "syn65_quyet_dinh_ban_hanh_ke_hoach_pypdf.txt": (1.0, 1.0, 1.0, 0.95),
    "syn66_soyte_hanoi_start_end_pypdf.txt": (1.0, 1.0, 1.0, 0.94),
    "syn67_objectives_table_groups_restart_pypdf.txt": (1.0, 1.0, 1.0, 1.0),
    "syn68_word_autonumber_bullets_in_cells_pypdf.txt": (1.0, 1.0, 1.0, 0.97),
    "syn69_narrow_columns_many_units_pypdf.txt": (1.0, 1.0, 1.0, 0.9),
    "syn70_two_appendices_signature_table_pypdf.txt": (1.0, 1.0, 1.0, 1.0),
    "syn71_lo_trinh_notes_column_pypdf.txt": (1.0, 1.0, 1.0, 0.97),
    "syn72_stt_cong_viec_ghi_chu_pypdf.txt": (1.0, 1.0, 1.0, 1.0),
    "syn73_bv_yhct_tab_header_no_appendix_table_pypdf.txt": (1.0, 1.0, 1.0, 1.0),
    "syn74_soyte_indicator_baseline_targets_pypdf.txt": (1.0, 1.0, 0.98, 0.97),
    "syn75_bvdk_budget_columns_footnote_codes_pypdf.txt": (1.0, 1.0, 1.0, 0.93),
    "syn76_tram_y_te_no_appendix_pypdf.txt": (1.0, 1.0, 1.0, 1.0),
    "syn78_two_tables_deadline_first_pypdf.txt": (1.0, 1.0, 1.0, 0.94),
    "syn79_phan_muc_sections_target_phrasings_pypdf.txt": (1.0, 1.0, 1.0, 0.96),
    "syn80_docx_tracked_changes_footnotes_pypdf.txt": (1.0, 0.96, 0.90, 0.97),
    "syn81_borderless_appendix_table_pypdf.txt": (1.0, 1.0, 1.0, 1.0),
    "syn82_draft_watermark_justified_pypdf.txt": (1.0, 1.0, 0.99, 0.98),
    "syn83_task_subrows_merged_tt_pypdf.txt": (1.0, 1.0, 1.0, 0.89),
    "syn84_docx_floating_text_boxes_pypdf.txt": (0.87, 1.0, 1.0, 1.0),  # header in text boxes
    "syn86_tw_hospital_start_end_pypdf.txt": (1.0, 1.0, 1.0, 0.98),
    "syn87_soyte_units_as_leads_pypdf.txt": (1.0, 1.0, 1.0, 0.97),
    "syn88_specialty_tall_rows_pypdf.txt": (1.0, 1.0, 1.0, 0.96),
    "syn89_word_multilevel_autonumber_pypdf.txt": (1.0, 1.0, 1.0, 0.97),
    "syn90_bvdk_merged_lead_cells_pypdf.txt": (1.0, 1.0, 1.0, 0.84),  # lead cells merged down, printed once
    "syn91_cdc_people_and_boards_as_units_pypdf.txt": (1.0, 1.0, 0.96, 0.97),
    "syn92_bv_san_nhi_legal_paragraph_pypdf.txt": (1.0, 1.0, 1.0, 0.98),
    "syn93_ttyt_lettered_groups_continuous_numbers_pypdf.txt": (1.0, 1.0, 1.0, 0.97),
    "syn94_scan_with_ocr_text_layer_pypdf.txt": (1.0, 0.98, 1.0, 0.43),  # Tesseract's own reading order
    "syn95_wide_budget_table_small_font_pypdf.txt": (1.0, 1.0, 1.0, 0.95),
    "syn96_stt_column_numbers_row_sub_bullets_pypdf.txt": (1.0, 1.0, 1.0, 0.97),
    "syn97_soyte_named_task_groups_pypdf.txt": (1.0, 1.0, 1.0, 0.94),
    "syn98_bv_phoi_targets_by_milestone_year_pypdf.txt": (1.0, 1.0, 1.0, 0.97),
    "syn99_bv_mat_product_before_units_pypdf.txt": (1.0, 1.0, 1.0, 0.95),
    "syn100_bv_ung_buou_task_table_in_body_pypdf.txt": (1.0, 1.0, 0.98, 0.98),
    "syn101_soyte_hcm_long_rows_page_breaks_pypdf.txt": (1.0, 1.0, 1.0, 0.90),
    "syn102_bv_tu_nhan_number_with_year_pypdf.txt": (1.0, 1.0, 1.0, 0.96),
    "syn103_yhct_month_ranges_relative_targets_pypdf.txt": (1.0, 1.0, 1.0, 0.97),
    "syn104_ttyt_kv_indicator_table_with_leads_pypdf.txt": (1.0, 1.0, 0.99, 0.99),
    "syn105_names_with_dates_and_units_pypdf.txt": (1.0, 0.98, 1.0, 0.96),
    "syn106_bvdk_hyphenated_units_abbrev_list_pypdf.txt": (1.0, 1.0, 1.0, 0.96),
    "syn107_ttyt_kv_collective_units_ranges_pypdf.txt": (1.0, 1.0, 1.0, 0.97),
    "syn108_bv_tam_than_merged_deadline_and_partner_cells_pypdf.txt": (1.0, 1.0, 1.0, 1.0),
    "syn109_ttyt_two_row_header_bullet_products_pypdf.txt": (1.0, 1.0, 1.0, 0.92),
    "syn110_soyte_lamdong_agencies_as_units_pypdf.txt": (1.0, 1.0, 1.0, 0.91),
    "syn111_bv_yhct_event_deadlines_long_title_pypdf.txt": (1.0, 1.0, 0.94, 0.98),   # gold keeps one of the two milestones of a bullet
    "syn112_ttyt_name_cells_with_sub_bullets_pypdf.txt": (1.0, 1.0, 1.0, 0.96),
    "syn113_bv_san_nhi_grouped_targets_indicator_annex_pypdf.txt": (1.0, 1.0, 1.0, 0.97),
    "syn114_bvdk_kv_role_labels_in_units_column_pypdf.txt": (1.0, 1.0, 1.0, 0.98),
    "syn115_cdc_gialai_caps_reductions_ranges_pypdf.txt": (1.0, 1.0, 1.0, 0.96),
    "syn116_soyte_hue_tasks_and_projects_annexes_pypdf.txt": (1.0, 0.99, 1.0, 0.98),
    "syn117_bv_mat_abbreviation_key_after_table_pypdf.txt": (1.0, 1.0, 1.0, 0.98),
    "syn118_docx_tracked_changes_content_controls_pypdf.txt": (1.0, 1.0, 1.0, 0.98),
    "syn119_bvdk_tayninh_lead_first_numbered_objectives_pypdf.txt": (1.0, 1.0, 1.0, 0.97),
    "syn120_ttyt_2025_plan_quarter_and_month_ranges_pypdf.txt": (1.0, 1.0, 1.0, 0.97),
    "syn121_bv_nhi_merged_lead_and_deadline_cells_pypdf.txt": (1.0, 1.0, 1.0, 0.87),   # lead cells merged down rows, printed once
    "syn122_trung_tam_phap_y_unusual_units_pypdf.txt": (1.0, 0.99, 1.0, 0.92),
    "syn123_bv_groups_as_separate_tables_numbering_restarts_pypdf.txt": (1.0, 1.0, 1.0, 0.97),
    "syn124_bvdk_people_in_unit_cells_plain_signature_pypdf.txt": (1.0, 1.0, 1.0, 0.82),   # posts and people beside units, cells at one height
    "syn125_ttyt_plan_without_appendix_table_pypdf.txt": (1.0, 1.0, 1.0, 1.0),
    "syn126_soyte_merged_province_agencies_pypdf.txt": (1.0, 1.0, 1.0, 0.96),
    "syn127_bv_indicator_table_dvt_baseline_pypdf.txt": (1.0, 1.0, 1.0, 1.0),
    "syn128_ttyt_start_end_landscape_rows_split_pypdf.txt": (1.0, 1.0, 1.0, 0.92),
    "syn129_bv_chuyen_khoa_legal_dates_in_words_pypdf.txt": (1.0, 1.0, 1.0, 1.0),
    "syn130_bv_deadline_second_products_with_numbers_pypdf.txt": (1.0, 1.0, 1.0, 0.93),
    "syn131_cdc_roadmap_year_columns_indicators_pypdf.txt": (1.0, 1.0, 0.99, 0.97),
    "syn132_dang_uy_bv_party_plan_tasks_pypdf.txt": (1.0, 1.0, 1.0, 0.94),
    "syn133_ttyt_table_continues_without_header_pypdf.txt": (1.0, 1.0, 1.0, 0.97),
    "syn134_soyte_city_hospitals_listed_in_cells_pypdf.txt": (1.0, 0.97, 1.0, 0.92),
    "syn135_bv_yhct_kpi_column_task_table_pypdf.txt": (1.0, 1.0, 0.98, 0.99),
    "syn136_ttyt_duties_table_then_tasks_table_pypdf.txt": (1.0, 1.0, 1.0, 0.97),
    "syn137_bv_citation_spacing_variants_pypdf.txt": (1.0, 1.0, 1.0, 1.0),
    "syn138_bv_table_header_wording_variants_pypdf.txt": (1.0, 1.0, 1.0, 1.0),
    "syn139_ttyt_deadline_phrasings_each_row_pypdf.txt": (1.0, 1.0, 1.0, 0.97),
    "syn140_soyte_legal_basis_cong_van_and_local_plans_pypdf.txt": (1.0, 1.0, 0.92, 0.96),
    "syn141_bv_objective_target_phrasings_mixed_pypdf.txt": (1.0, 1.0, 1.0, 0.98),
    "syn142_truong_cao_dang_y_te_plan_pypdf.txt": (1.0, 1.0, 0.97, 0.94),
    "syn143_bv_three_level_numbering_bulleted_units_pypdf.txt": (1.0, 1.0, 1.0, 0.9),
    "syn144_ttyt_units_written_as_prose_pypdf.txt": (1.0, 1.0, 1.0, 0.97),
    "syn145_chi_cuc_agency_plan_indicator_annex_pypdf.txt": (1.0, 1.0, 1.0, 0.95),
    "syn146_ttyt_plan_for_2027_years_left_out_pypdf.txt": (1.0, 1.0, 1.0, 0.94),
    "syn147_bv_running_header_footer_lines_pypdf.txt": (1.0, 1.0, 1.0, 0.98),
    "syn148_bv_tasks_grouped_by_quarter_rows_pypdf.txt": (1.0, 1.0, 1.0, 0.97),
    "syn149_cdc_start_end_one_column_unusual_labels_pypdf.txt": (1.0, 1.0, 1.0, 0.94),
}


@pytest.mark.parametrize("name", DRAWING_ORDER_TEXTS)
def test_eval_pdf_flattened_in_drawing_order_like_the_seeds(extracted, name):
    """The same plans as text in the PDF's drawing order: every cell after the one before
    it, short cells at one height sharing a line, two-row header labels glued together."""
    report = evaluate(GOLD, extracted, [GOLD / f"{name}.gold.json"])
    f1 = [report.table_counts(t).f1 if t in report.fields else 1.0
          for t in ("documents", "legal_basis", "targets", "tasks")]
    assert all(got >= floor for got, floor in zip(f1, DRAWING_ORDER_TEXTS[name])), (f1, report.mismatches)


RENDITIONS = ["000_than_uyen.docx", "000_than_uyen.pdf", "003_hoang_hoa.docx", "003_hoang_hoa.pdf",
              "000_than_uyen_long.docx", "000_than_uyen_long.pdf"]


@pytest.mark.parametrize("rendition", RENDITIONS)
def test_eval_rendition_scores_as_its_text(extracted, rendition):
    """PDF and DOCX renditions of the seeds (samples/renditions) score as the texts do."""
    report = evaluate(GOLD, extracted, [GOLD / f"{rendition}.gold.json"])
    f1 = {t: report.table_counts(t).f1 for t in report.fields}
    assert f1["documents"] == 1.0, report.mismatches
    assert f1["legal_basis"] == 1.0, report.mismatches
    assert f1["targets"] >= 0.98, report.mismatches
    assert f1["tasks"] >= 0.98, report.mismatches


@pytest.mark.parametrize("laid_out", ["000_than_uyen_pdftotext.txt", "003_hoang_hoa_pdftotext.txt",
                                      "000_than_uyen_long_pdftotext.txt"])
def test_eval_laid_out_text_scores_as_its_pdf(extracted, laid_out):
    """`pdftotext -layout` text of the renditions (samples/layout): columns are read from the
    spaces, as from a PDF page, so it scores as the PDF does (before the laid-out reader:
    targets 0.62, tasks 0.50 over the three). The long one has words pushed over a gutter
    ("… theo đúng tiến Phòng KH-TC-") and pages whose columns move with their words."""
    report = evaluate(GOLD, extracted, [GOLD / f"{laid_out}.gold.json"])
    f1 = {t: report.table_counts(t).f1 for t in report.fields}
    assert f1["documents"] == 1.0 and f1["legal_basis"] == 1.0, report.mismatches
    assert f1["targets"] >= 0.98 and f1["tasks"] >= 0.98, report.mismatches


@pytest.mark.parametrize("word_file", ["docx01_bvdk_vmerge_units.docx", "docx02_ttyt_autonumber_indicators.docx",
                                       "docx03_bvdk_tabheader_breaks.docx", "docx04_gridspan_header_numbered.docx"])
def test_eval_word_plan_written_in_word(extracted, word_file):
    """Plans built in Word by hand (samples/docx), not renditions of a seed: a lead unit
    merged down several rows, a two-row header, task numbers made by Word's numbering, an
    indicator table with empty value cells, a header typed with tabs, units split by line
    breaks. The seeds' thresholds hold."""
    report = evaluate(GOLD, extracted, [GOLD / f"{word_file}.gold.json"])
    f1 = {t: report.table_counts(t).f1 for t in report.fields}
    assert f1["documents"] == 1.0 and f1["legal_basis"] == 1.0, report.mismatches
    assert f1["targets"] >= 0.98 and f1["tasks"] >= 0.98, report.mismatches


@pytest.mark.parametrize("legacy", ["003_hoang_hoa_vni.docx", "003_hoang_hoa_vni.pdf"])
def test_eval_legacy_font_rendition_scores_as_its_unicode_twin(extracted, legacy):
    """The Hoằng Hóa rendition re-typed in VNI-Times (samples/legacy): converted to Unicode,
    it scores exactly as the Unicode DOCX and PDF do."""
    twin = legacy.replace("_vni", "")
    scores = []
    for gold in (legacy, twin):
        report = evaluate(GOLD, extracted, [GOLD / f"{gold}.gold.json"])
        scores.append({t: round(report.table_counts(t).f1, 4) for t in report.fields})
    assert scores[0] == scores[1] and scores[0]["documents"] == 1.0
    pages = pd.read_parquet(extracted / "pages.parquet")
    docs = pd.read_parquet(extracted / "documents.parquet")
    doc_id = docs[docs.source_path.str.endswith(legacy)].doc_id.iloc[0]
    assert set(pages[pages.doc_id == doc_id].text_source) == {"legacy_converted"}
    assert set(pages[pages.doc_id == doc_id].legacy_encoding) == {"vni"}


def _ocr_scores(extracted, gold_name: str):
    """The evaluation of a scan and its F1 per table; skipped where Tesseract is missing."""
    from extract.ocr import tesseract_available

    if not tesseract_available():
        pytest.skip("tesseract with tesseract-ocr-vie is not installed")
    report = evaluate(GOLD, extracted, [GOLD / gold_name])
    return report, {t: report.table_counts(t).f1 for t in report.fields}


# syn77: a plan built in Word, printed by LibreOffice and scanned at 200 dpi, each page turned
# by a different angle under 1°, with noise, blur, a seal over the signature (tasks 0.28 before
# the ruling was found ahead of the speck filter)
SCANS = ["003_hoang_hoa_scan.pdf", "000_than_uyen_scan.pdf", "000_than_uyen_long_scan.pdf",
         "syn77_scan_bv_phcn_rotated.pdf"]


@pytest.mark.parametrize("scan", SCANS)
def test_eval_scan_reaches_ocr_thresholds(extracted, scan):
    """Image-only scans (samples/scans, no text layer) read by OCR: the issue's thresholds."""
    report, f1 = _ocr_scores(extracted, f"{scan}.gold.json")
    assert f1["documents"] >= 0.95, report.mismatches
    assert f1["legal_basis"] >= 0.95, report.mismatches
    assert f1["targets"] >= 0.90, report.mismatches
    assert f1["tasks"] >= 0.90, report.mismatches


def test_eval_scan_of_fax_quality_holds_where_it_stands(extracted):
    """A plan sent as a 150-dpi black-and-white fax copy (scans/syn85): each page turned by up
    to 1°, a dark band along an edge, a fax header line, one page keystoned. The table was not
    found at all (the band pulled the skew to 0°) before the skew estimate left the margins
    out; OCR still misreads the place name "Lục Ngạn" and the signature under the seal."""
    report, f1 = _ocr_scores(extracted, "syn85_scan_fax_quality.pdf.gold.json")
    assert f1["documents"] >= 0.55 and f1["legal_basis"] >= 0.90, report.mismatches
    assert f1["targets"] >= 0.95 and f1["tasks"] >= 0.65, report.mismatches


def test_eval_scan_with_an_invisible_ocr_text_layer_is_read_by_our_ocr(extracted):
    """A scan that OCR software gave an invisible text layer (real_tools/syn94: Tesseract's
    searchable PDF, each page a full-page image under text in render mode 3). Its words are
    all there, but the table's rules are pixels, so the layer gives no cells: tasks 0.18 read
    from the layer, 0.93 from our own OCR, which finds the grid in the image. OCR reads the
    place "Tam Điệp" as "Tâm Điệp" in the header."""
    report, f1 = _ocr_scores(extracted, "syn94_scan_with_ocr_text_layer.pdf.gold.json")
    assert f1["documents"] >= 0.84 and f1["legal_basis"] >= 0.98, report.mismatches
    assert f1["targets"] >= 0.98 and f1["tasks"] >= 0.92, report.mismatches
    pages = pd.read_parquet(extracted / "pages.parquet")
    docs = pd.read_parquet(extracted / "documents.parquet")
    doc_id = docs[docs.source_path.str.endswith("syn94_scan_with_ocr_text_layer.pdf")].doc_id.iloc[0]
    assert set(pages[pages.doc_id == doc_id].text_source) == {"ocr"}


def test_eval_scan_of_a_plan_made_by_real_tools(extracted):
    """A LibreOffice PDF of another plan (real_tools/syn60), scanned like the seeds' renditions:
    the legal basis and targets hold; OCR misreads a Jrai signer's name ("Rõ Mah Thị Hướng")
    and the letters of the group rows ("A.", "B."), which is where it stands now."""
    report, f1 = _ocr_scores(extracted, "syn60_pdfplumber_bv_quan_y_scan.pdf.gold.json")
    assert f1["documents"] >= 0.90 and f1["legal_basis"] >= 0.95, report.mismatches
    assert f1["targets"] >= 0.95 and f1["tasks"] >= 0.80, report.mismatches


def test_long_rendition_yields_exactly_its_task_rows(extracted):
    import json
    import pandas as pd
    tasks = pd.read_parquet(extracted / "tasks.parquet")
    for rendition in ("000_than_uyen_long.docx", "000_than_uyen_long.pdf", "000_than_uyen_long_scan.pdf"):
        gold = json.loads((GOLD / f"{rendition}.gold.json").read_text("utf-8"))
        doc_id = gold["source_sha256"][:16]
        assert len(gold["tasks"]) == 68
        assert (tasks.doc_id == doc_id).sum() == 68, rendition


def test_eval_counts_a_missing_document_as_false_negatives(tmp_path):
    report = evaluate(GOLD, tmp_path, [GOLD / f"{SEEDS[0]}.gold.json"])
    counts = report.table_counts("tasks")
    assert counts.tp == 0 and counts.fn > 0 and report.table_counts("documents").f1 == 0.0


def test_eval_detects_a_wrong_value(extracted, tmp_path):
    import pyarrow.parquet as pq
    import shutil
    for f in extracted.glob("*.parquet"):
        shutil.copy(f, tmp_path / f.name)
    table = pq.read_table(tmp_path / "legal_basis.parquet")
    rows = table.to_pylist()
    import hashlib
    seed_id = hashlib.sha256((SAMPLES / f"{SEEDS[0]}.txt").read_bytes()).hexdigest()[:16]
    seed_row = next(i for i, r in enumerate(rows) if r["doc_id"] == seed_id and r["cited_issuer"] != "Quốc hội")
    rows[seed_row]["cited_issuer"] = "Quốc hội"
    pq.write_table(type(table).from_pylist(rows, schema=table.schema), tmp_path / "legal_basis.parquet")
    report = evaluate(GOLD, tmp_path, [GOLD / f"{s}.gold.json" for s in SEEDS])
    assert report.fields["legal_basis"]["cited_issuer"].fn == 1
    assert report.table_counts("legal_basis").f1 < 1.0
