"""Messages about documents a person attaches (checks, scanner folder, camera), in Vietnamese and English."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # --- checks by content (kiosk/documents.py) ----------------------------------------------------------
    "documents.empty": {
        "vi": "Tệp trống, không có nội dung. Vui lòng quét hoặc chọn lại giấy tờ.",
        "en": "The file is empty. Scan or choose the document again.",
    },
    "documents.too_large": {
        "vi": "Tệp nặng {size_mb} MB, quá giới hạn {limit_mb} MB. Vui lòng quét với độ phân giải thấp hơn hoặc chia nhỏ tệp.",
        "en": "The file is {size_mb} MB, over the {limit_mb} MB limit. Scan at a lower resolution or split it.",
    },
    "documents.unknown_type": {
        "vi": "Tệp này không phải PDF, JPEG hay PNG (dù tên tệp có thể nói khác). Vui lòng quét lại giấy tờ thành PDF hoặc ảnh.",
        "en": "This file is not a PDF, JPEG or PNG (whatever its name says). Scan the document again as a PDF or a picture.",
    },
    "documents.not_accepted": {
        "vi": "Giấy tờ này chỉ nhận tệp {allowed}. Vui lòng chọn tệp đúng loại.",
        "en": "This document accepts only {allowed} files. Choose a file of that kind.",
    },
    "documents.other_image": {
        "vi": "Ảnh dạng {kind} không được nhận. Vui lòng chụp hoặc quét lại giấy tờ thành ảnh JPEG, PNG hoặc tệp PDF.",
        "en": "{kind} pictures are not accepted. Photograph or scan the document again as JPEG, PNG or PDF.",
    },
    "documents.office_file": {
        "vi": "Đây là tệp {kind}, không phải bản quét. Vui lòng lưu tệp thành PDF (Lưu thành → PDF) hoặc in ra rồi quét.",
        "en": "This is a {kind} file, not a scan. Save it as PDF (Save as → PDF), or print it and scan it.",
    },
    "documents.pdf_damaged": {
        "vi": "Tệp PDF bị hỏng hoặc chưa chép hết nên không mở được. Vui lòng chép lại tệp hoặc quét lại giấy tờ.",
        "en": "The PDF is damaged or was not copied completely, so it cannot be opened. Copy it again or scan again.",
    },
    "documents.pdf_encrypted": {
        "vi": "Tệp PDF có mật khẩu hoặc bị khoá, cơ quan sẽ không mở được. Vui lòng bỏ mật khẩu rồi lưu lại, hoặc in ra và quét lại.",
        "en": "The PDF is password-protected, so the office cannot open it. Remove the password and save it again, or print and scan it.",
    },
    "documents.pdf_no_pages": {
        "vi": "Tệp PDF không có trang nào. Vui lòng quét lại giấy tờ.",
        "en": "The PDF has no pages. Scan the document again.",
    },
    "documents.pdf_too_many_pages": {
        "vi": "Tệp PDF có {pages} trang, nhiều hơn mức {limit} trang. Vui lòng chỉ quét các trang của giấy tờ này.",
        "en": "The PDF has {pages} pages, more than the {limit}-page limit. Scan only the pages of this document.",
    },
    "documents.image_damaged": {
        "vi": "Ảnh bị hỏng hoặc chưa chép hết nên không mở được. Vui lòng chụp hoặc quét lại giấy tờ.",
        "en": "The picture is damaged or incomplete, so it cannot be opened. Photograph or scan the document again.",
    },
    "documents.image_too_many_pixels": {
        "vi": "Ảnh quá lớn ({megapixels} triệu điểm ảnh, tối đa {limit} triệu). Vui lòng quét ở độ phân giải thấp hơn, ví dụ 300 dpi.",
        "en": "The picture is too big ({megapixels} megapixels, at most {limit}). Scan at a lower resolution, e.g. 300 dpi.",
    },
    "documents.image_too_small": {
        "vi": "Ảnh quá nhỏ ({width}×{height} điểm ảnh), không đọc được chữ. Vui lòng chụp hoặc quét lại, cạnh ngắn ít nhất {minimum} điểm ảnh.",
        "en": "The picture is too small ({width}×{height} pixels) to read. Photograph or scan again, at least {minimum} pixels on the short side.",
    },
    "documents.image_animated": {
        "vi": "Đây là ảnh động, không phải ảnh chụp giấy tờ. Vui lòng chụp hoặc quét lại giấy tờ.",
        "en": "This is an animated picture, not a photo of a document. Photograph or scan the document again.",
    },
    "documents.not_a_file": {
        "vi": "Mục đã chọn ({path}) không phải là một tệp giấy tờ (đó là thư mục, thiết bị hoặc ống dẫn) nên "
        "không được đọc. Vui lòng chọn một tệp PDF, JPG hoặc PNG.",
        "en": "What was chosen ({path}) is not a document file (it is a folder, a device or a pipe), so it "
        "is not read. Choose a PDF, JPG or PNG file.",
    },
    "documents.unreadable_file": {
        "vi": "Không đọc được tệp. Vui lòng kiểm tra USB hoặc thẻ nhớ vẫn đang cắm, rồi chọn lại.",
        "en": "The file cannot be read. Check that the USB stick or memory card is still plugged in, then choose again.",
    },
    "documents.checking": {
        "vi": "Đang kiểm tra tệp…",
        "en": "Checking the file…",
    },
    # --- the scanner's output folder (ui/scanner_folder.py) ----------------------------------------------
    "documents.scanner.button": {"vi": "Từ máy quét", "en": "From the scanner"},
    "documents.scanner.button_name": {
        "vi": "Lấy bản quét mới nhất từ máy quét",
        "en": "Take the newest scan from the scanner",
    },
    "documents.scanner.off": {
        "vi": 'Máy này chưa nối máy quét. Vui lòng bấm "Chọn tệp" hoặc "Chụp ảnh".',
        "en": 'No scanner is set up on this terminal. Use "Choose file" or "Take photo".',
    },
    "documents.scanner.no_folder": {
        "vi": "Không mở được thư mục của máy quét. Vui lòng kiểm tra máy quét đã bật và nối với máy, rồi bấm lại.",
        "en": "The scanner's folder cannot be opened. Check that the scanner is on and connected, then try again.",
    },
    "documents.scanner.empty": {
        "vi": 'Chưa có bản quét nào. Vui lòng đặt giấy tờ vào máy quét, bấm quét, rồi bấm "Từ máy quét".',
        "en": 'There is no scan yet. Put the document in the scanner, scan it, then press "From the scanner".',
    },
    "documents.scanner.busy": {
        "vi": "Máy quét vẫn đang ghi tệp. Chờ máy quét xong rồi bấm lại.",
        "en": "The scanner is still writing the file. Wait until it has finished, then try again.",
    },
    "documents.scanner.waiting": {
        "vi": "Đang lấy bản quét mới nhất…",
        "en": "Taking the newest scan…",
    },
    "documents.scanner.new_scan": {
        "vi": 'Có bản quét mới. Bấm "Từ máy quét" để đính kèm.',
        "en": 'There is a new scan. Press "From the scanner" to attach it.',
    },
    "documents.scanner.remove_offer": {
        "vi": "Giấy tờ đã được lưu an toàn (mã hoá) trong hồ sơ. Bản quét gốc vẫn nằm trong thư mục máy quét, không mã hoá, ai dùng máy này cũng mở được: nên xoá bản quét đó.",
        "en": "The document is kept safely (encrypted) in the dossier. The original scan is still in the scanner's folder, unencrypted, readable by anyone using this computer: it is best to delete it.",
    },
    "documents.scanner.remove": {"vi": "Xoá bản quét khỏi máy", "en": "Delete the scan from this computer"},
    "documents.scanner.removed": {
        "vi": "Đã xoá bản quét khỏi thư mục máy quét.",
        "en": "The scan was deleted from the scanner's folder.",
    },
    "documents.scanner.remove_failed": {
        "vi": "Không xoá được bản quét. Vui lòng nhờ nhân viên xoá tệp trong thư mục máy quét.",
        "en": "The scan could not be deleted. Ask staff to delete it from the scanner's folder.",
    },
    # --- the camera (ui/camera.py) -----------------------------------------------------------------------
    "documents.camera.button": {"vi": "Chụp ảnh", "en": "Take photo"},
    "documents.camera.button_name": {
        "vi": "Chụp ảnh giấy tờ bằng camera của máy",
        "en": "Photograph the document with this computer's camera",
    },
    "documents.camera.none": {
        "vi": 'Máy này không có camera. Vui lòng bấm "Chọn tệp" để chọn ảnh hoặc tệp PDF của giấy tờ.',
        "en": 'This computer has no camera. Use "Choose file" to pick a photo or PDF of the document.',
    },
    "documents.camera.none_scanner": {
        "vi": 'Máy này không có camera. Vui lòng bấm "Chọn tệp" hoặc "Từ máy quét".',
        "en": 'This computer has no camera. Use "Choose file" or "From the scanner".',
    },
    "documents.camera.failed": {
        "vi": 'Camera không hoạt động. Vui lòng bấm "Chọn tệp" hoặc "Từ máy quét", và nhờ nhân viên kiểm tra camera.',
        "en": 'The camera is not working. Use "Choose file" or "From the scanner", and ask staff to check the camera.',
    },
    "documents.camera.title": {"vi": "Chụp ảnh giấy tờ", "en": "Photograph the document"},
    "documents.camera.hint": {
        "vi": 'Đặt giấy tờ phẳng, đủ sáng, cả trang nằm trong khung hình, rồi bấm "Chụp".',
        "en": 'Lay the document flat in good light with the whole page in the frame, then press "Take".',
    },
    "documents.camera.starting": {"vi": "Đang mở camera…", "en": "Starting the camera…"},
    "documents.camera.take": {"vi": "Chụp", "en": "Take"},
    "documents.camera.take_name": {"vi": "Chụp ảnh giấy tờ", "en": "Take the photo"},
    "documents.camera.cancel": {"vi": "Huỷ", "en": "Cancel"},
    "documents.camera.preview_name": {"vi": "Hình từ camera", "en": "Camera picture"},
    "documents.camera.filename": {"vi": "anh-chup-giay-to.jpg", "en": "document-photo.jpg"},
}
