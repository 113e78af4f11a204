"""DVC Kiosk domain core: catalog, rules, crypto, store — never Qt, never httpx."""

__version__ = "0.1.0"
PRODUCT = "DVCKiosk"
