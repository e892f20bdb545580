"""Header, structure and legal-basis extraction on real phrasings, including document shapes
the two seeds do not have: a Quyết định that issues a plan, a Party plan, a web copy."""
import datetime as dt

from kehoach.pipeline import extract_bytes

DECISION = """\
ỦY BAN NHÂN DÂN TỈNH NGHỆ AN          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ Y TẾ                               Độc lập - Tự do - Hạnh phúc

Số: 1234/QĐ-SYT                       Nghệ An, ngày 05 tháng 3 năm 2026

QUYẾT ĐỊNH
Về việc ban hành Kế hoạch chuyển đổi số ngành Y tế năm 2026

GIÁM ĐỐC SỞ Y TẾ TỈNH NGHỆ AN

Căn cứ Luật Khám bệnh, chữa bệnh số 15/2023/QH15 ngày 09 tháng 01 năm 2023;
Căn cứ Nghị định số 13/2023/NĐ-CP ngày 17/4/2023 của Chính phủ về bảo vệ dữ liệu cá nhân;
Căn cứ Quyết định 06/QĐ-TTg ngày 06 tháng 01 năm 2022 của Thủ tướng Chính phủ phê duyệt Đề án 06;
Căn cứ Luật Công nghệ thông tin năm 2006;
Theo đề nghị của Trưởng phòng Nghiệp vụ Y.

QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Kế hoạch chuyển đổi số ngành Y tế năm 2026.
Điều 2. Các đơn vị triển khai theo Công văn số 512/SYT-NVY ngày 10/02/2026 của Sở Y tế.
Điều 3. Quyết định có hiệu lực kể từ ngày ký.

Nơi nhận:
- Như Điều 3;
- Lưu: VT, NVY.
KT. GIÁM ĐỐC
PHÓ GIÁM ĐỐC



BSCKII. Trần Văn Bình
"""

PARTY = """\
ĐẢNG BỘ SỞ Y TẾ TỈNH TUYÊN QUANG        ĐẢNG CỘNG SẢN VIỆT NAM
ĐẢNG ỦY BỆNH VIỆN ĐA KHOA KHU VỰC BẮC QUANG
*
Số 12-KH/ĐU                              Bắc Quang, ngày 10 tháng 3 năm 2026

KẾ HOẠCH
thực hiện Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị
về đột phá phát triển khoa học, công nghệ

Thực hiện Kế hoạch số 17-KH/TU, ngày 05/12/2025 của Ban Thường vụ Tỉnh ủy, Đảng ủy Bệnh viện
xây dựng Kế hoạch như sau:
I. MỤC ĐÍCH, YÊU CẦU
1. Quán triệt sâu sắc Nghị quyết trong toàn Đảng bộ.
II. TỔ CHỨC THỰC HIỆN
1. Các chi bộ: xây dựng kế hoạch của chi bộ.

Nơi nhận:
- Ban Thường vụ Đảng ủy Sở Y tế;
- Lưu Văn phòng Đảng ủy.
T/M ĐẢNG ỦY
BÍ THƯ

Nguyễn Thị Hoa
"""

WEB_COPY = """\
Trang chủ | Văn bản pháp luật | Tin tức
Số hiệu: 47/KH-SYT    Loại văn bản: Kế hoạch
Nơi ban hành: Sở Y tế tỉnh Lai Châu
Ngày ban hành: 09/02/2026
Tình trạng: Còn hiệu lực

| **SỞ Y TẾ TỈNH LAI CHÂU** | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM** |
| --- | --- |
| Số: 47/KH-SYT | *Lai Châu, ngày 09 tháng 02 năm 2026* |

**KẾ HOẠCH**
**Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị năm 2026**

Căn cứ Kế hoạch số 02-KH/BCĐTW ngày 19/6/2025 của Ban Chỉ đạo Trung ương về phát triển khoa học,
công nghệ, đổi mới sáng tạo và chuyển đổi số;
Sở Y tế xây dựng Kế hoạch như sau:
I. MỤC TIÊU
1. Mục tiêu cụ thể
- Tối thiểu 90% hồ sơ công việc được xử lý trên môi trường điện tử.
II. TỔ CHỨC THỰC HIỆN
Các đơn vị triển khai theo Quyết định số 5316/QĐ-BYT ngày 22/12/2020 của Bộ Y tế.

Nơi nhận:
- Các đơn vị trực thuộc;
- Lưu: VT, NVY.
GIÁM ĐỐC

Lò Văn Minh
"""


def _short_plan(header: str, title: str, rest: str) -> str:
    """A plan cut to what a header or signature test needs: its header lines, the type line and
    title, one căn cứ and an objectives section, then `rest` (objectives, signature, appendix)."""
    return (f"{header}KẾ HOẠCH\n{title}\n"
            "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị;\nI. MỤC TIÊU\n" + rest)


EYE_APPENDIX = "Phụ lục I: DANH MỤC NHIỆM VỤ\n(Kèm theo Kế hoạch số 17/KH-BVM ngày 12/3/2026 của Bệnh viện Mắt)\n"


def _tables(text: str) -> dict:
    result = extract_bytes(text.encode(), "test.txt")
    assert result.status in ("ok", "partial"), result.error_message
    return result.tables


def test_header_decision_with_columns_on_one_line():
    doc = _tables(DECISION)["documents"][0]
    assert doc["doc_type"] == "Quyết định"
    assert doc["doc_number"] == "1234/QĐ-SYT" and doc["doc_symbol"] == "QĐ-SYT"
    assert doc["parent_issuer"] == "Ủy ban nhân dân tỉnh Nghệ An"
    assert doc["issuer"] == "Sở Y tế tỉnh Nghệ An"  # the header's "SỞ Y TẾ", named in full in the body
    assert doc["place"] == "Nghệ An" and doc["issued_date"] == dt.date(2026, 3, 5)
    assert doc["province"] == "Nghệ An"
    assert doc["title"] == "Về việc ban hành Kế hoạch chuyển đổi số ngành Y tế năm 2026"
    assert (doc["signing_mode"], doc["signer_title"], doc["signer_name"]) == \
        ("KT.", "Phó Giám đốc", "Trần Văn Bình")


def test_legal_basis_decision_preamble_is_basis_articles_are_reference():
    rows = _tables(DECISION)["legal_basis"]
    by_number = {r["cited_number"]: r for r in rows}
    assert list(by_number) == ["15/2023/QH15", "13/2023/NĐ-CP", "06/QĐ-TTg", "512/SYT-NVY"]
    assert by_number["15/2023/QH15"]["cited_type"] == "Luật"
    assert by_number["15/2023/QH15"]["cited_date"] == dt.date(2023, 1, 9)
    assert by_number["06/QĐ-TTg"]["cited_issuer"] == "Thủ tướng Chính phủ"
    assert [r["role"] for r in rows] == ["basis", "basis", "basis", "reference"]


def test_sections_decision_articles_are_numbered_sections():
    paths = [s["path"] for s in _tables(DECISION)["sections"]]
    assert {"Điều 1", "Điều 2", "Điều 3"} <= set(paths)


PARTS = """\
SỞ Y TẾ TỈNH QUẢNG NGÃI
BỆNH VIỆN LAO VÀ BỆNH PHỔI
Số: 95/KH-BV
Quảng Ngãi, ngày 19 tháng 3 năm 2026
KẾ HOẠCH
Triển khai thực hiện Nghị quyết số 57-NQ/TW tại Bệnh viện năm 2026
Bệnh viện Lao và Bệnh phổi tỉnh Quảng Ngãi xây dựng Kế hoạch năm 2026 với các nội dung như sau:
PHẦN I. CĂN CỨ XÂY DỰNG KẾ HOẠCH
1. Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học;
2. Quyết định số 5316/QĐ-BYT ngày 22/12/2020 của Bộ Y tế.
PHẦN II. MỤC TIÊU
2. Chỉ tiêu cụ thể
2.1. Kết nối 100% máy xét nghiệm; hoàn thành trước ngày
30/9/2026.
PHẦN III. TỔ CHỨC THỰC HIỆN
Các khoa, phòng triển khai Kế hoạch này.
GIÁM ĐỐC
Võ Thành Trung
"""


def test_plan_in_parts_reads_its_legal_basis_list_and_title():
    """"PHẦN I. CĂN CỨ XÂY DỰNG KẾ HOẠCH" is a section like "I.": its numbered list is the
    legal basis; the title ends before the body's first sentence "… xây dựng Kế hoạch …"; the
    issuer "Bệnh viện Lao và Bệnh phổi" keeps its "và"."""
    tables = _tables(PARTS)
    assert tables["documents"][0]["title"] == "Triển khai thực hiện Nghị quyết số 57-NQ/TW tại Bệnh viện năm 2026"
    assert [(r["cited_number"], r["role"]) for r in tables["legal_basis"]] == [
        ("57-NQ/TW", "basis"), ("5316/QĐ-BYT", "basis")]
    assert {"I", "II", "III"} <= {s["path"] for s in tables["sections"]}


def test_numbered_target_goes_on_with_its_date_on_the_next_line():
    """"… hoàn thành trước ngày" / "30/9/2026.": the date is the item's, not a paragraph."""
    target = _tables(PARTS)["targets"][0]
    assert (target["value"], target["deadline_text"], target["due_end"]) == (
        100.0, "trước ngày 30/9/2026", dt.date(2026, 9, 30))


def test_phu_luc_ending_a_wrapped_sentence_is_no_appendix_heading():
    """"… thực hiện các nhiệm vụ được giao tại" / "Phụ lục.": the body goes on; the signature
    after it is still read and the appendix opens at "PHỤ LỤC"."""
    text = _short_plan("SỞ Y TẾ CAO BẰNG\nTRUNG TÂM Y TẾ KHU VỰC TRÙNG KHÁNH\nSố: 203/KH-TTYT\n",
                       "Chuyển đổi số năm 2026",
                       "- 100% hồ sơ được ký số.\nII. TỔ CHỨC THỰC HIỆN\n1. Các khoa, phòng\n"
                       "Chủ trì hoặc phối hợp thực hiện các nhiệm vụ được giao tại\nPhụ lục.\n"
                       "Nơi nhận:\n- Sở Y tế;\n- Lưu: VT.\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\nĐàm Quang Khải\n"
                       "PHỤ LỤC\nDANH MỤC NHIỆM VỤ\n")
    doc = _tables(text)["documents"][0]
    assert (doc["signing_mode"], doc["signer_title"], doc["signer_name"]) == ("KT.", "Phó Giám đốc", "Đàm Quang Khải")


def test_header_party_plan_without_colon_and_slash_signing():
    doc = _tables(PARTY)["documents"][0]
    assert doc["doc_number"] == "12-KH/ĐU"
    assert doc["issuer"] == "Đảng ủy Bệnh viện Đa khoa khu vực Bắc Quang"
    assert doc["parent_issuer"] == "Đảng bộ Sở Y tế tỉnh Tuyên Quang"
    assert doc["province"] == "Tuyên Quang"
    assert doc["issued_date"] == dt.date(2026, 3, 10)
    assert (doc["signing_mode"], doc["signer_title"], doc["signer_name"]) == ("TM.", "Bí thư", "Nguyễn Thị Hoa")


def test_legal_basis_party_plan_comma_before_date():
    rows = _tables(PARTY)["legal_basis"]
    assert [(r["cited_number"], r["cited_date"], r["role"]) for r in rows] == [
        ("57-NQ/TW", dt.date(2024, 12, 22), "basis"),
        ("17-KH/TU", dt.date(2025, 12, 5), "basis"),
    ]


def test_header_web_copy_ignores_menu_and_markup():
    tables = _tables(WEB_COPY)
    doc = tables["documents"][0]
    assert doc["doc_type"] == "Kế hoạch"
    assert doc["doc_number"] == "47/KH-SYT"
    assert doc["issuer"] == "Sở Y tế tỉnh Lai Châu"
    assert doc["issued_date"] == dt.date(2026, 2, 9)
    assert doc["title"] == "Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị năm 2026"
    assert doc["signer_name"] == "Lò Văn Minh"
    numbers = [(r["cited_number"], r["role"]) for r in tables["legal_basis"]]
    assert numbers == [("57-NQ/TW", "basis"), ("02-KH/BCĐTW", "basis"), ("5316/QĐ-BYT", "reference")]


def test_targets_web_copy_objective_bullet():
    targets = _tables(WEB_COPY)["targets"]
    assert [(t["comparator"], t["value"], t["unit"]) for t in targets] == [(">=", 90.0, "%")]


def test_not_a_plan_news_article():
    news = ("Sáng nay, trời Hà Nội nắng nhẹ. Người dân đi lại đông đúc trên các tuyến phố.\n" * 40).encode()
    result = extract_bytes(news, "news.txt")
    assert (result.status, result.error_code) == ("failed", "not_a_plan")


WEB_DECISION_WITH_PLAN = """\
Trang chủ | Văn bản mới | Hỏi đáp
Số hiệu: 77/QĐ-BVĐK    Loại văn bản: Quyết định
| SỞ Y TẾ THANH HÓA<br>**BỆNH VIỆN ĐA KHOA**<br>**HUYỆN NGA SƠN**<br>------- | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**<br>**Độc lập - Tự do - Hạnh phúc**<br>--------------- |
|---|---|
| Số: 77/QĐ-BVĐK<br>V/V BAN HÀNH KẾ HOẠCH | *Nga Sơn, ngày 02 tháng 02 năm 2026* |

**QUYẾT ĐỊNH**
**Về việc ban hành Kế hoạch chuyển đổi số năm 2026**

**GIÁM ĐỐC BỆNH VIỆN ĐA KHOA HUYỆN NGA SƠN**

*Căn cứ Nghị định số 13/2023/NĐ-CP ngày 17/4/2023 của Chính phủ về bảo vệ dữ liệu cá nhân;*

**QUYẾT ĐỊNH:**

**Điều 1.** Ban hành kèm theo Quyết định này Kế hoạch chuyển đổi số năm 2026.

**Điều 2.** Quyết định có hiệu lực kể từ ngày ký./.

| ***Nơi nhận:***<br>- Như Điều 2;<br>- Lưu: VT. | **KT. GIÁM ĐỐC**<br>**PHÓ GIÁM ĐỐC**<br><br><br>**BS. Mai Văn Tùng** |
|---|---|

**KẾ HOẠCH**
**Chuyển đổi số năm 2026**
*(Ban hành kèm theo Quyết định số 77/QĐ-BVĐK ngày 02/02/2026 của Giám đốc Bệnh viện)*

**I. MỤC TIÊU**

**1. Mục tiêu chung**

Xây dựng bệnh viện thông minh.

**2. Mục tiêu cụ thể**

- Tối thiểu 90% người bệnh đặt lịch khám trực tuyến.

**II. TỔ CHỨC THỰC HIỆN**

**1. Phòng Kế hoạch tổng hợp:** theo dõi, tổng hợp.
"""


def test_header_web_copy_br_cells_issuer_stops_at_number_line():
    doc = _tables(WEB_DECISION_WITH_PLAN)["documents"][0]
    assert doc["issuer"] == "Bệnh viện Đa khoa Huyện Nga Sơn"
    assert doc["parent_issuer"] == "Sở Y tế Thanh Hóa"
    assert doc["place"] == "Nga Sơn" and doc["issued_date"] == dt.date(2026, 2, 2)


def test_header_signature_inside_markdown_cell_with_br():
    doc = _tables(WEB_DECISION_WITH_PLAN)["documents"][0]
    assert (doc["signing_mode"], doc["signer_title"], doc["signer_name"]) == \
        ("KT.", "Phó Giám đốc", "Mai Văn Tùng")


def test_layout_plan_attached_after_decision_signature_gives_targets_and_duties():
    tables = _tables(WEB_DECISION_WITH_PLAN)
    assert [(t["comparator"], t["value"]) for t in tables["targets"]] == [(">=", 90.0)]
    assert [r["unit_name"] for r in tables["responsibilities"]] == ["Phòng Kế hoạch tổng hợp"]


def test_header_agencies_stop_at_number_line_capitals_below_are_not_issuer():
    from extract.header import header_to_agencies
    from extract.model import Line
    texts = ["SỞ Y TẾ TỈNH LAI CHÂU", "BỆNH VIỆN ĐA KHOA THAN UYÊN", "Số: 240/KH-BV",
             "V/V TRIỂN KHAI CHUYỂN ĐỔI SỐ"]
    lines = [Line(t, 0, len(t), 1) for t in texts]
    assert header_to_agencies(lines) == ["Sở Y tế tỉnh Lai Châu", "Bệnh viện Đa khoa Than Uyên"]


def test_title_party_plan_ends_at_rule_under_trich_yeu():
    text = PARTY.replace("về đột phá phát triển khoa học, công nghệ\n\nThực hiện",
                         "về đột phá phát triển khoa học, công nghệ\n-----\nThực hiện")
    doc = _tables(text)["documents"][0]
    assert doc["title"] == ("thực hiện Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị "
                            "về đột phá phát triển khoa học, công nghệ")


WRAPPED_DATE = """SỞ Y TẾ TỈNH QUẢNG TRỊ
TRUNG TÂM Y TẾ HUYỆN GIO LINH

Số: 45/KH-TTYT

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Gio Linh, ngày 12 tháng 3 năm
2026

KẾ HOẠCH
Chuyển đổi số năm 2026

I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
Triển khai Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị.
"""


def test_header_date_line_wrapped_before_the_year():
    doc = _tables(WRAPPED_DATE)["documents"][0]
    assert doc["place"] == "Gio Linh" and doc["issued_date"] == dt.date(2026, 3, 12)
    assert doc["issued_year"] == 2026 and doc["doc_number"] == "45/KH-TTYT"


WRAPPED_MOTTO = """SỞ Y TẾ THANH HÓA
BỆNH VIỆN ĐA KHOA
HOẰNG HÓA
CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT
NAM
Độc lập - Tự do - Hạnh phúc
Số: 15/KH-BVHH
Hoằng Hóa, ngày 10 tháng 10 năm 2025

KẾ HOẠCH
Chuyển đổi số năm 2026

I. MỤC ĐÍCH, YÊU CẦU
Triển khai Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị.
"""


def test_header_quoc_hieu_wrapped_in_a_ruled_header_cell_is_no_agency():
    """A PDF whose header is a ruled table prints cell by cell, and its narrow right cell
    wraps the Quốc hiệu before "NAM": neither piece is part of the issuer."""
    doc = _tables(WRAPPED_MOTTO)["documents"][0]
    assert doc["issuer"] == "Bệnh viện Đa khoa Hoằng Hóa"
    assert doc["parent_issuer"] == "Sở Y tế Thanh Hóa" and doc["doc_number"] == "15/KH-BVHH"


PRIVATE_HOSPITAL = """CÔNG TY CỔ PHẦN Y KHOA NAM
THIÊN PHÚC
BỆNH VIỆN ĐA KHOA
NAM THIÊN PHÚC
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT
NAM
Độc lập - Tự do - Hạnh phúc
Số: 18/2026/KH-BVĐK Cần Thơ, ngày 26 tháng 01 năm 2026
KẾ HOẠCH
Triển khai thực hiện Nghị quyết số 57-NQ/TW năm 2026
Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị;
I. MỤC TIÊU
- 100% hồ sơ bệnh án được ký số.
II. TỔ CHỨC THỰC HIỆN
1. Phòng Công nghệ thông tin: chủ trì triển khai.
Nơi nhận:
- Hội đồng quản trị Công ty (để b/c);
- Sở Y tế TP. Cần Thơ (để b/c);
TỔNG GIÁM ĐỐC
Huỳnh Thị Ngọc Diệp
"""


def test_header_private_hospital_under_a_company_signed_by_its_general_director():
    """syn102 (pypdf): a joint-stock company over its hospital, each name wrapped in the narrow
    column; "NAM THIÊN PHÚC" above the Quốc hiệu ends the hospital's name, it does not finish
    the Quốc hiệu ("… VIỆT" / "NAM" below it does)."""
    doc = _tables(PRIVATE_HOSPITAL)["documents"][0]
    assert (doc["parent_issuer"], doc["issuer"]) == (
        "Công ty Cổ phần Y khoa Nam Thiên Phúc", "Bệnh viện Đa khoa Nam Thiên Phúc")
    assert (doc["signer_title"], doc["signer_name"]) == ("Tổng Giám đốc", "Huỳnh Thị Ngọc Diệp")
    assert doc["doc_number"] == "18/2026/KH-BVĐK"


def test_recase_org_keeps_the_usual_casing_of_name_phrases():
    from extract.header import recase_org

    assert recase_org("BỆNH VIỆN Y HỌC CỔ TRUYỀN VÀ PHỤC HỒI CHỨC NĂNG") == \
        "Bệnh viện Y học cổ truyền và Phục hồi chức năng"
    assert recase_org("BỆNH VIỆN ĐA KHOA THÀNH PHỐ HUẾ") == "Bệnh viện Đa khoa thành phố Huế"
    assert recase_org("BỆNH VIỆN NHÂN DÂN GIA ĐỊNH") == "Bệnh viện Nhân dân Gia Định"


_WEB_COPY = (
    "Cổng thông tin điện tử Sở Y tế tỉnh Quảng Ngãi\nSố ký hiệu: 52/KH-TTYT\nNội dung văn bản:\n\n"
    "SỞ Y TẾ QUẢNG NGÃI TRUNG TÂM Y TẾ KHU VỰC ĐỨC PHỔ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM "
    "Độc lập - Tự do - Hạnh phúc\n"
    "Số: 52/KH-TTYT Đức Phổ, ngày 16 tháng 3 năm 2026\nKẾ HOẠCH\nChuyển đổi số năm 2026\n"
    "Căn cứ Kế hoạch số 86/KH-SYT ngày 27 tháng 02 năm 2026 của Sở Y tế tỉnh Quảng Ngãi;\n"
    "I. MỤC TIÊU\n1. 100% trạm y tế sử dụng hồ sơ sức khỏe điện tử.\n"
    "II. TỔ CHỨC THỰC HIỆN\n1. Phòng Kế hoạch - Nghiệp vụ: tổng hợp.\n"
    "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n(Đã ký)\nBS.CKII Võ Đình Phước\n"
    "Nơi nhận:\n- Sở Y tế tỉnh Quảng Ngãi (để b/c);\n- Lưu: VT, KH-NV.\n"
)


def test_header_web_copy_one_line_header_signature_before_recipients():
    """A portal's copy: parent and issuer printed on one line with the Quốc hiệu, the signature
    right before "Nơi nhận:", "(Đã ký)" in place of the signature, a title without its dot."""
    doc = _tables(_WEB_COPY)["documents"][0]
    assert (doc["parent_issuer"], doc["issuer"]) == ("Sở Y tế Quảng Ngãi", "Trung tâm Y tế khu vực Đức Phổ")
    assert (doc["signing_mode"], doc["signer_title"], doc["signer_name"]) == ("KT.", "Phó Giám đốc", "Võ Đình Phước")


def test_title_in_capitals_on_two_lines_and_numbered_appendix_heading():
    """A trích yếu in capitals wraps onto a second capitals line; "Phụ lục I: DANH MỤC …" opens
    the appendix, so its "(Kèm theo Kế hoạch số …)" is the plan's own number."""
    text = _short_plan("SỞ Y TẾ BẮC NINH\nBỆNH VIỆN MẮT\nSố: 17/KH-BVM\n",
                       "ỨNG DỤNG CÔNG NGHỆ THÔNG TIN NĂM 2026 THỰC HIỆN\nNGHỊ QUYẾT SỐ 57-NQ/TW CỦA BỘ CHÍNH TRỊ\n",
                       "1. 100% hồ sơ được ký số.\nGIÁM ĐỐC\nNgô Quang Vinh\n" + EYE_APPENDIX)
    tables = _tables(text)
    assert tables["documents"][0]["title"] == \
        "ỨNG DỤNG CÔNG NGHỆ THÔNG TIN NĂM 2026 THỰC HIỆN NGHỊ QUYẾT SỐ 57-NQ/TW CỦA BỘ CHÍNH TRỊ"
    assert ("self", "17/KH-BVM") in [(r["role"], r["cited_number"]) for r in tables["legal_basis"]]


def test_decision_attached_to_in_an_appendix_cell_is_a_reference_not_the_plan_itself():
    """"Sửa đổi Quy chế ban hành kèm theo Quyết định số 245/QĐ-BVM" in a table cell cites
    another document; only the plan's own kind of document "(Kèm theo Kế hoạch số …)" is self."""
    text = _short_plan("SỞ Y TẾ BẮC NINH\nBỆNH VIỆN MẮT\nSố: 17/KH-BVM\n", "Ứng dụng công nghệ thông tin năm 2026\n",
                       "1. 100% hồ sơ được ký số.\nGIÁM ĐỐC\nNgô Quang Vinh\n" + EYE_APPENDIX +
                       "TT Nhiệm vụ Đơn vị chủ trì Thời gian hoàn thành\n"
            "1 Sửa đổi Quy chế ban hành kèm theo Quyết định số 245/QĐ-BVM ngày 12/12/2025 Phòng TCHC Quý II/2026\n")
    roles = {r["cited_number"]: r["role"] for r in _tables(text)["legal_basis"]}
    assert (roles["17/KH-BVM"], roles["245/QĐ-BVM"]) == ("self", "reference")


def test_commune_health_station_under_a_regional_centre_is_the_issuer():
    """A Trạm Y tế xã under its Trung tâm Y tế khu vực (both wrapped in a narrow column): the
    station issues, the centre is its parent, "TRƯỞNG TRẠM" signs."""
    text = _short_plan("TRUNG TÂM Y TẾ KHU VỰC\nKIẾN XƯƠNG\nTRẠM Y TẾ XÃ BÌNH\nTHANH\nSố: 12/KH-TYT\n\n"
                       "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
                       "Bình Thanh, ngày 09 tháng 02 năm 2026\n", "Triển khai chuyển đổi số y tế năm 2026",
                       "- 100% người dân được lập hồ sơ sức khỏe điện tử.\nNơi nhận:\n- TTYT khu vực;\n"
                       "- Lưu: VT.\nTRƯỞNG TRẠM\n\nPhạm Văn Hùng\n")
    doc = _tables(text)["documents"][0]
    assert (doc["issuer"], doc["parent_issuer"]) == ("Trạm Y tế xã Bình Thanh", "Trung tâm Y tế khu vực Kiến Xương")
    assert (doc["signer_title"], doc["signer_name"]) == ("Trưởng trạm", "Phạm Văn Hùng")


def test_signature_with_a_seals_ink_read_beside_the_title_and_name():
    """A scan of a stamped signature: "SN" read beside "PHÓ GIÁM ĐỐC" is no part of the title,
    "`**'" before the name is ink, not letters."""
    text = _short_plan("SỞ Y TẾ HẢI PHÒNG\nBỆNH VIỆN PHỤC HỒI CHỨC NĂNG\nSố: 64/KH-BVPHCN\n"
                       "Hải Phòng, ngày 18 tháng 3 năm 2026\n", "Chuyển đổi số năm 2026",
                       "- 100% hồ sơ được ký số.\nNơi nhận: KT. GIÁM ĐỐC\n- Sở Y tế (để b/c); PHÓ GIÁM ĐỐC SN\n"
                       "- Lưu: VT, KHTH.\n`**'Nguyễn Văn Hải\n")
    doc = _tables(text)["documents"][0]
    assert (doc["signer_title"], doc["signer_name"]) == ("Phó Giám đốc", "Nguyễn Văn Hải")


SO_Y_TE = """\
UBND TỈNH LẠNG SƠN
SỞ Y TẾ
Số: 1502/KH-SYT                       Lạng Sơn, ngày 08 tháng 4 năm 2026
KẾ HOẠCH
Triển khai Nghị quyết số 57-NQ/TW năm 2026
Căn cứ Thông tư số 54/2017/TT-BYT ngày 29/12/2017 của Bộ trưởng Bộ Y tế ban hành kèm theo Bộ tiêu chí;
Sở Y tế tỉnh Lạng Sơn ban hành Kế hoạch như sau:
I. MỤC TIÊU
- 100% đơn vị triển khai bệnh án điện tử.
KT. GIÁM ĐỐC
PHÓ GIÁM ĐỐC
H'Liên Niê
"""


def test_issuer_header_short_name_gets_its_province_from_the_body():
    doc = _tables(SO_Y_TE)["documents"][0]
    assert doc["issuer"] == "Sở Y tế tỉnh Lạng Sơn" and doc["parent_issuer"] == "UBND tỉnh Lạng Sơn"


def test_signer_name_with_an_apostrophe_ede_jarai():
    assert _tables(SO_Y_TE)["documents"][0]["signer_name"] == "H'Liên Niê"


def test_blank_date_is_not_filled_from_a_text_issued_kem_theo_another():
    text = SO_Y_TE.replace("ngày 08 tháng 4 năm 2026", "ngày      tháng 4 năm 2026").replace(
        "Căn cứ Thông tư", "Đáp ứng Bộ tiêu chí ban hành kèm theo Thông tư")
    doc = _tables(text)["documents"][0]
    assert doc["issued_date"] is None and doc["issued_year"] == 2026


def test_place_and_date_written_with_slashes():
    doc = _tables(SO_Y_TE.replace("Lạng Sơn, ngày 08 tháng 4 năm 2026", "Lạng Sơn, ngày 08/4/2026"))["documents"][0]
    assert doc["place"] == "Lạng Sơn" and doc["issued_date"] == dt.date(2026, 4, 8)


def test_title_in_lower_case_goes_on_past_an_empty_line():
    text = ("KẾ HOẠCH\n\nThực hiện Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị\n\n"
            "về đột phá phát triển khoa học, công nghệ\n\nI. MỤC ĐÍCH, YÊU CẦU\n"
            "- Tối thiểu 90% người bệnh được tiếp đón bằng\n\ncăn cước trước ngày 30/6/2026.\n")
    tables = _tables(text)
    assert tables["documents"][0]["title"] == ("Thực hiện Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của "
                                               "Bộ Chính trị về đột phá phát triển khoa học, công nghệ")


def test_signature_beside_recipients_in_a_grid_table():
    """pandoc prints the Nơi nhận and the signature as a two-column grid table: the title and
    the name are the right column of their lines."""
    text = ("SỞ Y TẾ ĐIỆN BIÊN\nBỆNH VIỆN ĐA KHOA TỈNH\nSố: 286/KH-BVĐK\nKẾ HOẠCH\nChuyển đổi số năm 2026\n\n"
            "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị;\nI. MỤC TIÊU\n"
            "1. 100% hồ sơ được ký số.\n\n"
            "+---------------------------------+------------------------------------+\n"
            "| Nơi nhận:                       | GIÁM ĐỐC                           |\n"
            "|                                 |                                    |\n"
            "| - Sở Y tế tỉnh Điện Biên (để    | TS.BS. Lường Văn Khiêm             |\n"
            "| b/c);                           |                                    |\n"
            "| - Lưu: VT, KHTH.                |                                    |\n"
            "+---------------------------------+------------------------------------+\n")
    doc = _tables(text)["documents"][0]
    assert (doc["signer_title"], doc["signer_name"]) == ("Giám đốc", "Lường Văn Khiêm")


# pdfplumber's text of a LibreOffice PDF (syn60): both header columns share lines, the
# Quốc hiệu wraps "VIỆT NAM" into the issuer's line, the signature shares lines with the
# recipients and the signer's name wraps; "(Phụ lục" / "kèm theo)" wraps inside the body.
PDFPLUMBER_PLAN = """\
SỞ Y TẾ TỈNH GIA LAI CỘNG HÒA XÃ HỘI CHỦ NGHĨA
BỆNH VIỆN ĐA KHOA VIỆT NAM
TỈNH GIA LAI Độc lập - Tự do - Hạnh phúc
Số: 527/KH-BVĐK Gia Lai, ngày 16 tháng 3 năm 2026
KẾ HOẠCH
Chuyển đổi số tại Bệnh viện Đa khoa tỉnh Gia Lai năm 2026
Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị;
I. MỤC ĐÍCH, YÊU CẦU
Các khoa, phòng thực hiện các nhiệm vụ (chi tiết tại
Phụ lục kèm theo)
II. TỔ CHỨC THỰC HIỆN
Phòng Công nghệ thông tin là đầu mối.
Nơi nhận: KT. GIÁM ĐỐC
- Sở Y tế tỉnh Gia Lai (để b/c); PHÓ GIÁM ĐỐC
- Ban Giám đốc;
- Lưu: VT, P.CNTT.
BSCKII. Rơ Mah Thị
Hương
PHỤ LỤC
DANH MỤC NHIỆM VỤ
"""


def test_pdfplumber_header_signature_beside_recipients_and_wrapped_name():
    doc = _tables(PDFPLUMBER_PLAN)["documents"][0]
    assert (doc["issuer"], doc["signing_mode"], doc["signer_title"], doc["signer_name"]) == \
        ("Bệnh viện Đa khoa tỉnh Gia Lai", "KT.", "Phó Giám đốc", "Rơ Mah Thị Hương")


def test_title_of_six_lines_goes_on_while_a_line_continues_the_phrase():
    text = ("KẾ HOẠCH\nTriển khai thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính\ntrị và Kế hoạch số 48/KH-SYT\n"
            "của Sở Y tế về đột phá phát triển khoa học, công nghệ, đổi\nmới sáng tạo và chuyển đổi số\n"
            "tại Bệnh viện Ung bướu tỉnh Thái Nguyên giai đoạn 2026 -\n2027, định hướng đến năm 2030\n\n"
            "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị;\nI. MỤC ĐÍCH, YÊU CẦU\n")
    assert _tables(text)["documents"][0]["title"].endswith("giai đoạn 2026 - 2027, định hướng đến năm 2030")


def test_appendix_opens_at_its_kem_theo_line_when_ocr_garbled_its_heading():
    text = PDFPLUMBER_PLAN.replace("PHỤ LỤC\nDANH MỤC NHIỆM VỤ\n", "2. „TH LỤC\nhi th hi,\nDANH MỤC NHIỆM VỤ\n"
                                   "(Kèm theo Kế hoạch số 527/KH-BVĐK ngày 16/3/2026 của Bệnh viện Đa khoa)\n")
    tables = _tables(text)
    assert [(r["role"], r["cited_number"]) for r in tables["legal_basis"]][-1] == ("self", "527/KH-BVĐK")


def test_signature_title_after_noi_nhan_and_name_after_a_recipient_on_one_line():
    # pdfplumber's text of syn62: one space between the recipients column and the signature
    text = PDFPLUMBER_PLAN.replace(
        "Nơi nhận: KT. GIÁM ĐỐC\n- Sở Y tế tỉnh Gia Lai (để b/c); PHÓ GIÁM ĐỐC\n- Ban Giám đốc;\n"
        "- Lưu: VT, P.CNTT.\nBSCKII. Rơ Mah Thị\nHương\n",
        "Nơi nhận: GIÁM ĐỐC\n- Sở Y tế tỉnh Gia Lai (để b/c);\n- Lưu: VT, KHTH-CNTT. BSCKII. Thạch Thị Mỹ\nDuyên\n")
    doc = _tables(text)["documents"][0]
    assert (doc["signing_mode"], doc["signer_title"], doc["signer_name"]) == (None, "Giám đốc", "Thạch Thị Mỹ Duyên")


def test_signer_name_after_a_tab_on_the_last_recipient_line():
    # a Word file typed with a right tab stop (syn64), read from the .docx
    text = PDFPLUMBER_PLAN.replace("- Lưu: VT, P.CNTT.\nBSCKII. Rơ Mah Thị\nHương\n", "- Lưu: VT, P.CNTT.\tVũ Đức Thịnh\n")
    assert _tables(text)["documents"][0]["signer_name"] == "Vũ Đức Thịnh"


def test_signer_name_after_the_last_recipients_full_stop_on_one_line():
    # pdfplumber's text of the same Word file (syn64): the tab became one space
    text = PDFPLUMBER_PLAN.replace("- Lưu: VT, P.CNTT.\nBSCKII. Rơ Mah Thị\nHương\n", "- Lưu: VT, KH-NV. Vũ Đức Thịnh\n")
    assert _tables(text)["documents"][0]["signer_name"] == "Vũ Đức Thịnh"


def test_issuer_prefix_wrapped_in_a_narrow_header_column_opens_the_issuer():
    # a LibreOffice PDF (syn68): "TRUNG TÂM KIỂM" / "SOÁT BỆNH TẬT" / "TỈNH AN GIANG" under the parent
    from extract.header import header_to_agencies
    from extract.model import Line

    lines = [Line(t, 0, 0, 1, False) for t in
             ("SỞ Y TẾ TỈNH AN GIANG", "TRUNG TÂM KIỂM", "SOÁT BỆNH TẬT", "TỈNH AN GIANG", "Số: 96/KH-KSBT")]
    assert header_to_agencies(lines) == ["Sở Y tế tỉnh An Giang", "Trung tâm Kiểm soát bệnh tật tỉnh An Giang"]


def test_title_ends_at_a_justified_can_cu_line_and_at_a_body_sentence_cut_over_two_lines():
    justified = ("KẾ HOẠCH\nTriển khai Luật Khoa học, công nghệ và đổi mới sáng tạo\nvà Nghị quyết số 57-NQ/TW "
                 "tại Trung tâm năm 2026\nCăn  cứ  Luật  Khoa  học,  công  nghệ  và  đổi  mới  sáng  tạo  số\n"
                 "93/2025/QH15 ngày 27/6/2025;\nI. MỤC TIÊU\n")
    assert _tables(justified)["documents"][0]["title"] == \
        "Triển khai Luật Khoa học, công nghệ và đổi mới sáng tạo và Nghị quyết số 57-NQ/TW tại Trung tâm năm 2026"
    cut = _short_plan("", "Triển khai thực hiện Nghị quyết số 57-NQ/TW của Bộ\nChính trị tại Bệnh viện năm\n2026\n"
                      "Bệnh viện Lao và Bệnh phổi tỉnh Quảng Ngãi xây dựng Kế\nhoạch triển khai thực hiện với "
                      "các nội dung như sau:", "")
    assert _tables(cut)["documents"][0]["title"] == \
        "Triển khai thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị tại Bệnh viện năm 2026"


def test_signer_title_stops_at_the_recipients_printed_beside_it():
    """syn94's OCR layer: "PHÓ GIÁM ĐỐC - Sở Y tế tỉnh Ninh Bình (để b/c);" is the title and,
    beside it, the first recipient."""
    text = _short_plan("SỞ Y TẾ NINH BÌNH\nBỆNH VIỆN ĐA KHOA KHU VỰC TAM ĐIỆP\nSố: 265/KH-BVTĐ\n",
                       "Chuyển đổi số năm 2026",
                       "- 100% hồ sơ được ký số.\nII. TỔ CHỨC THỰC HIỆN\n1. Các khoa, phòng thực hiện.\n"
                       "KT. GIÁM ĐỐC Nơi nhận:\n"
                       "PHÓ GIÁM ĐỐC - Sở Y tế tỉnh Ninh Bình (để b/c); - Đảng ủy Bệnh viện (để b/c);\n"
                       "- Lưu: VT, KHTH.\nBùi Thị Thanh Nhàn\n")
    doc = _tables(text)["documents"][0]
    assert (doc["signing_mode"], doc["signer_title"], doc["signer_name"]) == ("KT.", "Phó Giám đốc", "Bùi Thị Thanh Nhàn")


# pdfplumber's extract_text() of syn89: the header's two columns printed line by line, the
# Quốc hiệu cut after "VIỆT", and the rule under the issuer typed as underscores.
COLUMNS_LINE_BY_LINE = """SỞ Y TẾ THÀNH PHỐ HỒ CHÍ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT
MINH NAM
TRUNG TÂM Y TẾ KHU VỰC Độc lập - Tự do - Hạnh phúc
THUẬN AN _______________________
____________
Số: 142/KH-TTYT Thuận An, ngày 21 tháng 4 năm 2026
KẾ HOẠCH
Triển khai Nghị quyết số 57-NQ/TW năm 2026
Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị;
I. MỤC TIÊU
- 100% hồ sơ bệnh án được ký số.
"""


def test_header_quoc_hieu_cut_after_viet_beside_the_parent_is_no_part_of_it():
    doc = _tables(COLUMNS_LINE_BY_LINE)["documents"][0]
    assert doc["parent_issuer"] == "Sở Y tế thành phố Hồ Chí Minh"
    assert doc["issuer"] == "Trung tâm Y tế khu vực Thuận An"


def test_header_quoc_hieu_wrapped_after_chu_is_no_agency():
    """syn126 in drawing order: the narrow right column wraps the Quốc hiệu after "CHỦ"."""
    doc = _tables("UBND TỈNH PHÚ THỌ\nSỞ Y TẾ\n───────\nCỘNG HÒA XÃ HỘI CHỦ\nNGHĨA VIỆT NAM\n"
                  "Độc lập - Tự do - Hạnh phúc\nSố: 1286/KH-SYT Phú Thọ, ngày 17 tháng 3 năm\n2026\n"
                  "KẾ HOẠCH\nThực hiện Nghị quyết số 57-NQ/TW năm 2026\n"
                  "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị;\nI. MỤC TIÊU\n"
                  "- 100% hồ sơ được ký số.\n")["documents"][0]
    assert doc["issuer"] == "Sở Y tế" and doc["parent_issuer"] == "UBND tỉnh Phú Thọ"


def test_issuer_wrapped_after_its_type_goes_on_over_a_line_opening_with_a_type():
    """syn138: "BỆNH VIỆN ĐA KHOA" / "TRUNG TÂM TỈNH" / "LẠNG SƠN" is one hospital, though its
    second line opens with "TRUNG TÂM"; "BỘ Y TẾ" above a hospital stays its parent."""
    doc = _tables("SỞ Y TẾ TỈNH LẠNG SƠN\nBỆNH VIỆN ĐA KHOA\nTRUNG TÂM TỈNH\nLẠNG SƠN\nSố: 312/KH-BVĐKTT\n"
                  "CỘNG HÒA XÃ HỘI CHỦ NGHĨA\nVIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
                  "Lạng Sơn, ngày 18 tháng 3 năm 2026\nKẾ HOẠCH\nTriển khai Nghị quyết số 57-NQ/TW năm 2026\n"
                  "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị;\nI. MỤC TIÊU\n"
                  "- 100% hồ sơ được ký số.\n")["documents"][0]
    assert (doc["issuer"], doc["parent_issuer"]) == ("Bệnh viện Đa khoa Trung tâm tỉnh Lạng Sơn", "Sở Y tế tỉnh Lạng Sơn")
    doc = _tables("BỘ Y TẾ\nBỆNH VIỆN TRUNG ƯƠNG HUẾ\nSố: 1520/KH-BVH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                  "Độc lập - Tự do - Hạnh phúc\nHuế, ngày 13 tháng 3 năm 2026\nKẾ HOẠCH\n"
                  "Triển khai Nghị quyết số 57-NQ/TW năm 2026\nI. MỤC TIÊU\n- 100% hồ sơ được ký số.\n")["documents"][0]
    assert (doc["issuer"], doc["parent_issuer"]) == ("Bệnh viện Trung Ương Huế", "Bộ Y tế")
