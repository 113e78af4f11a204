"""Messages of the on-screen keyboard: key names for screen readers, its setting, its missing parts."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "keyboard.name": {"vi": "Bàn phím trên màn hình", "en": "On-screen keyboard"},
    "keyboard.letter": {"vi": "chữ {letter}", "en": "letter {letter}"},
    "keyboard.capital_letter": {"vi": "chữ {letter} hoa", "en": "capital {letter}"},
    "keyboard.digit": {"vi": "số {digit}", "en": "digit {digit}"},
    "keyboard.backspace": {"vi": "Xoá", "en": "Delete"},
    "keyboard.backspace_name": {"vi": "xoá ký tự trước", "en": "delete the character before"},
    "keyboard.space": {"vi": "dấu cách", "en": "space"},
    "keyboard.shift": {"vi": "Chữ hoa", "en": "Capital"},
    "keyboard.shift_name": {"vi": "chữ hoa", "en": "capital letter"},
    "keyboard.hide": {"vi": "Ẩn bàn phím", "en": "Hide keyboard"},
    "keyboard.hide_name": {"vi": "ẩn bàn phím", "en": "hide the keyboard"},
    "keyboard.tone.acute": {"vi": "sắc", "en": "acute"},
    "keyboard.tone.grave": {"vi": "huyền", "en": "grave"},
    "keyboard.tone.hook": {"vi": "hỏi", "en": "hook"},
    "keyboard.tone.tilde": {"vi": "ngã", "en": "tilde"},
    "keyboard.tone.dot": {"vi": "nặng", "en": "dot below"},
    "keyboard.tone.none": {"vi": "bỏ dấu", "en": "no tone"},
    "keyboard.tone.acute_name": {"vi": "dấu sắc", "en": "acute tone (sắc)"},
    "keyboard.tone.grave_name": {"vi": "dấu huyền", "en": "grave tone (huyền)"},
    "keyboard.tone.hook_name": {"vi": "dấu hỏi", "en": "hook tone (hỏi)"},
    "keyboard.tone.tilde_name": {"vi": "dấu ngã", "en": "tilde tone (ngã)"},
    "keyboard.tone.dot_name": {"vi": "dấu nặng", "en": "dot tone (nặng)"},
    "keyboard.tone.none_name": {"vi": "bỏ dấu thanh", "en": "remove the tone"},
    "keyboard.tone.makes": {"vi": "thành {word}", "en": "makes {word}"},
    "keyboard.tone.type_first": {
        "vi": "Gõ chữ trước, rồi chọn dấu",
        "en": "Type the letters first, then choose the tone",
    },
    "keyboard.comma": {"vi": "dấu phẩy", "en": "comma"},
    "keyboard.period": {"vi": "dấu chấm", "en": "full stop"},
    "keyboard.slash": {"vi": "dấu gạch chéo", "en": "slash"},
    "keyboard.at": {"vi": "a còng", "en": "at sign"},
    "keyboard.underscore": {"vi": "dấu gạch dưới", "en": "underscore"},
    "keyboard.tones_unavailable": {
        "vi": "Không dùng được phím dấu; vẫn gõ được chữ không dấu.",
        "en": "The tone keys are not available; letters without tones can still be typed.",
    },
    "keyboard.bad_setting": {
        "vi": "Mục onscreen_keyboard = '{value}' trong {path} không hợp lệ. Chọn auto, on hoặc off.",
        "en": "The setting onscreen_keyboard = '{value}' in {path} is not valid. Use auto, on or off.",
    },
}
