"""Messages of the CCCD card intake (scanner, camera, image file), in Vietnamese and English."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "intake.scan_button": {"vi": "Quét thẻ căn cước", "en": "Scan the CCCD card"},
    "intake.scan_button_name": {
        "vi": "Quét mã QR trên thẻ căn cước (CCCD) để tự điền thông tin",
        "en": "Scan the QR code on the CCCD card to fill in your details",
    },
    "intake.filled_mark": {
        "vi": "Điền từ thẻ căn cước. Có thể sửa nếu chưa đúng.",
        "en": "Filled in from the CCCD card. You can change it if it is wrong.",
    },
    "intake.filled_notice": {
        "vi": "Đã điền họ tên, số thẻ căn cước, ngày sinh, giới tính và địa chỉ từ thẻ. Vui lòng kiểm tra lại từng mục.",
        "en": "Your name, CCCD number, date of birth, sex and address were filled in from the CCCD card. Please check each one.",
    },
    "intake.no_diacritics": {
        "vi": "Máy quét không đọc được dấu tiếng Việt. Vui lòng sửa họ tên cho có dấu, đúng như trên thẻ.",
        "en": "The scanner could not read the Vietnamese accents. Please correct the name with its accents, exactly as on the card.",
    },
    "intake.address_converted": {
        "vi": "Địa chỉ trên thẻ (đơn vị hành chính cũ): {old}. Đã chuyển sang phường/xã mới từ 01/7/2025; vui lòng kiểm tra lại.",
        "en": "Address on the card (old administrative units): {old}. It was converted to the ward or commune in use since 1 July 2025; please check it.",
    },
    "intake.address_ask_ward": {
        "vi": "Địa chỉ trên thẻ (đơn vị hành chính cũ): {old}. Vui lòng chọn phường/xã mới theo đơn vị hành chính từ 01/7/2025.",
        "en": "Address on the card (old administrative units): {old}. Please choose the ward or commune in use since 1 July 2025.",
    },
    "intake.address_candidates": {
        "vi": "Phường/xã cũ nay thuộc một trong các đơn vị: {names}.",
        "en": "The old ward or commune is now part of one of: {names}.",
    },
    "intake.address_no_diacritics": {
        "vi": "Địa chỉ được đọc không có dấu: vui lòng sửa số nhà, tên đường, thôn/tổ cho có dấu.",
        "en": "The address was read without accents: please correct the house number, street and hamlet with their accents.",
    },
    "intake.scan_failed": {
        # Every reason already says what to do (scan again, or type the details in).
        "vi": "Không đọc được thẻ căn cước: {reason} Chưa có thông tin nào bị thay đổi.",
        "en": "The CCCD card could not be read: {reason} Nothing was changed.",
    },
    "intake.stored_for_next": {
        "vi": "Đã đọc thẻ căn cước. Vui lòng chọn thủ tục: họ tên, số thẻ căn cước, ngày sinh, giới tính và địa chỉ sẽ được điền sẵn.",
        "en": "The CCCD card was read. Choose a procedure: your name, CCCD number, date of birth, sex and address will be filled in.",
    },
    "intake.message_title": {"vi": "Thẻ căn cước (CCCD)", "en": "CCCD card"},
    "intake.close": {"vi": "Đóng", "en": "Close"},
    "intake.close_name": {"vi": "Đóng thông báo", "en": "Close this message"},
    "intake.dialog_title": {"vi": "Quét thẻ căn cước (CCCD)", "en": "Scan the CCCD card"},
    "intake.dialog_text": {
        "vi": "Đưa mã QR ở mặt trước thẻ căn cước vào máy quét. Không có máy quét? Dùng camera, hoặc chọn ảnh chụp mã QR.",
        "en": "Hold the QR code on the front of the CCCD card to the scanner. No scanner? Use the camera, or choose a photo of the QR code.",
    },
    "intake.choose_image": {"vi": "Chọn ảnh mã QR", "en": "Choose a photo of the QR code"},
    "intake.choose_image_name": {
        "vi": "Chọn tệp ảnh có mã QR của thẻ căn cước",
        "en": "Choose an image file with the CCCD card's QR code",
    },
    "intake.image_filter": {"vi": "Ảnh (*.png *.jpg *.jpeg)", "en": "Images (*.png *.jpg *.jpeg)"},
    "intake.use_camera": {"vi": "Dùng camera", "en": "Use the camera"},
    "intake.use_camera_name": {
        "vi": "Đọc mã QR của thẻ căn cước bằng camera",
        "en": "Read the CCCD card's QR code with the camera",
    },
    "intake.camera_looking": {
        "vi": "Đưa mã QR trên thẻ lại gần camera, giữ yên một chút.",
        "en": "Hold the card's QR code close to the camera and keep it still.",
    },
    "intake.no_camera": {
        "vi": "Máy này không có camera. Vui lòng dùng máy quét hoặc chọn ảnh.",
        "en": "This computer has no camera. Use the scanner or choose a photo.",
    },
    "intake.image_no_qr": {
        "vi": "Không tìm thấy mã QR trong ảnh. Vui lòng chụp lại cho rõ, đủ sáng, mã QR nằm trọn trong ảnh.",
        "en": "No QR code was found in the image. Take the photo again: sharp, well lit, the whole QR code inside.",
    },
    "intake.image_unreadable": {
        "vi": "Không mở được tệp ảnh. Vui lòng chọn tệp ảnh JPG hoặc PNG.",
        "en": "The image file could not be opened. Choose a JPG or PNG image.",
    },
    "intake.serial_bad_text": {
        "vi": "Máy quét gửi dữ liệu không đọc được. Nhờ nhân viên đặt máy quét gửi chữ UTF-8, rồi quét lại.",
        "en": "The scanner sent data that cannot be read. Ask staff to set the scanner to send UTF-8 text, then scan again.",
    },
}
