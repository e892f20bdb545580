"""Indicator catalog and classifier (normalize/indicators.py, normalize/data/indicators.yaml).

The expected indicator of every target of both seeds was written from reading each target,
not from the classifier's output; the phrasings tested further down are not the seeds'.
"""
from __future__ import annotations

import pytest

from kehoach.pipeline import extract_file
from normalize.indicators import THRESHOLD, catalog, classify_target, row_context

from .conftest import SEED_000, SEED_003

# (start of the target text, expected indicator or None): every target of the seed, in order.
EXPECTED_000 = [  # Bệnh viện Đa khoa Than Uyên, Lai Châu
    ("100% hồ sơ công việc được xử lý trên môi trường điện tử", "E_WORK_RECORDS"),
    ("Duy trì, triển khai bệnh án điện tử theo lộ trình", "EMR"),
    ("Tối thiểu 85% viên chức được bồi dưỡng kỹ năng số", "DIGITAL_SKILLS"),
    ("Trên 95% người bệnh hài lòng", "PATIENT_SATISFACTION"),
    ("Tối thiểu 01 viên chức phụ trách công nghệ thông tin, chuyển đổi số", "IT_STAFF"),
]
EXPECTED_003 = [  # Bệnh viện Đa khoa Hoằng Hóa, Thanh Hóa
    ("100% văn bản, hồ sơ công việc (trừ văn bản, hồ sơ bí mật nhà nước)", "E_WORK_RECORDS"),
    ("100% khoa, phòng sử dụng phần mềm quản lý văn bản, tích hợp chữ ký số", "DOC_MGMT_SOFTWARE"),
    ("100% hồ sơ bệnh án được quản lý trên nền tảng bệnh án điện tử", "EMR"),
    ("Ít nhất 90% cán bộ, viên chức, người lao động được tập huấn kỹ năng số", "DIGITAL_SKILLS"),
    ("Tổ chức tối thiểu 01 hội nghị/hội thảo khoa học", "SCI_CONFERENCE"),
    ("100% khoa, phòng thực hiện quy trình 5S, AIDET", "QUALITY_5S_AIDET"),
    ("Triển khai mô hình khám, chữa bệnh bằng CCCD và VNeID", "CHIP_ID_CHECKIN"),
    ("100% văn bản, hồ sơ công việc được xử lý trên môi trường điện tử", "E_WORK_RECORDS"),
    ("Cán bộ, viên chức, người lao động được tập huấn kỹ năng số cơ bản", "DIGITAL_SKILLS"),
    ("Hoàn thành hồ sơ bệnh án điện tử", "EMR"),
    ("Hội nghị khoa học/năm", "SCI_CONFERENCE"),
    ("Khám chữa bệnh bằng CCCD/VNeID", "CHIP_ID_CHECKIN"),
    ("Triển khai 5S, AIDET", "QUALITY_5S_AIDET"),
    ("Bố trí cán bộ phụ trách ATTT", "INFOSEC_OFFICER"),
    ("Sáng kiến cải tiển chất lượng/năm", "INNOVATION_INITIATIVES"),
    ("Đào tạo lãnh đạo số", "DIGITAL_LEADERSHIP"),
    ("Triển khai KIOSK y tế thông minh", "KIOSK"),
    ("Triển khai nền tảng quản lý lưu trú tại bệnh viện", "RESIDENCE_REG"),
    ("Báo cáo kết quả định kỳ", "REPORTING_ON_TIME"),
]


def _classified(path):
    result = extract_file(str(path))
    tasks = {t["task_no"]: t for t in result.tables["tasks"]}
    return [(t["text"], classify_target(t["text"], row_context(tasks.get(t["task_no"]))))
            for t in result.tables["targets"]]


@pytest.mark.parametrize("path, expected", [(SEED_000, EXPECTED_000), (SEED_003, EXPECTED_003)],
                         ids=["than-uyen", "hoang-hoa"])
def test_every_seed_target_has_its_expected_indicator(path, expected):
    got = _classified(path)
    assert len(got) == len(expected), [t for t, _ in got]
    for (text, match), (start, code) in zip(got, expected):
        assert text.startswith(start), (text, start)
        assert match.code == code, (text, match)
        if code is None:
            assert match.confidence < THRESHOLD
        else:
            assert match.confidence >= THRESHOLD and match.name == catalog()[code].name
            assert match.evidence.startswith(code), match.evidence


# Phrasings that are not the seeds': other hospitals, other word order, abbreviations, tone
# placement, capitals.
OTHER_PHRASINGS = [
    ("Phấn đấu 100% người bệnh nội trú được lập bệnh án điện tử trước 31/12/2026", "EMR"),
    ("Không sử dụng bệnh án giấy từ ngày 01/01/2027", "EMR"),
    ("Triển khai HSBA điện tử tại 100% khoa lâm sàng", "EMR"),
    ("Không dưới 95,5% hồ sơ bệnh án nội trú được ký số và lưu trữ dưới dạng điện tử", "EMR"),
    ("95% người dân trên địa bàn được lập hồ sơ sức khoẻ điện tử", "EHR"),
    ("Liên thông dữ liệu Sổ sức khỏe điện tử trên ứng dụng VNeID", "EHR"),
    ("100% đơn thuốc ngoại trú được liên thông lên Hệ thống đơn thuốc quốc gia", "E_PRESCRIPTION"),
    ("Tỷ lệ thanh toán viện phí qua mã QR, POS đạt trên 70%", "CASHLESS"),
    ("Giao dịch thanh toán viện phí không dùng tiền mặt đạt tối thiểu 50%", "CASHLESS"),
    ("Tiếp đón người bệnh BHYT bằng căn cước công dân gắn chip đạt 100%", "CHIP_ID_CHECKIN"),
    ("Từ 80% trở lên người bệnh khám bệnh bảo hiểm y tế sử dụng căn cước khi làm thủ tục", "CHIP_ID_CHECKIN"),
    ("Tối thiểu 80% nhân viên hoàn thành khóa học Bình dân học vụ số", "DIGITAL_SKILLS"),
    ("Mở 02 lớp tập huấn về chuyển đổi số cho điều dưỡng", "DIGITAL_SKILLS"),
    ("100% cán bộ lãnh đạo, quản lý được bồi dưỡng kỹ năng số", "DIGITAL_LEADERSHIP"),
    ("Mức độ hài lòng của bệnh nhân nội trú đạt ≥ 90%", "PATIENT_SATISFACTION"),
    ("Hội chẩn từ xa với bệnh viện tuyến trên ít nhất 12 ca/năm", "TELEMEDICINE"),
    ("Tham gia nền tảng Bác sĩ cho mọi nhà", "TELEMEDICINE"),
    ("Lắp đặt 03 ki-ốt đăng ký khám tự động tại khoa Khám bệnh", "KIOSK"),
    ("Cử 01 cán bộ chuyên trách bảo đảm an toàn thông tin, an ninh mạng", "INFOSEC_OFFICER"),
    ("100% máy trạm được cài đặt phần mềm phòng chống mã độc", "INFOSEC_SOFTWARE"),
    ("Trang bị tường lửa cho mạng nội bộ", "INFOSEC_SOFTWARE"),
    ("100% hệ thống thông tin được phê duyệt cấp độ an toàn", "INFOSEC_LEVEL"),
    ("Duy trì mô hình 5S tại 100% khoa lâm sàng", "QUALITY_5S_AIDET"),
    ("Mỗi năm tổ chức ít nhất 02 hội thảo khoa học cấp cơ sở", "SCI_CONFERENCE"),
    ("Tối thiểu 02 đề tài nghiên cứu khoa học được nghiệm thu/năm", "RESEARCH_PROJECTS"),
    ("Mỗi khoa, phòng có ít nhất 01 sáng kiến được công nhận/năm", "INNOVATION_INITIATIVES"),
    ("Gửi báo cáo về Sở Y tế đúng thời hạn quy định", "REPORTING_ON_TIME"),
    ("100% người bệnh nội trú được khai báo tạm trú qua phần mềm của Bộ Công an", "RESIDENCE_REG"),
    ("Thí điểm trí tuệ nhân tạo hỗ trợ đọc phim X-quang ngực", "AI_DIAGNOSIS"),
    ("Ứng dụng công cụ AI trong nội soi tiêu hóa", "AI_DIAGNOSIS"),
    ("Ứng dụng Internet vạn vật giám sát nhiệt độ tủ vắc xin", "IOT"),
    ("100% văn bản đi (trừ văn bản mật) được ký số", "DIGITAL_SIGNATURE"),
    ("100% khoa, phòng dùng hệ thống quản lý văn bản và điều hành", "DOC_MGMT_SOFTWARE"),
    ("Không dưới 85% người bệnh đặt lịch khám qua ứng dụng Zalo của bệnh viện", "ONLINE_BOOKING"),
    ("Tổ chức giao ban trực tuyến hằng tuần với các trạm y tế", "ONLINE_MEETING"),
    ("Bố trí 02 kỹ sư chuyên trách công nghệ thông tin", "IT_STAFF"),
    ("Dưới 3% hồ sơ đề nghị thanh toán bảo hiểm y tế bị xuất toán do sai sót dữ liệu", "BHYT_CLAIMS"),
    ("Tối đa 30 phút thời gian chờ đăng ký khám bệnh", "WAITING_TIME"),
    ("TRIỂN KHAI KIOSK TRA CỨU THÔNG TIN", "KIOSK"),
]


@pytest.mark.parametrize("text, code", OTHER_PHRASINGS, ids=[c + ":" + t[:30] for t, c in OTHER_PHRASINGS])
def test_other_phrasings(text, code):
    match = classify_target(text)
    assert match.code == code, match


NOTHING_FITS = [
    "Hoàn thành sửa chữa hệ thống điện khu nhà B",
    "Tỷ lệ nhiễm khuẩn bệnh viện dưới 5%",
    "100% cán bộ được tập huấn phòng cháy chữa cháy",
    "Dự toán kinh phí cho KHCN, ĐMST, CĐS phù hợp với tình hình thực tiễn",
    "Số hóa bài thuốc cổ phương, nghiệm phương của Bệnh viện",
    "Ai cũng phải chấp hành nội quy",   # "ai" (who) is not AI
    "",
]


@pytest.mark.parametrize("text", NOTHING_FITS)
def test_nothing_is_forced(text):
    match = classify_target(text)
    assert match.code is None and match.name is None
    assert match.confidence < THRESHOLD and match.evidence.startswith("no indicator")


def test_row_context_helps_and_counts_less_than_the_text():
    task = {"name": "Tổ chức tập huấn kỹ năng số cho viên chức", "product": "04 lớp tập huấn", "quantity_text": None}
    alone = classify_target("04 lớp tập huấn")
    with_row = classify_target("04 lớp tập huấn", row_context(task))
    assert alone.code is None
    assert with_row.code == "DIGITAL_SKILLS" and "table row" in with_row.evidence
    assert with_row.confidence < classify_target(task["name"]).confidence
    assert row_context({"name": "A", "product": float("nan"), "quantity_text": "100%"}) == "A | 100%"
    assert row_context(None) is None


def test_explainable_choice_between_two_indicators():
    # the measured noun comes first: work records, not signatures
    match = classify_target("100% hồ sơ công việc được xử lý trên môi trường điện tử, sử dụng chữ ký số.")
    assert match.code == "E_WORK_RECORDS"
    assert "“hồ sơ công việc được xử lý trên môi trường điện tử”" in match.evidence
    assert "DIGITAL_SIGNATURE" in match.evidence


def test_catalog():
    cat = catalog()
    assert len(cat) >= 25
    required = {"E_WORK_RECORDS", "DIGITAL_SIGNATURE", "DOC_MGMT_SOFTWARE", "EMR", "EHR", "E_PRESCRIPTION",
                "CASHLESS", "CHIP_ID_CHECKIN", "DIGITAL_SKILLS", "DIGITAL_LEADERSHIP", "PATIENT_SATISFACTION",
                "TELEMEDICINE", "KIOSK", "INFOSEC_OFFICER", "INFOSEC_SOFTWARE", "QUALITY_5S_AIDET",
                "SCI_CONFERENCE", "INNOVATION_INITIATIVES", "REPORTING_ON_TIME", "RESIDENCE_REG",
                "AI_DIAGNOSIS", "IOT"}
    assert required <= set(cat)
    for ind in cat.values():
        assert ind.name and ind.name[0].isupper() and ind.patterns
