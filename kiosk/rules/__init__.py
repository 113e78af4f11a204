"""Vietnam rules: CCCD number and chip QR, phones, dates, names, e-mail, 2025 administrative units."""
